"""The editorial workflow in the admin (techniekpact.workflow), for every content admin:
`ContentAdmin` includes `WorkflowMixin`. Status in words with a filter, a draft change (working
copy) for live items, publish / schedule / submit for review / discard, the review page with
the diff against the live version, optimistic locking on the change form, and the owner's
"confirm still correct". Only for `Editorial` models; any other admin is left as it is.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from techniekpact import notifications, workflow
from techniekpact.models import EditorialState
from techniekpact.publishing import Editorial, Publishable, Reviewed, Status, status_q

OWNER = (
    _("Owner and review"),
    {
        "fields": [("owner_role", "owner_user"), "next_review_on"],
        "description": _(
            "Who checks that this text is still correct, and when it is due for that check."
        ),
    },
)

PUBLICATION_FIELDS = ("is_published", "publish_from", "publish_until")
LOCK_SALT = "techniekpact.admin.lock"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class StatusFilter(admin.SimpleListFilter):
    """Concept / Gepland / Gepubliceerd / Gepubliceerd, wijzigingen in concept / Verlopen."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        if issubclass(model_admin.model, Publishable):
            return Status.choices
        return [(Status.PUBLISHED, Status.PUBLISHED.label), (Status.CHANGED, Status.CHANGED.label)]

    def queryset(self, request, queryset):
        value = self.value()
        if value not in Status.values:
            return queryset
        if issubclass(queryset.model, Publishable):
            queryset = queryset.filter(status_q(value))
        if value == Status.PUBLISHED:
            return queryset.filter(has_pending_change=False)
        if value == Status.CHANGED:
            return queryset.filter(has_pending_change=True)
        return queryset


class WorkflowForm(forms.Form):
    """The review step's own small form (approve or send back)."""

    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you send the change back."),
    )


def raise_not_found(model):
    raise Http404(f"No {model._meta.verbose_name} found.")


class WorkflowMixin:
    """The workflow's admin part; in `ContentAdmin` after `HistoryMixin`, so that the history's
    "version before the first change" is taken of the live row, not of the draft change."""

    change_form_template = "admin/workflow/change_form.html"
    object_history_template = "admin/workflow/object_history.html"

    def has_workflow(self):
        return issubclass(self.model, Editorial)

    def may_publish(self, request, obj=None):
        """Whether the user publishes directly; otherwise their changes go to review.
        RegionScopeMixin adds trusted coordinators."""
        return request.user.has_perm("techniekpact.publish_content")

    def may_review(self, request, obj, state):
        return (
            state is not None
            and state.review == EditorialState.Review.SUBMITTED
            and state.submitted_by_id != request.user.pk
            and request.user.has_perm("techniekpact.publish_content")
            and self.has_change_permission(request, obj)
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.has_workflow():
            queryset = queryset.annotate(
                has_pending_change=workflow.has_pending_expression(self.model)
            )
        return queryset

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if self.has_workflow():
            if "is_published" in list_display:
                list_display[list_display.index("is_published")] = "status"
            else:
                list_display.insert(1, "status")
        return list_display

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        if self.has_workflow():
            list_filter = [f for f in list_filter if f != "is_published"]
            list_filter.insert(0, StatusFilter)
        return list_filter

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.publication_status(getattr(obj, "has_pending_change", False)).label

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if issubclass(self.model, Reviewed) and not any(
            "owner_role" in str(options.get("fields")) for _name, options in fieldsets
        ):
            fieldsets.append(OWNER)
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, Publishable) and not self.may_publish(request, obj):
            # Publishing is the reviewer's step: an editor who may not publish cannot
            # change the publication either.
            readonly += [name for name in PUBLICATION_FIELDS if name not in readonly]
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner_user":
            kwargs["queryset"] = get_user_model()._default_manager.filter(
                is_active=True, is_staff=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and getattr(request, "_workflow_edit", False):
            # The change form edits the working copy when there is one.
            state = workflow.state_of(obj)
            if state is not None and state.data:
                workflow.apply_values(obj, state.data)
        return obj

    def get_view_on_site_url(self, obj=None):
        # The live address (the form's object may carry a changed slug from the working copy).
        if obj is not None and obj.pk is not None and self.has_workflow():
            obj = workflow.live_row(obj)
        return super().get_view_on_site_url(obj)

    # Optimistic locking: the form carries what it showed; a save after someone else's save
    # of the same item (live or working copy) is refused with what changed in between.

    def lock_state(self, obj):
        live = workflow.live_row(obj)
        state = workflow.state_of(obj)
        pending = state.data if state is not None and state.data else {}
        stamp = (
            live.updated_at.isoformat()
            + "|"
            + (state.changed_at.isoformat() if pending and state.changed_at else "")
        )
        return stamp, {**workflow.serialize(live), **pending}

    def lock_token(self, obj):
        stamp, values = self.lock_state(obj)
        return signing.dumps({"stamp": stamp, "values": values}, salt=LOCK_SALT, compress=True)

    def check_lock(self, request, form):
        token = request.POST.get("_lock")
        if not token or form.instance.pk is None:
            return
        try:
            seen = signing.loads(token, salt=LOCK_SALT)
        except signing.BadSignature:
            form.add_error(None, gettext("This form could not be checked. Reload the page."))
            return
        stamp, values = self.lock_state(form.instance)
        if seen["stamp"] == stamp:
            return
        conflict = workflow.field_diff(self.model, seen["values"], values)
        if conflict:
            form.conflict = conflict
            form.add_error(
                None,
                gettext(
                    "Someone else saved this item after you opened it. Your changes have not "
                    "been saved yet: they are still in the form below. Check what changed in "
                    "between, then save again to keep your version."
                ),
            )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not self.has_workflow() or obj is None:
            return form
        model_admin = self

        class LockedForm(form):
            conflict = ()

            def clean(self):
                cleaned = super().clean()
                model_admin.check_lock(request, self)
                return cleaned

        LockedForm.__name__ = form.__name__
        return LockedForm

    # Saving: a live item's change becomes its working copy unless the editor publishes.

    def workflow_action(self, request):
        if "_publish" in request.POST:
            return "publish"
        if "_submit" in request.POST:
            return "submit"
        return "save"

    def publish_at(self, request):
        """The "publish at" moment from the change form (datetime-local, local time), or None."""
        value = request.POST.get("_publish_at", "").strip()
        if not value:
            return None
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment if moment > timezone.now() else None

    def save_model(self, request, obj, form, change):
        if not self.has_workflow():
            return super().save_model(request, obj, form, change)
        action = self.workflow_action(request)
        publishing = action == "publish" and self.may_publish(request, obj)
        publish_at = self.publish_at(request) if publishing else None
        if change and obj.is_live_row():
            if publishing and publish_at is None:
                workflow.publish(obj, request.user, from_form=True)
                request._workflow_message = gettext("Published: visitors see the new version.")
            else:
                changed = workflow.save_working_copy(obj, request.user, publish_at)
                if not changed:
                    request._workflow_message = gettext(
                        "Nothing differs from the published version: no draft change is kept."
                    )
                elif publish_at:
                    request._workflow_message = gettext(
                        "The change will be published at %(moment)s. Until then visitors see "
                        "the published version."
                    ) % {"moment": timezone.localtime(publish_at).strftime("%d-%m-%Y %H:%M")}
                else:
                    request._workflow_message = gettext(
                        "Saved as a draft change. Visitors still see the published version."
                    )
        else:
            if publishing and isinstance(obj, Publishable):
                obj.is_published = True
                if publish_at:
                    obj.publish_from = publish_at
            super().save_model(request, obj, form, change)
            if publishing:
                workflow.record(obj, workflow.Action.PUBLISHED, request.user)
                request._workflow_message = gettext("Published.")
        if action == "submit":
            self.submit_for_review(request, obj)

    def submit_for_review(self, request, obj):
        state = workflow.state_of(obj)
        if obj.is_live_row() and (state is None or not state.data):
            request._workflow_message = gettext(
                "There is no draft change to submit: the item is the same as the published one."
            )
            return
        note = request.POST.get("_review_note", "").strip()
        reviewer = None
        if self.may_publish(request, obj) and request.POST.get("_reviewer"):
            reviewer = (
                self.colleagues(request).filter(pk=request.POST.get("_reviewer")).first()
                if request.POST.get("_reviewer", "").isdigit()
                else None
            )
        workflow.submit(obj, request.user, note, reviewer)
        recipients = [reviewer] if reviewer else self.colleagues(request)
        notifications.mail_users(
            recipients,
            "techniekpact/email/submitted",
            {
                "item": obj,
                "kind": self.model._meta.verbose_name,
                "author": request.user,
                "note": note,
                "url": notifications.admin_url(self.admin_url_name("review"), quote(obj.pk)),
            },
        )
        request._workflow_message = gettext(
            "Submitted for review. The project team has been notified."
        )

    def colleagues(self, request):
        """The project-team editors who may review, other than the user."""
        return (
            get_user_model()
            ._default_manager.with_perm(
                "techniekpact.publish_content", include_superusers=False, backend=MODEL_BACKEND
            )
            .exclude(pk=request.user.pk)
            .order_by("username")
        )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        replacement = getattr(request, "_workflow_message", None)
        if replacement and level == messages.SUCCESS:
            request._workflow_message = None
            message = replacement
        return super().message_user(request, message, level, *args, **kwargs)

    def admin_url_name(self, view):
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"

    def get_urls(self):
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        own = [
            path(
                "<path:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name=f"{info[0]}_{info[1]}_review",
            ),
        ]
        return own + super().get_urls()

    def workflow_context(self, request, obj):
        state = workflow.state_of(obj)
        live = obj.is_live_row()
        return {
            "state": state,
            "live": live,
            "status": obj.publication_status(bool(state and state.data)).label,
            "diff": workflow.pending_diff(obj, state) if live else [],
            "history": workflow.history(obj)[:20],
            "may_publish": self.may_publish(request, obj),
            "may_review": self.may_review(request, obj, state),
            "colleagues": self.colleagues(request) if self.may_publish(request, obj) else [],
            "lock": self.lock_token(obj),
            "preview_url": self.preview_url(obj),
            "review_url": reverse(self.admin_url_name("review"), args=[quote(obj.pk)]),
            "reviewed": issubclass(self.model, Reviewed),
        }

    def preview_url(self, obj):
        if not hasattr(obj, "get_absolute_url"):
            return ""
        return workflow.live_row(obj).get_absolute_url() + "?preview=changes"

    def review_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise_not_found(self.model)
        state = workflow.state_of(obj)
        if not self.may_review(request, obj, state):
            raise PermissionDenied
        form = WorkflowForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            comment = form.cleaned_data["comment"].strip()
            author = state.submitted_by
            context = {
                "item": obj,
                "kind": self.model._meta.verbose_name,
                "reviewer": request.user,
                "comment": comment,
                "url": notifications.admin_url(self.admin_url_name("change"), quote(obj.pk)),
            }
            if "_approve" in request.POST:
                try:
                    workflow.publish(obj, request.user, workflow.Action.APPROVED, comment)
                except ValidationError as error:
                    messages.error(
                        request,
                        gettext("The change cannot be published: %(errors)s")
                        % {"errors": "; ".join(error.messages)},
                    )
                    return HttpResponseRedirect(request.path)
                if author:
                    notifications.mail_users([author], "techniekpact/email/approved", context)
                messages.success(request, gettext("Approved and published."))
                return HttpResponseRedirect(reverse(f"{self.admin_site.name}:index"))
            if "_send_back" in request.POST:
                if not comment:
                    form.add_error("comment", gettext("Say what the author should change."))
                else:
                    workflow.send_back(obj, request.user, comment)
                    if author:
                        notifications.mail_users([author], "techniekpact/email/sent_back", context)
                    messages.success(request, gettext("Sent back to the author."))
                    return HttpResponseRedirect(reverse(f"{self.admin_site.name}:index"))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Review: %(item)s") % {"item": obj},
            "opts": self.model._meta,
            "original": obj,
            "state": state,
            "live": obj.is_live_row(),
            "diff": workflow.pending_diff(obj, state),
            "form": form,
            "history": workflow.history(obj)[:20],
            "preview_url": self.preview_url(obj),
            "change_url": reverse(self.admin_url_name("change"), args=[quote(obj.pk)]),
        }
        return TemplateResponse(request, "admin/workflow/review.html", context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if obj is not None and self.has_workflow():
            extra_context["workflow_history"] = workflow.history(obj)
        return super().history_view(request, object_id, extra_context)

    # Versions an editor may see and restore.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        notifications.remember_language(request)
        if self.has_workflow() and request.method == "POST":
            done = self.workflow_step(request, object_id)
            if done is not None:
                return done
        if self.has_workflow():
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                extra_context = {
                    "workflow": self.workflow_context(request, obj),
                    **(extra_context or {}),
                }
            request._workflow_edit = True
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_step(self, request, object_id):
        """Discard the working copy or confirm the item as still correct (buttons of the change
        form that do not save it). None: not such a step."""
        if "_discard" not in request.POST and "_confirm_review" not in request.POST:
            return None
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise_not_found(self.model)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if "_discard" in request.POST:
            if workflow.discard(obj, request.user):
                messages.success(request, gettext("The draft change has been discarded."))
        elif issubclass(self.model, Reviewed):
            workflow.confirm_review(obj, request.user)
            messages.success(request, gettext("Confirmed as still correct."))
        return HttpResponseRedirect(request.path)

    def add_view(self, request, form_url="", extra_context=None):
        notifications.remember_language(request)
        if self.has_workflow():
            extra_context = {
                "workflow": {
                    "new": True,
                    "may_publish": self.may_publish(request),
                    "colleagues": self.colleagues(request) if self.may_publish(request) else [],
                },
                **(extra_context or {}),
            }
        return super().add_view(request, form_url, extra_context)
