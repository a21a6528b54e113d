"""The admin home's workflow lists: changes to review, changes sent back, items due a check."""

from django import template
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse

from techniekpact import workflow
from techniekpact.models import EditorialState

register = template.Library()


def _url(obj, view):
    opts = obj._meta
    return reverse(
        f"{admin.site.name}:{opts.app_label}_{opts.model_name}_{view}", args=[quote(obj.pk)]
    )


@register.simple_tag(takes_context=True)
def changes_to_review(context):
    """ "Te beoordelen": submitted changes this project-team editor may review."""
    request = context["request"]
    items = []
    for state in workflow.submitted_for(request.user):
        obj = state.content_object
        if obj is None:
            continue
        model_admin = admin.site._registry.get(type(obj))
        if model_admin is None or not model_admin.has_change_permission(request, obj):
            continue
        items.append(
            {
                "state": state,
                "object": obj,
                "kind": obj._meta.verbose_name,
                "url": _url(obj, "review"),
            }
        )
    return items


@register.simple_tag(takes_context=True)
def changes_sent_back(context):
    """The user's own submissions the project team sent back, with the comment."""
    request = context["request"]
    items = []
    for state in EditorialState.objects.filter(
        review=EditorialState.Review.SENT_BACK, submitted_by=request.user
    ).select_related("content_type"):
        obj = state.content_object
        if obj is not None:
            items.append({"state": state, "object": obj, "url": _url(obj, "change")})
    return items


@register.simple_tag(takes_context=True)
def due_for_review(context):
    """ "Te controleren": items due a check, grouped per owner. The project team sees every
    owner's; anyone else the items they own."""
    request = context["request"]
    user = request.user
    see_all = user.has_perm("techniekpact.publish_content")
    groups = {}
    for obj, due_on in workflow.due_for_review():
        model_admin = admin.site._registry.get(type(obj))
        if model_admin is None or not model_admin.has_change_permission(request, obj):
            continue
        if not see_all and not workflow.is_owner(obj, user):
            continue
        label = workflow.owner_label(obj)
        groups.setdefault(label, []).append(
            {
                "object": obj,
                "kind": obj._meta.verbose_name,
                "due_on": due_on,
                "url": _url(obj, "change"),
            }
        )
    return [{"owner": owner, "items": items} for owner, items in groups.items()]
