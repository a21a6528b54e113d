from django.contrib import admin


def is_verified(user):
    """True once the user has passed the second factor in this session (django-otp's
    OTPMiddleware marks the user; without it, nobody is)."""
    return bool(getattr(user, "is_verified", None)) and user.is_verified()


class StaffAdminSite(admin.AdminSite):
    """The admin for staff who passed both steps of the login.

    `accounts.middleware.SecondFactorMiddleware` sends a user who only gave their password to
    the second-factor step; this check holds even where the middleware is not in the way
    (a view mounted elsewhere, a changed middleware list)."""

    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)
