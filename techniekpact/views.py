"""What every public view shares: breadcrumbs, language alternates, previews of drafts."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from techniekpact import structured_data, workflow
from techniekpact.markup import strip_inline
from techniekpact.translation_status import missing_translation


def url_in_language(language, view_name=None, kwargs=None, obj=None):
    """The address of the same page in another language (translated paths and slugs)."""
    with translation.override(language):
        if obj is not None:
            return obj.get_absolute_url()
        return reverse(view_name, kwargs=kwargs or {})


class PreviewMixin:
    """Let staff preview an item that visitors cannot see yet (a draft, or outside its
    publication window) through the admin's "view on site".

    The view's `get_queryset()` stays the visitors' one (`published()`); only when that finds
    nothing and the user is staff is the item looked up among those the user may preview:
    `previewable_by(user)` on the model's queryset (the items the user may edit, so a regional
    coordinator previews only their own landsdeel). A preview carries a banner and is never
    cached; anyone else still gets 404.
    """

    preview = False

    def get_preview_queryset(self):
        return self.get_queryset().model._default_manager.all()

    def may_preview(self):
        return self.request.user.is_staff

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            if queryset is not None or not self.may_preview():
                raise
        obj = super().get_object(self.get_preview_queryset().previewable_by(self.request.user))
        self.preview = True
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = self.preview
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.preview:
            mark_as_preview(response)
        return response


def may_preview(user, obj):
    """Whether `user` may see `obj`'s unpublished versions on the site."""
    queryset = type(obj)._default_manager.all()
    if hasattr(queryset, "previewable_by"):
        return queryset.previewable_by(user).filter(pk=obj.pk).exists()
    opts = obj._meta
    return user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def mark_as_preview(response):
    """A page showing something visitors cannot see: never stored, never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"


class PageMixin:
    """Context every public page needs: breadcrumbs and the page in the other languages.

    A view sets `title` (or overrides `get_title`) and may set `parent_crumbs`; detail views get
    their alternates from `object.get_absolute_url()` under each language.
    """

    title = ""
    parent_crumbs = ()

    def get_title(self):
        return self.title

    def get_description(self):
        """The meta description: the object's own short text where it has one."""
        obj = getattr(self, "object", None)
        # A summary may mark a word in another language; a meta description is plain text.
        return strip_inline(getattr(obj, "summary", "") or getattr(obj, "intro", "") or "")

    def get_structured_data(self):
        crumbs = self.get_breadcrumbs()
        if not crumbs:
            return []
        return [structured_data.breadcrumbs(self.request, crumbs)]

    def render_to_response(self, context, **response_kwargs):
        # Here the context is complete, whatever the view added after PageMixin.
        shown = [obj for obj in self.get_shown_objects(context) if obj is not None]
        context["preview_changes"] = self.show_pending_changes(shown)
        context["untranslated"] = any(missing_translation(obj) for obj in shown)
        # List pages show staff the drafts they may preview too (`visible_to(user)`, which
        # marks each with `is_draft`): then the page is a preview, with a banner.
        context["shows_drafts"] = any(getattr(obj, "is_draft", False) for obj in shown)
        # "Last changed": the newest change of anything the page shows (review dates later).
        changes = [obj.updated_at for obj in shown if getattr(obj, "updated_at", None)]
        context["last_changed"] = max(changes) if changes else None
        response = super().render_to_response(context, **response_kwargs)
        if context["shows_drafts"] or context["preview_changes"]:
            mark_as_preview(response)
        return response

    def show_pending_changes(self, shown):
        """With `?preview=changes`, staff see the draft changes (working copies) of the items
        on this page that they may preview, put on the shown items in memory. Visitors, and
        staff without the parameter, always see the live versions. True if any was applied."""
        user = self.request.user
        if self.request.GET.get("preview") != "changes" or not (user.is_active and user.is_staff):
            return False
        states = workflow.pending_states(shown)
        applied = False
        for obj in shown:
            state = states.get((workflow.content_type_of(obj).pk, obj.pk))
            if state is not None and may_preview(user, obj):
                workflow.apply_values(obj, state.data)
                applied = True
        return applied

    def get_shown_objects(self, context):
        """The content shown on this page, to tell a reader when some of it has no text in
        their language yet, and staff when some of it is a draft. Detail pages: the object;
        list pages: the list."""
        obj = getattr(self, "object", None)
        if obj is not None:
            return [obj]
        return context.get("object_list") or []

    def get_breadcrumbs(self):
        crumbs = [(_("Home"), reverse("pages:home"))]
        crumbs += [(label, reverse(name)) for label, name in self.parent_crumbs]
        crumbs.append((self.get_title(), None))
        return crumbs

    def get_alternates(self):
        obj = getattr(self, "object", None)
        match = self.request.resolver_match
        return [
            (code, url_in_language(code, match.view_name, match.kwargs, obj=obj))
            for code, _name in settings.LANGUAGES
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_title()
        context["breadcrumbs"] = self.get_breadcrumbs()
        context["alternates"] = self.get_alternates()
        context["meta_description"] = self.get_description()
        context["structured_data"] = self.get_structured_data()
        return context
