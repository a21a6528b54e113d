from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
]

# Public pages carry their language in the path (/nl/..., /en/...); "/" redirects to the
# visitor's language (Accept-Language, Dutch by default) through LocaleMiddleware.
urlpatterns += i18n_patterns(
    path("", include("faq.urls")),
    path("", include("regions.urls")),
    # Last: pages ends with the catch-all for free pages.
    path("", include("pages.urls")),
)

handler404 = "techniekpact.views.page_not_found"
handler500 = "techniekpact.views.server_error"
