"""Mounted under /admin/ (before the admin's own URLs): the second factor and password reset.

The reset form itself is in the project's URLs as `admin_password_reset`, the name the
admin's login page looks for to show its "Forgotten your password?" link.
"""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    # Everything under second-factor/ finishes a login (SecondFactorMiddleware lets it through).
    path("second-factor/", views.overview, name="second_factor"),
    path("second-factor/verify/", views.verify, name="verify"),
    path("second-factor/set-up/", views.setup, name="setup"),
    path("second-factor/app/", views.app_setup, name="app_setup"),
    path("second-factor/passkey/", views.passkey_setup, name="passkey_setup"),
    path("second-factor/backup-codes/", views.backup_codes, name="backup_codes"),
    path(
        "second-factor/remove/<slug:kind>/<int:pk>/",
        views.remove_device,
        name="remove_device",
    ),
    path(
        "password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
