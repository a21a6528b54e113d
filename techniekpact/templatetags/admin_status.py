"""The admin home's "still to translate" list."""

from django import template
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db.models import Q
from django.urls import reverse

from techniekpact.admin import TranslationStatusMixin
from techniekpact.editing import outdated_by_item
from techniekpact.translation_status import lacks_text_q, languages_lacking

register = template.Library()


@register.simple_tag(takes_context=True)
def untranslated_items(context, limit=8):
    """Per model the user may change: the items lacking text in a language (scoped as in the
    model's own list), with the address of their change page and of the filtered list."""
    request = context["request"]
    site = admin.site
    groups = []
    for model, model_admin in site._registry.items():
        if not isinstance(model_admin, TranslationStatusMixin):
            continue
        if not model_admin.has_translation_status() or not model_admin.has_change_permission(
            request
        ):
            continue
        scoped = model_admin.get_queryset(request)
        outdated = outdated_by_item(scoped)
        condition = lacks_text_q(model, "en") | lacks_text_q(model, "nl")
        queryset = scoped.filter(Q(condition) | Q(pk__in=list(outdated)))
        count = queryset.count()
        if not count:
            continue
        info = model._meta.app_label, model._meta.model_name
        items = [
            {
                "object": obj,
                "languages": languages_lacking(obj),
                "outdated": sorted({language for _f, language in outdated.get(obj.pk, [])}),
                "url": reverse(f"{site.name}:{info[0]}_{info[1]}_change", args=[quote(obj.pk)]),
            }
            for obj in queryset[:limit]
        ]
        groups.append(
            {
                "name": model._meta.verbose_name_plural,
                "count": count,
                "items": items,
                "list_url": reverse(f"{site.name}:{info[0]}_{info[1]}_changelist")
                + "?translation=en",
            }
        )
    return groups


@register.simple_tag(takes_context=True)
def home_shortcuts(context):
    """Links an admin offers for the user's own work (`home_shortcuts(request)` on a model
    admin, e.g. a coordinator's own landsdeel and its programmes)."""
    request = context["request"]
    links = []
    for model_admin in admin.site._registry.values():
        method = getattr(model_admin, "home_shortcuts", None)
        if method is not None:
            links.extend(method(request))
    return links
