"""django-otp-webauthn's API for the passkey buttons (namespace `otp_webauthn`, which its
template tags use), with the login lockout in front of passkey verification: a locked
account cannot get in with a passkey either, and a passkey login clears its failures like
any complete login."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn

from accounts import lockout

app_name = "otp_webauthn"


class LockedOut(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_detail = _("Logging in is blocked for a while after too many failed attempts.")
    default_code = "locked_out"


class LockoutMixin:
    def check_can_authenticate(self):
        super().check_can_authenticate()
        user = self.get_user()
        if user is not None and lockout.is_locked(self.request, user.get_username()):
            raise LockedOut()


class BeginAuthentication(LockoutMixin, webauthn.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(LockoutMixin, webauthn.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)
        lockout.count_success(self.request, device.user.get_username())


urlpatterns = [
    path(
        "registration/begin/",
        webauthn.BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        webauthn.CompleteCredentialRegistrationView.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginAuthentication.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        # The catalogue merged last wins: the site's own wording over the package's.
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn", "accounts"]),
        name="js-i18n-catalog",
    ),
]
