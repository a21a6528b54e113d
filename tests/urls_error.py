"""URLs for the 500-page test: a view that fails, inside the language prefix."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path


def boom(request):
    raise RuntimeError("deliberate failure for the test")


urlpatterns = i18n_patterns(path("boom/", boom))
handler500 = "config.views.server_error"
