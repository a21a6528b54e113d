from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from techniekpact.admin import PUBLICATION, ContentAdmin

from .models import Category, Question


@admin.register(Category)
class CategoryAdmin(ContentAdmin):
    list_display = ["name", "slug", "question_count", "is_published", "order"]
    list_filter = ["is_published"]
    search_fields = ["name"]
    fieldsets = [(None, {"fields": ["name", "slug", "order"]}), PUBLICATION]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("questions")

    @admin.display(description=_("questions"))
    def question_count(self, obj):
        return len(obj.questions.all())


@admin.register(Question)
class QuestionAdmin(ContentAdmin):
    list_display = ["question", "category", "is_published", "order"]
    list_filter = ["category", "is_published"]
    search_fields = ["question", "answer"]
    fieldsets = [
        (None, {"fields": ["category", "question", "slug", "answer", "order"]}),
        PUBLICATION,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category")
