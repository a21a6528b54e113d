from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "regions"

urlpatterns = [
    path(_("contact/"), views.ContactView.as_view(), name="contact"),
    path(_("regions/"), views.LandsdeelListView.as_view(), name="list"),
    path(
        format_lazy("{}<slug:slug>/", _("regions/")),
        views.LandsdeelDetailView.as_view(),
        name="detail",
    ),
]
