from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from pages.models import Page


def _linked_pages():
    pages = list(Page.objects.published().filter(Q(in_footer=True) | Q(in_navigation=True)))
    return {
        "navigation": [page for page in pages if page.in_navigation],
        "footer": [page for page in pages if page.in_footer],
    }


def site(request):
    """Free pages linked from the header and the footer, in one query.

    Lazy, so a page that does not show them (the 500 page) never touches the database.
    """
    return {"linked_pages": SimpleLazyObject(_linked_pages)}
