from urllib.parse import urlencode

from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from techniekpact.views import PageMixin, PreviewMixin

from . import answers, municipalities, structured_data
from .forms import MunicipalityForm
from .maps import map_context
from .models import Contact, Landsdeel


class LandsdeelListView(PageMixin, ListView):
    template_name = "regions/landsdeel_list.html"
    title = gettext_lazy("The five regions")
    context_object_name = "landsdelen"
    # ?gemeente=Breda answers which landsdeel a municipality is in. The page cache keeps only
    # the answers for names it knows; near misses, unknown names and errors are made afresh.
    query_parameters = {
        "gemeente": lambda value: (
            len(value) <= municipalities.MAX_QUERY_LENGTH
            and municipalities.find(value, suggest=False).found
        )
    }

    def get(self, request, *args, **kwargs):
        self.asked = "gemeente" in request.GET
        self.form = MunicipalityForm(request.GET if self.asked else None)
        self.lookup = (
            municipalities.find(self.form.cleaned_data["gemeente"])
            if self.form.is_valid()
            else None
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Landsdeel.objects.published().with_coverages()

    def get_alternates(self):
        if not self.lookup:
            return super().get_alternates()
        suffix = "?" + urlencode({"gemeente": self.lookup.query})
        return [(code, url + suffix) for code, url in super().get_alternates()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = []
        if self.lookup:
            landsdelen = {landsdeel.code: landsdeel for landsdeel in context["landsdelen"]}
            found = answers.answers_for(self.lookup, landsdelen)
        highlighted = {landsdeel.code for item in found for landsdeel in item.landsdelen}
        context.update(map_context(context["landsdelen"], highlighted=highlighted))
        context.update(
            finder_form=self.form,
            finder_lookup=self.lookup,
            finder_answers=found,
            finder_suggestion=(
                answers.suggestion(self.lookup.suggestions, self.request.path)
                if self.lookup and self.lookup.suggestions
                else ""
            ),
            layout_note=answers.layout_note(),
            # Answers are for visitors, not for search engines (like search results).
            noindex=self.asked,
        )
        return context

    def get_shown_objects(self, context):
        return [
            obj for landsdeel in self.object_list for obj in (landsdeel, *landsdeel.coverages.all())
        ]


class LandsdeelDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "regions/landsdeel_detail.html"
    parent_crumbs = [(gettext_lazy("The five regions"), "regions:list")]
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
        table = municipalities.table()
        context["municipalities"] = [
            (municipality, table.merged_into(municipality))
            for municipality in table.in_landsdeel(self.object.code)
        ]
        context["layout_note"] = answers.layout_note()
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
