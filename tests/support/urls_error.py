"""URLs for the error-page tests: views that fail, inside the language prefix (a bug: 500;
the database unreachable: 503)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.db import OperationalError
from django.urls import path


def boom(request):
    raise RuntimeError("deliberate failure for the test")


def database_gone(request):
    raise OperationalError("deliberate: the database is unreachable")


# The admin too: the admin-language middleware looks its address up on every request.
urlpatterns = [path("admin/", admin.site.urls)] + i18n_patterns(
    path("boom/", boom), path("database-gone/", database_gone)
)
handler500 = "config.views.server_error"
