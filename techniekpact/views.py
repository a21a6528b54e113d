"""Shared view machinery: breadcrumbs, language alternates and the error pages."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator


def url_in_language(language, view_name=None, kwargs=None, obj=None):
    """The address of the same page in another language (translated paths and slugs)."""
    with translation.override(language):
        if obj is not None:
            return obj.get_absolute_url()
        return reverse(view_name, kwargs=kwargs or {})


def missing_translation(obj, language=None):
    """True when `obj` has no text of its own in the language: the reader sees the fallback."""
    language = language or translation.get_language()
    if obj is None or language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return False
    try:
        fields = translator.get_options_for_model(type(obj)).fields
    except NotRegistered:
        return False
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return any(
        not getattr(obj, f"{name}_{language}", None) and getattr(obj, f"{name}_{default}", None)
        for name in fields
        if not name.startswith("slug")
    )


class PageMixin:
    """Context every public page needs: breadcrumbs and the page in the other languages.

    A view sets `title` (or overrides `get_title`) and may set `parent_crumbs`; detail views get
    their alternates from `object.get_absolute_url()` under each language.
    """

    title = ""
    parent_crumbs = ()

    def get_title(self):
        return self.title

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
        context["untranslated"] = missing_translation(getattr(self, "object", None))
        return context


def _home_alternates():
    return [(code, url_in_language(code, "pages:home")) for code, _name in settings.LANGUAGES]


def page_not_found(request, exception=None):
    return render(
        request,
        "404.html",
        {"page_title": _("Page not found"), "alternates": _home_alternates()},
        status=404,
    )


def server_error(request):
    # Touch nothing that may be broken (the database): a plain template in the active language.
    return render(request, "500.html", {"page_title": _("Something went wrong")}, status=500)
