import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from regions.models import Landsdeel
from techniekpact.views import PageMixin, PreviewMixin

from . import calendar, images, structured_data
from .models import Event, NewsItem

PAGE_SIZE = 10
# "?landsdeel=" takes a landsdeel's fixed code or "national"; an unknown one answers 404, so
# only real filters are ever cached.
NATIONAL = "national"


def is_page_number(value):
    return bool(re.fullmatch(r"[1-9][0-9]{0,3}", value))


def is_code(value):
    return bool(re.fullmatch(r"[a-z]{1,20}", value))


def is_one(value):
    return value == "1"


class LandsdeelFilterMixin:
    """`?landsdeel=<code>` (or `national`) narrows a list; the choices for the filter form."""

    def selected_landsdeel(self):
        code = self.request.GET.get("landsdeel", "")
        if not code or code == NATIONAL:
            return code or None
        landsdeel = self.landsdelen_by_code().get(code)
        if landsdeel is None:
            raise Http404("No such landsdeel.")
        return landsdeel

    def landsdelen_by_code(self):
        if not hasattr(self, "_landsdelen"):
            self._landsdelen = {item.code: item for item in Landsdeel.objects.published()}
        return self._landsdelen

    def filter_landsdeel(self, queryset):
        self.selected = self.selected_landsdeel()
        if self.selected == NATIONAL:
            return queryset.national()
        if self.selected is not None:
            return queryset.filter(landsdeel=self.selected)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["landsdelen"] = list(self.landsdelen_by_code().values())
        context["selected"] = self.selected
        context["selected_landsdeel"] = self.selected if self.selected != NATIONAL else None
        context["selected_code"] = getattr(self.selected, "code", self.selected) or ""
        context["national"] = NATIONAL
        # The filter kept on the other result pages ("landsdeel=noord&").
        kept = self.request.GET.copy()
        kept.pop("page", None)
        context["pagination_query"] = f"{kept.urlencode()}&" if kept else ""
        return context


class NewsListView(LandsdeelFilterMixin, PageMixin, ListView):
    template_name = "news/news_list.html"
    title = _("News")
    paginate_by = PAGE_SIZE
    context_object_name = "items"
    query_parameters = {"landsdeel": is_code, "page": is_page_number}

    def get_queryset(self):
        items = NewsItem.objects.published().select_related("landsdeel")
        return self.filter_landsdeel(items)

    def get_shown_objects(self, context):
        return context["items"]


class NewsDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "news/news_detail.html"
    parent_crumbs = [(_("News"), "news:news_list")]
    context_object_name = "item"

    def get_queryset(self):
        return NewsItem.objects.published().select_related("landsdeel")

    def get_preview_queryset(self):
        return NewsItem.objects.select_related("landsdeel")

    def get_title(self):
        return self.object.title

    def get_structured_data(self):
        data = super().get_structured_data()
        if not self.preview:
            data.append(structured_data.news_article(self.request, self.object))
        return data

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["goals"] = self.object.goals.published()
        return context


class EventListView(LandsdeelFilterMixin, PageMixin, ListView):
    template_name = "news/event_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "events"
    # Dutch addresses say ?archief=1, English ones ?archive=1; either works in both.
    query_parameters = {
        "archief": is_one,
        "archive": is_one,
        "landsdeel": is_code,
        "page": is_page_number,
    }

    def is_archive(self):
        return "1" in (self.request.GET.get("archief"), self.request.GET.get("archive"))

    def get_title(self):
        return _("Past events") if self.is_archive() else _("Events")

    def get_breadcrumbs(self):
        crumbs = super().get_breadcrumbs()
        if self.is_archive():
            crumbs.insert(-1, (_("Events"), self.request.path))
        return crumbs

    def get_queryset(self):
        events = Event.objects.published().select_related("landsdeel")
        events = events.past() if self.is_archive() else events.upcoming()
        return self.filter_landsdeel(events)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["archive"] = self.is_archive()
        return context

    def get_shown_objects(self, context):
        return context["events"]


class EventDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "news/event_detail.html"
    parent_crumbs = [(_("Events"), "news:event_list")]
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().select_related("landsdeel")

    def get_preview_queryset(self):
        return Event.objects.select_related("landsdeel")

    def get_title(self):
        return self.object.title

    def get_description(self):
        return ""

    def get_structured_data(self):
        data = super().get_structured_data()
        if not self.preview:
            data.append(structured_data.event(self.request, self.object))
        return data


@require_safe
def event_ics(request, slug):
    """ "Add to calendar": the one event as an .ics file."""
    event = get_object_or_404(Event.objects.published().select_related("landsdeel"), slug=slug)
    return calendar.response(request, [event], f"{event.slug}.ics", event.title)


@require_safe
def events_ics(request):
    events = Event.objects.published().select_related("landsdeel")
    return calendar.response(request, events, "events.ics", str(_("Technology Pact events")))


@require_safe
def landsdeel_events_ics(request, slug):
    landsdeel = get_object_or_404(Landsdeel.objects.published(), slug=slug)
    events = Event.objects.published().filter(landsdeel=landsdeel).select_related("landsdeel")
    name = str(_("Technology Pact events in %(landsdeel)s") % {"landsdeel": landsdeel.name})
    return calendar.response(request, events, f"{landsdeel.code}.ics", name)


@require_safe
def rendition(request, name):
    """Serve an image rendition (never an original upload) from the default storage."""
    if not images.RENDITION_NAME.fullmatch(name) or not default_storage.exists(name):
        raise Http404("No such image.")
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
    # A new upload gets a new name: a rendition never changes under its name.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
