from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from search import index
from techniekpact import content
from techniekpact.views import PageMixin


class SearchView(PageMixin, TemplateView):
    """Search the published content in the page's language (GET /nl/zoeken/?q=...)."""

    template_name = "search/search.html"
    title = _("Search")
    paginate_by = 10
    # For the page cache: only these parameters, with such values, are cached; results are
    # many different addresses, each rarely asked for again, so they are kept shorter.
    query_parameters = {
        "q": lambda value: len(value) <= index.MAX_QUERY_LENGTH,
        "page": lambda value: value.isdigit() and len(value) <= 4,
    }
    query_cache_seconds = settings.PUBLIC_CACHE_SEARCH_SECONDS

    def get(self, request, *args, **kwargs):
        self.query, self.query_was_cut = index.clean_query(request.GET.get("q", ""))
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
        results = index.search(self.query, translation.get_language()) if self.query else []
        # Direct answers from the content apps ("Breda" -> its landsdeel) come first, on the
        # first page; the page that answers is then not repeated among the results.
        answers = [
            answer
            for source in content.search_answer_sources()
            for answer in (source(self.query) if self.query else ())
        ]
        answered = {answer.url for answer in answers}
        results = [result for result in results if result.document.url not in answered]
        paginator = Paginator(results, self.paginate_by)
        # A page number that is not a number, or out of range, gives the first or last page.
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            query=self.query,
            query_was_cut=self.query_was_cut,
            max_length=index.MAX_QUERY_LENGTH,
            answers=answers if page.number == 1 else [],
            results=page,
            result_count=paginator.count + len(answers),
            # Result pages are for visitors, not for search engines.
            noindex=True,
        )
        return context
