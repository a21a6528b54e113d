from modeltranslation.translator import TranslationOptions, register

from .models import Contact, Coverage, Landsdeel, Programme, Province


@register(Province)
class ProvinceTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Landsdeel)
class LandsdeelTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "summary", "body", "contact")


@register(Coverage)
class CoverageTranslationOptions(TranslationOptions):
    fields = ("part",)


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("name", "organisation")
