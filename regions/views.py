from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from techniekpact.views import PageMixin, PreviewMixin

from .maps import map_context
from .models import Landsdeel


class LandsdeelListView(PageMixin, ListView):
    template_name = "regions/landsdeel_list.html"
    title = _("The five regions")
    context_object_name = "landsdelen"

    def get_queryset(self):
        return Landsdeel.objects.published().with_coverages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(map_context(context["landsdelen"]))
        return context

    def get_shown_objects(self, context):
        return [
            obj for landsdeel in self.object_list for obj in (landsdeel, *landsdeel.coverages.all())
        ]


class LandsdeelDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "regions/landsdeel_detail.html"
    parent_crumbs = [(_("The five regions"), "regions:list")]
    context_object_name = "landsdeel"

    def get_queryset(self):
        return self.with_related(Landsdeel.objects.published())

    def get_preview_queryset(self):
        return self.with_related(Landsdeel.objects.all())

    def with_related(self, queryset):
        return queryset.with_coverages().with_visible_programmes(self.request.user)

    def get_title(self):
        return self.object.name

    def get_shown_objects(self, context):
        return [self.object, *self.object.visible, *self.object.coverages.all()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["landsdelen"] = Landsdeel.objects.published()
        context.update(map_context(context["landsdelen"], current=self.object))
        return context
