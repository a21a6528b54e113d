from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from techniekpact.views import PageMixin, PreviewMixin

from . import structured_data
from .maps import map_context
from .models import Contact, Landsdeel


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
        return (
            queryset.with_coverages()
            .with_visible_programmes(self.request.user)
            .with_published_contacts()
        )

    def get_title(self):
        return self.object.name

    def get_shown_objects(self, context):
        return [
            self.object,
            *self.object.visible,
            *self.object.coverages.all(),
            *self.object.shown_contacts,
        ]

    def get_structured_data(self):
        return [
            *super().get_structured_data(),
            structured_data.landsdeel_organization(self.request, self.object),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["landsdelen"] = Landsdeel.objects.published()
        context["national"] = Contact.objects.published().national().first()
        context.update(map_context(context["landsdelen"], current=self.object))
        return context


class ContactView(PageMixin, TemplateView):
    """Whom to contact: the project team, and each landsdeel's contact(s)."""

    template_name = "regions/contact.html"
    title = _("Contact")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contacts = Contact.objects.published().select_related("landsdeel")
        context["national"] = list(contacts.national())
        context["landsdelen"] = Landsdeel.objects.published().with_published_contacts()
        return context

    def get_structured_data(self):
        national = Contact.objects.published().national()
        return [
            *super().get_structured_data(),
            structured_data.contact_organization(
                self.request,
                national,
                Contact.objects.published()
                .exclude(landsdeel=None)
                .filter(landsdeel__in=Landsdeel.objects.published())
                .select_related("landsdeel"),
            ),
        ]

    def get_shown_objects(self, context):
        return [
            *context["national"],
            *[obj for item in context["landsdelen"] for obj in (item, *item.shown_contacts)],
        ]
