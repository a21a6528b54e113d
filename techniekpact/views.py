"""Shared view machinery: breadcrumbs, language alternates and the error pages."""

import logging
import sys
from datetime import UTC, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from techniekpact import search, structured_data
from techniekpact.translation_status import missing_translation

logger = logging.getLogger(__name__)


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
        return getattr(obj, "summary", "") or getattr(obj, "intro", "") or ""

    def get_structured_data(self):
        crumbs = self.get_breadcrumbs()
        if not crumbs:
            return []
        return [structured_data.breadcrumbs(self.request, crumbs)]

    def render_to_response(self, context, **response_kwargs):
        # Here the context is complete, whatever the view added after PageMixin.
        shown = [obj for obj in self.get_shown_objects(context) if obj is not None]
        context["untranslated"] = any(missing_translation(obj) for obj in shown)
        # List pages show staff the drafts they may preview too (`visible_to(user)`, which
        # marks each with `is_draft`): then the page is a preview, with a banner.
        context["shows_drafts"] = any(getattr(obj, "is_draft", False) for obj in shown)
        response = super().render_to_response(context, **response_kwargs)
        if context["shows_drafts"]:
            mark_as_preview(response)
        return response

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
    """The 500 page, or a 503 when the cause is the database being unreachable.

    Touches nothing that may be broken (the database): a plain template in the active language.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.error("Database unavailable: answering 503")
        context = {
            "heading": _("The website is temporarily unavailable"),
            "message": _(
                "The website cannot reach its data right now. This is usually over within "
                "minutes: please try again shortly."
            ),
        }
        response = render(request, "error.html", context, status=503)
        response["Retry-After"] = "30"
        return response
    context = {
        "heading": _("Something went wrong"),
        "message": _(
            "Sorry, the website could not show this page because of an error on our side. "
            "Please try again in a few minutes."
        ),
    }
    return render(request, "error.html", context, status=500)


def healthz(request):
    """Liveness: the process answers. Checks nothing else, on purpose."""
    return HttpResponse("ok\n", content_type="text/plain")


def readyz(request):
    """Readiness for the load balancer: 503 unless the database and the cache answer."""
    problems = []
    try:
        with connection.cursor() as cursor:
            # A real table, not just "SELECT 1": an empty or wrong database is not ready.
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
    except DatabaseError:
        problems.append("database")
    try:
        if hasattr(cache, "ping"):
            cache.ping()
        else:
            cache.set("techniekpact:readyz", 1, 5)
    except Exception:
        problems.append("cache")
    body = "ok\n" if not problems else "unavailable: " + ", ".join(problems) + "\n"
    response = HttpResponse(body, status=503 if problems else 200, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


class SearchView(PageMixin, TemplateView):
    """Search the published content in the page's language (GET /nl/zoeken/?q=...)."""

    template_name = "search.html"
    title = _("Search")
    paginate_by = 10

    def get(self, request, *args, **kwargs):
        self.query, self.query_was_cut = search.clean_query(request.GET.get("q", ""))
        return super().get(request, *args, **kwargs)

    def get_alternates(self):
        suffix = f"?{urlencode({'q': self.query})}" if self.query else ""
        return [(code, url + suffix) for code, url in super().get_alternates()]

    def get_title(self):
        if self.query:
            return _("Search results for “%(query)s”") % {"query": self.query}
        return self.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = search.search(self.query, translation.get_language()) if self.query else []
        paginator = Paginator(results, self.paginate_by)
        # A page number that is not a number, or out of range, gives the first or last page.
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            query=self.query,
            query_was_cut=self.query_was_cut,
            max_length=search.MAX_QUERY_LENGTH,
            results=page,
            result_count=paginator.count,
            # Result pages are for visitors, not for search engines.
            noindex=True,
        )
        return context


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /nl/zoeken/",
        "Disallow: /en/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def security_txt(request):
    """RFC 9116. Expires is always half a year ahead: the file is generated, never stale."""
    expires = timezone.now().replace(microsecond=0) + timedelta(days=182)
    contacts = settings.SECURITY_TXT_CONTACTS or [
        request.build_absolute_uri(url_in_language("nl", "pages:about") + "#organisation")
    ]
    lines = [f"Contact: {contact}" for contact in contacts] + [
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
