from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor

User = get_user_model()

# django-otp's device admin would show superusers every authenticator app's secret key and QR
# code. Second factors are managed by their owners (/admin/second-factor/) and reset by a
# superuser with the action below; nobody edits them by hand.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, plus whether each user has a second factor and a way to reset it."""

    list_display = [*UserAdmin.list_display, "has_second_factor"]
    actions = ["reset_second_factor"]

    @admin.display(boolean=True, description=_("second factor"))
    def has_second_factor(self, obj):
        return second_factor.has_second_factor(obj)

    def has_reset_second_factor_permission(self, request):
        return request.user.is_superuser

    @admin.action(
        permissions=["reset_second_factor"],
        description=_("Reset the second factor of the selected users"),
    )
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            second_factor.reset_second_factor(user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d user was reset. At their next login they "
                "set up a new one.",
                "The second factors of %(count)d users were reset. At their next login they "
                "set up a new one.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
