from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: the second factor (passkeys, authenticator apps, backup codes), the
    login lockout and the address it counts, and password reset by email."""

    default = True
    name = "accounts"
    verbose_name = _("Staff accounts")


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the site's own AdminSite as `admin.site`: it admits only
    staff who have passed the second factor. Every `@admin.register` works as before."""

    default = False  # named explicitly in INSTALLED_APPS
    default_site = "accounts.admin_site.StaffAdminSite"
