from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(_("about/"), views.AboutView.as_view(), name="about"),
    path(_("goals/"), views.GoalListView.as_view(), name="goal_list"),
    path(
        format_lazy("{}<slug:slug>/", _("goals/")),
        views.GoalDetailView.as_view(),
        name="goal_detail",
    ),
    path(_("partners/"), views.PartnerListView.as_view(), name="partners"),
    # Free pages (schemes, accessibility, privacy, ...) by their translated slug. Last, so every
    # fixed address above wins; Page.clean() refuses slugs that would be shadowed.
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page_detail"),
]
