"""Every public address of the site, for the page, SEO and browser tests."""

from django.urls import reverse
from django.utils import translation

from news.models import Event, NewsItem
from pages.models import Goal, Page

# The public URL contract (issue #2): these addresses must keep working.
FIXED = {
    "nl": [
        "/nl/",
        "/nl/over-het-techniekpact/",
        "/nl/doelen/",
        "/nl/landsdelen/",
        "/nl/landsdelen/noord/",
        "/nl/landsdelen/oost/",
        "/nl/landsdelen/zuidoost/",
        "/nl/landsdelen/zuidwest/",
        "/nl/landsdelen/noordwest/",
        "/nl/partners/",
        "/nl/veelgestelde-vragen/",
        "/nl/contact/",
        "/nl/regelingen/",
        "/nl/toegankelijkheid/",
        "/nl/privacy/",
    ],
    "en": [
        "/en/",
        "/en/about/",
        "/en/goals/",
        "/en/regions/",
        "/en/regions/north/",
        "/en/regions/east/",
        "/en/regions/southeast/",
        "/en/regions/southwest/",
        "/en/regions/northwest/",
        "/en/partners/",
        "/en/faq/",
        "/en/contact/",
        "/en/schemes/",
        "/en/accessibility/",
        "/en/privacy/",
    ],
}


def all_public_urls(language):
    with translation.override(language):
        goals = [goal.get_absolute_url() for goal in Goal.objects.published()]
        pages = [page.get_absolute_url() for page in Page.objects.published()]
        news = [reverse("news:news_list"), reverse("news:event_list")]
        news += [item.get_absolute_url() for item in NewsItem.objects.published()]
        news += [item.get_absolute_url() for item in Event.objects.published()]
    return sorted(set(FIXED[language] + goals + pages + news))
