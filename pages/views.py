from itertools import groupby

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from faq.models import Question
from regions.maps import map_context
from regions.models import Contact, Landsdeel
from techniekpact.views import PageMixin, PreviewMixin

from . import structured_data
from .models import Goal, Milestone, Pact, Page, Partner


def group_by_choice(items, field, choices):
    """[(value, label, items)] in the order of the choices, each group keeping the items'
    own order, whatever choice an editor gave an item."""
    order = list(choices.values)
    ordered = sorted(items, key=lambda item: order.index(getattr(item, field)))
    labels = dict(choices.choices)
    return [
        (value, labels[value], list(group))
        for value, group in groupby(ordered, key=lambda item: getattr(item, field))
    ]


# The home page's visitors' tasks: (label, FAQ question by its Dutch slug, or a URL name / free
# page). A question or page that is gone (renamed, unpublished) sends the visitor to the FAQ.
HOME_TASKS = [
    (_("Find an internship in technology"), "faq", "stage-in-de-techniek"),
    (_("Retrain for a job in technology"), "faq", "omscholing"),
    (_("Become a teacher, also as a career changer"), "faq", "leraar-worden"),
    (_("Funding and schemes"), "page", "regelingen"),
    (_("Find your region"), "url", "regions:list"),
    (_("Who to contact"), "url", "regions:contact"),
]


def home_tasks():
    """[(label, url, free page slug)] for the home page's task list, each to where the answer
    is. A free page is looked up in the template among the linked pages the header already
    loaded (no extra query); a missing one leaves that task out."""
    questions = {
        q.slug_nl: q
        for q in Question.objects.visible().filter(
            slug_nl__in=[key for _l, kind, key in HOME_TASKS if kind == "faq"]
        )
    }
    tasks = []
    for label, kind, key in HOME_TASKS:
        if kind == "url":
            tasks.append((label, reverse(key), ""))
        elif kind == "page":
            tasks.append((label, "", key))
        else:
            found = questions.get(key)
            tasks.append((label, found.get_absolute_url() if found else reverse("faq:index"), ""))
    return tasks


class HomeView(PageMixin, TemplateView):
    template_name = "pages/home.html"
    title = _("Home")

    def get_breadcrumbs(self):
        return []

    def get_description(self):
        return self.pact.tagline if self.pact else ""

    def get_structured_data(self):
        if not self.pact:
            return []
        contacts = Contact.objects.published().national()
        return [structured_data.organization(self.request, self.pact, contacts)]

    def get(self, request, *args, **kwargs):
        self.pact = Pact.load()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pact"] = self.pact
        context["goals"] = Goal.objects.published()
        context["landsdelen"] = Landsdeel.objects.published().with_coverages()
        context.update(map_context(context["landsdelen"]))
        context["questions"] = Question.objects.visible()[:5]
        context["tasks"] = home_tasks()
        return context

    def get_shown_objects(self, context):
        return [
            context["pact"],
            *context["goals"],
            *context["landsdelen"],
            *context["questions"],
        ]


class AboutView(PageMixin, TemplateView):
    template_name = "pages/about.html"
    title = _("About the pact")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pact"] = Pact.load()
        context["milestones"] = Milestone.objects.visible_to(self.request.user)
        return context

    def get_shown_objects(self, context):
        return [context["pact"], *context["milestones"]]


class GoalListView(PageMixin, ListView):
    template_name = "pages/goal_list.html"
    title = _("The 12 goals")
    # ?stage= narrows the list to one stage; the page cache keeps only valid stages.
    query_parameters = {"stage": lambda value: value in Goal.Stage.values}

    def get_queryset(self):
        return Goal.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stages = dict(Goal.Stage.choices)
        selected = self.request.GET.get("stage")
        goals = list(context["object_list"])
        if selected in stages:
            goals = [goal for goal in goals if goal.stage == selected]
        else:
            selected = None
        context["selected_stage"] = selected
        context["stages"] = Goal.Stage.choices
        context["groups"] = group_by_choice(goals, "stage", Goal.Stage)
        return context


class GoalDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "pages/goal_detail.html"
    parent_crumbs = [(_("The 12 goals"), "pages:goal_list")]
    context_object_name = "goal"

    def get_queryset(self):
        return Goal.objects.published()

    def get_title(self):
        return self.object.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        siblings = self.get_queryset().only("number", "slug", "title")
        context["previous_goal"] = siblings.filter(number__lt=self.object.number).last()
        context["next_goal"] = siblings.filter(number__gt=self.object.number).first()
        return context


class PartnerListView(PageMixin, ListView):
    template_name = "pages/partner_list.html"
    title = _("National partners")

    def get_queryset(self):
        return Partner.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = group_by_choice(context["object_list"], "kind", Partner.Kind)
        return context


class PageDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return Page.objects.published()

    def get_title(self):
        return self.object.title
