"""What every content admin shares: translated fields side by side, translation status,
publication, and a history in which nothing an editor does is lost for good.

`ContentAdmin` is the base of every content admin. Region-owned models add
`regions.admin.RegionScopeMixin` in front of it.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import NestedObjects, unquote
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, PermissionDenied
from django.db import IntegrityError, router
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import escape
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin
from reversion import (
    add_to_revision,
    create_revision,
    is_active,
    is_registered,
    set_comment,
    set_user,
)
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from techniekpact import editing
from techniekpact.history import restore_problems
from techniekpact.markup import has_image, render_inline, render_markdown, validate_inline
from techniekpact.models import SlugRedirect
from techniekpact.translation_status import lacks_text_q, languages_lacking, translated_fields
from techniekpact.workflow_admin import WorkflowMixin

PUBLICATION = (
    _("Publication"),
    {
        "fields": ["is_published", ("publish_from", "publish_until")],
        "description": _(
            "Drafts are not shown on the public site. Use “View on site” to preview them."
        ),
    },
)


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("en", _("English text missing")),
            ("nl", _("Dutch text missing")),
            ("complete", _("Complete in both languages")),
            ("outdated", _("Possibly outdated")),
        ]

    def queryset(self, request, queryset):
        if self.value() in ("en", "nl"):
            return queryset.filter(lacks_text_q(queryset.model, self.value()))
        if self.value() == "complete":
            for language in ("en", "nl"):
                queryset = queryset.exclude(lacks_text_q(queryset.model, language))
            return queryset
        if self.value() == "outdated":
            return queryset.filter(pk__in=list(editing.outdated_by_item(queryset)))
        return queryset


class TranslationStatusMixin:
    """A "translation" column and filter on every admin of a translated model."""

    def has_translation_status(self):
        return bool(translated_fields(self.model))

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if self.has_translation_status():
            list_display.append("translation_status")
        return list_display

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        if self.has_translation_status():
            list_filter.append(TranslationStatusFilter)
        return list_filter

    @admin.display(description=_("translation"))
    def translation_status(self, obj):
        names = {"nl": gettext("Dutch"), "en": gettext("English")}
        lacking = languages_lacking(obj)
        outdated = sorted({language for _field, language in editing.outdated_fields(obj)})
        parts = []
        if lacking:
            parts.append(
                gettext("missing: %(languages)s")
                % {"languages": ", ".join(names.get(code, code) for code in lacking)}
            )
        if outdated:
            parts.append(
                gettext("possibly outdated: %(languages)s")
                % {"languages": ", ".join(names.get(code, code) for code in outdated)}
            )
        return "; ".join(parts) if parts else gettext("complete")


class EditingMixin:
    """Editing comfort (issue 11): translated fields side by side with their language named,
    errors listed at the top with links, "possibly outdated" marks with a "still right"
    checkbox, Markdown help and a server-rendered preview, slugs filled from the title, and
    line endings that do not count as a change."""

    form = editing.ContentForm
    change_form_template = "admin/techniekpact/content_change_form.html"
    compare_template = "admin/techniekpact/compare.html"

    @property
    def compare_exclude(self):
        # The untranslated name of a translated field ("summary") reads the same column as
        # its Dutch one ("summary_nl"): compare only the language fields, each once.
        return list(self.trans_opts.all_fields)

    # The field a new item's slug is filled from, in each language (when the model has both).
    slug_sources = ("title", "name", "question")

    class Media:
        js = ["js/admin-editing.js"]

    # The form: side by side, labelled, normalised.

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": pair_translations(options.get("fields", []))})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and editing.outdated_fields(obj):
            fieldsets.insert(
                0,
                (
                    _("Possibly outdated translations"),
                    {"fields": ["confirm_translations"], "classes": ["outdated-fieldset"]},
                ),
            )
        return fieldsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is None:
            return formfield
        if isinstance(formfield, forms.CharField):
            formfield.to_python = normalising(formfield.to_python)
        language = getattr(db_field, "language", None)
        original = getattr(db_field, "translated_field", None)
        if language and original is not None:
            widget = getattr(formfield.widget, "widget", formfield.widget)
            widget.attrs["lang"] = language
            classes = widget.attrs.get("class", "")
            widget.attrs["class"] = f"{classes} mt-lang-{language}".strip()
            formfield.label = format_lazy(
                "{} ({})", capfirst(original.verbose_name), editing.language_name(language)
            )
            if editing.is_markdown_field(original):
                widget.attrs["data-markdown-preview"] = "1"
                widget.attrs["aria-describedby"] = "markdown-help"
                formfield.help_text = ""
        return formfield

    def get_prepopulated_fields(self, request, obj=None):
        prepopulated = dict(super().get_prepopulated_fields(request, obj))
        translated = self.trans_opts.all_fields
        if obj is not None or "slug" not in translated:
            return prepopulated
        source = next((s for s in self.slug_sources if s in translated), None)
        if source:
            for language in editing.languages():
                prepopulated.setdefault(f"slug_{language}", (f"{source}_{language}",))
        return prepopulated

    def save_model(self, request, obj, form, change):
        # What the texts were before this save, read from the database (the live row, with
        # the item's draft change over it): the form's own initial values cannot be trusted
        # for this once the workflow has put the posted values on the item.
        before = editing.saved_texts(obj) if change else None
        super().save_model(request, obj, form, change)
        if hasattr(form, "edited_pairs"):
            editing.record_edits(obj, *form.edited_pairs(before))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["has_markdown"] = bool(editing.markdown_fields(self.model))
        context["error_summary"] = error_summary(context["adminform"].form)
        context["markdown_preview_url"] = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_markdown_preview"
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The Markdown preview: the same rendering as the site's, for staff only.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "markdown-preview/",
                self.admin_site.admin_view(require_POST(self.markdown_preview_view)),
                name="{}_{}_markdown_preview".format(*info),
            ),
            *super().get_urls(),
        ]

    def markdown_preview_view(self, request):
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        text = request.POST.get("text")
        if text is None or len(text) > 100_000:
            return HttpResponseBadRequest(gettext("No text to preview."))
        html = str(render_markdown(editing.normalise_newlines(text), 2))
        if has_image(text):
            note = gettext("Images are not shown on the site: remove them before saving.")
            html += f'<p class="errornote">{escape(note)}</p>'

        return HttpResponse(html, content_type="text/html; charset=utf-8")


def error_summary(form):
    """Each field error with the field's label (which names its language) and the id to link."""
    if not form.is_bound:
        return []
    summary = []
    for name, errors in form.errors.items():
        if name not in form.fields:
            continue
        summary.append(
            {"label": form[name].label, "id": form[name].id_for_label, "messages": errors}
        )
    return summary


def pair_translations(fields):
    """Put each translated field's languages on one line: ("title_nl", "title_en")."""
    paired = []
    for entry in fields:
        previous = paired[-1] if paired else None
        split = editing.split_localized(entry) if isinstance(entry, str) else None
        if (
            split
            and isinstance(previous, str)
            and (prev := editing.split_localized(previous))
            and prev[0] == split[0]
        ):
            paired[-1] = (previous, entry)
        elif split and isinstance(previous, tuple) and editing.split_localized(previous[-1]):
            if editing.split_localized(previous[-1])[0] == split[0]:
                paired[-1] = (*previous, entry)
            else:
                paired.append(entry)
        else:
            paired.append(entry)
    return paired


def normalising(to_python):
    def wrapped(value):
        return to_python(editing.normalise_newlines(value))

    return wrapped


class HistoryMixin:
    """History in which nothing an editor does is lost for good, for any admin (translated
    content or not): put it in front of `CompareVersionAdmin` (see `HistoryAdmin`).

    History is kept for every change made here. Items that never went through the admin (the
    fixtures, `createeditor`) get a first version just before their first change or deletion,
    and a deletion snapshots everything it cascades to, so "Recover deleted ..." brings all of
    it back; the confirmation page says so. A restore or recovery that cannot be done (it
    points to something deleted since, or clashes with what exists now) is refused with the
    reason, before anything is changed.
    """

    history_latest_first = True
    delete_confirmation_template = "admin/history/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/history/delete_selected_confirmation.html"

    # Versions an editor may see and restore.

    def get_recoverable_versions(self, request):
        """Deleted items of this model the user may recover (scoped by RegionScopeMixin)."""
        return Version.objects.get_deleted(self.model).select_related("revision__user")

    def recoverlist_view(self, request, extra_context=None):
        extra_context = {
            "deleted": self._reversion_order_version_queryset(
                request, self.get_recoverable_versions(request)
            ),
            **(extra_context or {}),
        }
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(self.get_recoverable_versions(request), pk=version_id)
        back = reverse(admin_urlname(self.model._meta, "recoverlist"))
        return self.restore_or_refuse(
            request, version, back, super().recover_view, request, version_id, extra_context
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # reversion looks the version up by id alone: make sure it is one of this very item's,
        # and that the user may see the item (get_object raises for items out of scope).
        get_object_or_404(
            Version.objects.get_for_model(self.model),
            pk=version_id,
            object_id=unquote(object_id),
        )
        if self.get_object(request, unquote(object_id)) is None:
            raise_not_found(self.model)
        version = Version.objects.select_related("revision").get(pk=version_id)
        back = reverse(admin_urlname(self.model._meta, "history"), args=[object_id])
        return self.restore_or_refuse(
            request,
            version,
            back,
            super().revision_view,
            request,
            object_id,
            version_id,
            extra_context,
        )

    def restore_or_refuse(self, request, version, back, view, *args):
        """Run the restore `view` unless the version's revision cannot be restored: then say
        why (in the editor's language) and go `back`, with nothing changed."""
        problems = restore_problems(version.revision)
        if not problems:
            try:
                return view(*args)
            except IntegrityError:
                # The database refused what the checks above could not foresee; the
                # transaction was rolled back, so nothing changed.
                problems = [
                    gettext(
                        "It clashes with the content as it is now (for example an address or "
                        "code that another item uses)."
                    )
                ]
        messages.error(
            request,
            gettext("“%(item)s” cannot be restored, so nothing was changed.")
            % {"item": version.object_repr},
        )
        for problem in problems:
            messages.error(request, problem)
        return HttpResponseRedirect(back)

    def compare_view(self, request, object_id, extra_context=None):
        # reversion-compare fetches the item without the admin's queryset and checks no
        # permission at all: the comparison shows every field of every version, so it needs
        # what the history needs: the item in the user's scope and view or change permission.
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise_not_found(self.model)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return super().compare_view(request, object_id, extra_context)

    # Nothing lost: a first version before the first change, a snapshot before a deletion.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            # Only for a user who may change it: the admin refuses anyone else's POST below,
            # and they must not leave a version in the item's history either.
            if (
                obj is not None
                and self.has_change_permission(request, obj)
                and not Version.objects.get_for_object(obj).exists()
            ):
                self.snapshot(request, [obj], gettext("Version before the first change here."))
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_model(self, request, obj):
        self.snapshot_with_cascade(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One revision per item, so that recovering one of them brings back that item (and what
        # it cascades to) only, not everything that was selected with it.
        for obj in queryset:
            self.snapshot_with_cascade(request, [obj])
        super().delete_queryset(request, queryset)

    def changelist_view(self, request, extra_context=None):
        # reversion runs the whole list view inside one revision, saved when the view ends, and
        # a revision keeps no versions of items that no longer exist: the snapshot "Delete
        # selected" takes would join that revision and be dropped with the items. That revision
        # is only needed for `list_editable`, which no content admin uses: skip it, so each
        # snapshot is saved (and committed) on its own before the deletion.
        if self.list_editable:
            return super().changelist_view(request, extra_context)
        context = {"has_change_permission": self.has_change_permission(request)}
        context.update(extra_context or {})
        return super(VersionAdmin, self).changelist_view(request, context)

    def snapshot_with_cascade(self, request, objs):
        if is_active():
            # Inside an outer revision the snapshot is saved only after the deletion, and lost.
            raise ImproperlyConfigured(
                "A deletion snapshot must not run inside another revision (see changelist_view)."
            )
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        items = [
            item
            for model, instances in collector.data.items()
            if is_registered(model)
            for item in instances
        ]
        self.snapshot(request, items, gettext("Deleted."))

    def snapshot(self, request, objs, comment):
        with create_revision():
            set_user(request.user)
            set_comment(comment)
            for obj in objs:
                add_to_revision(obj)


class HistoryAdmin(HistoryMixin, CompareVersionAdmin):
    """History, restore and recovery for an admin of a model without translated fields."""


def marked_column(model, name):
    """A change-list column for a short text field that takes language marks: shown with its
    `<span lang>` marks as marks (a screen reader hears the word in its language), not as
    the tags the editor typed. Sorting by it still works. None for other fields."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if validate_inline not in getattr(field, "validators", ()):
        return None

    def column(obj):
        return render_inline(getattr(obj, name))

    column.__name__ = name  # the column's CSS class and sort parameter stay the field's
    column.short_description = field.verbose_name
    column.admin_order_field = name
    # One column per field and model (the list and its links must name the same one);
    # setdefault keeps the first made if two requests make one at once.
    return _MARKED_COLUMNS.setdefault((model, name), column)


_MARKED_COLUMNS = {}


class InlineMarksMixin:
    """Change lists show language-marked names (`techniekpact.markup.render_inline`)."""

    def marked_columns(self, names):
        return [
            marked_column(self.model, name) or name if isinstance(name, str) else name
            for name in names
        ]

    def get_list_display(self, request):
        return self.marked_columns(super().get_list_display(request))

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        return self.marked_columns(links) if links else links


class ContentAdmin(
    InlineMarksMixin,
    EditingMixin,
    TranslationStatusMixin,
    HistoryMixin,
    WorkflowMixin,
    TranslationAdmin,
    CompareVersionAdmin,
):
    """Base admin for content: translations side by side (`EditingMixin`), django-reversion
    (-compare) history (`HistoryMixin`) and the editorial workflow
    (`techniekpact.workflow_admin.WorkflowMixin`)."""

    save_on_top = True


def raise_not_found(model):
    raise Http404(f"No {model._meta.verbose_name} found.")


@admin.register(SlugRedirect)
class SlugRedirectAdmin(HistoryAdmin):
    """Old addresses are made automatically; editors may look at them or remove a wrong one,
    and bring back one removed by mistake ("Recover deleted old addresses")."""

    list_display = ["old_path", "language", "content_object", "created_at"]
    list_filter = ["language", "content_type"]
    search_fields = ["old_path"]
    readonly_fields = ["old_path", "language", "content_type", "object_id", "created_at"]
    # The list offers recovery, not "Add".
    change_list_template = "admin/techniekpact/slugredirect/change_list.html"

    def has_add_permission(self, request):
        # Never added by hand. reversion's recovery pages ask for the add permission: there,
        # whoever may remove an old address may bring it back.
        match = request.resolver_match
        recovering = match is not None and match.url_name.endswith(("_recoverlist", "_recover"))
        return recovering and self.has_delete_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "may_recover": self.has_delete_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("content_type")
