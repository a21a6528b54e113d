from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Milestone, Pact, Page, Partner


@register(Pact)
class PactTranslationOptions(TranslationOptions):
    fields = ("name", "full_name", "tagline", "ambition", "history", "organisation", "funding")


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("date_label", "title", "description")


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("slug", "title", "summary", "body")


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("slug", "title", "intro", "body")
