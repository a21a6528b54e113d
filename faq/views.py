from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from techniekpact.views import PageMixin

from . import structured_data
from .models import Category, Question


class FaqView(PageMixin, ListView):
    """All published questions on one page, grouped by category, each with a stable anchor."""

    template_name = "faq/index.html"
    title = _("Frequently asked questions")
    context_object_name = "categories"

    def get_queryset(self):
        user = self.request.user
        return Category.objects.visible_to(user).prefetch_related(
            Prefetch("questions", queryset=Question.objects.visible(user), to_attr="visible")
        )

    def get_shown_objects(self, context):
        return [obj for category in self.object_list for obj in (category, *category.visible)]

    def get_structured_data(self):
        questions = [q for category in self.object_list for q in category.visible]
        return [
            *super().get_structured_data(),
            structured_data.faq_page(self.request, questions),
        ]
