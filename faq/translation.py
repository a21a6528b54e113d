from modeltranslation.translator import TranslationOptions, register

from .models import Category, Question


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "slug")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("question", "slug", "answer")
