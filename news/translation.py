from modeltranslation.translator import TranslationOptions, register

from .models import Event, NewsItem


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "image_alt")


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "description")
