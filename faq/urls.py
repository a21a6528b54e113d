from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "faq"

urlpatterns = [
    path(_("faq/"), views.FaqView.as_view(), name="index"),
]
