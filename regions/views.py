from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from techniekpact.views import PageMixin

from .models import Coverage, Landsdeel, Programme


def with_coverages(queryset):
    return queryset.prefetch_related(
        Prefetch("coverages", queryset=Coverage.objects.select_related("province"))
    )


class LandsdeelListView(PageMixin, ListView):
    template_name = "regions/landsdeel_list.html"
    title = _("The five regions")
    context_object_name = "landsdelen"

    def get_queryset(self):
        return with_coverages(Landsdeel.objects.published())


class LandsdeelDetailView(PageMixin, DetailView):
    template_name = "regions/landsdeel_detail.html"
    parent_crumbs = [(_("The five regions"), "regions:list")]
    context_object_name = "landsdeel"

    def get_queryset(self):
        return with_coverages(Landsdeel.objects.published()).prefetch_related(
            Prefetch("programmes", queryset=Programme.objects.published(), to_attr="visible")
        )

    def get_title(self):
        return self.object.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["landsdelen"] = Landsdeel.objects.published()
        return context
