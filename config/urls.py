from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import views as accounts_views
from config import views
from news import views as news_views
from techniekpact.content import sitemaps

admin.site.site_header = _("Technology Pact: content management")
admin.site.site_title = _("Technology Pact management")
admin.site.index_title = _("Content")

urlpatterns = [
    # Staff accounts first: the admin's own URLs end in a catch-all.
    path(
        "admin/password-reset/",
        accounts_views.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path("admin/second-factor/webauthn/", include("accounts.webauthn_urls")),
    path("admin/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps()},
        name="sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    # Image renditions only (news.images); the uploaded originals are never served.
    path("media/<path:name>", news_views.rendition, name="news_media"),
]

# Public pages carry their language in the path (/nl/..., /en/...); "/" redirects to the
# visitor's language (Accept-Language, Dutch by default) through LocaleMiddleware.
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("faq.urls")),
    path("", include("regions.urls")),
    path("", include("news.urls")),
    # Last: pages ends with the catch-all for free pages.
    path("", include("pages.urls")),
)

handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
