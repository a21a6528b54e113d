from techniekpact.sitemaps import PublishedSitemap, SectionSitemap

from .models import Event, NewsItem


class NewsSectionSitemap(SectionSitemap):
    sections = {"news:news_list": NewsItem, "news:event_list": Event}


class NewsItemSitemap(PublishedSitemap):
    model = NewsItem


class EventSitemap(PublishedSitemap):
    model = Event
