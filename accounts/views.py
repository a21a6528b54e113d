"""The second step of every staff login, setting up a second factor, and password reset.

All of these live under /admin/, so they speak the admin's language (Dutch unless the editor
chose English) and look like the admin.
"""

import math
from base64 import b64encode
from functools import wraps

import django_otp
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import lockout, second_factor
from accounts.admin_site import is_verified
from accounts.forms import CodeForm, StaffPasswordResetForm
from accounts.middleware import redirect_to_second_factor
from accounts.models import BackupCodeDevice

TOTP_DIGITS = 6


def next_url(request):
    """Where to go after this step: the `next` asked for, if it is an address on this site,
    else the admin's home page (never Django's /accounts/profile/)."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def with_next(url, request):
    return f"{url}?{urlencode({'next': next_url(request)})}"


def login_step(view):
    """Pages that finish a login: they need the password step done by active staff."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def verified_required(view):
    """Pages for staff who passed both steps."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_verified(request.user):
            return redirect_to_second_factor(request)
        return view(request, *args, **kwargs)

    return login_step(wrapper)


def may_add_factor(user):
    """Someone who already has a second factor adds another only after using it."""
    return is_verified(user) or not second_factor.has_second_factor(user)


def admin_context(request, title, **context):
    return {**admin.site.each_context(request), "title": title, **context}


def locked_out(request):
    """End the half-finished login and show the lockout page."""
    logout(request)
    return lockout.lockout_response(request)


def check_code(user, code):
    """The device that accepts `code` (six digits from an app, or a backup code), or None and
    the moment the user may try again if django-otp's throttling holds the devices back."""
    if code.isdigit() and len(code) == TOTP_DIGITS:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = BackupCodeDevice.objects.filter(user=user, confirmed=True)
    wait_until = None
    with transaction.atomic():
        for device in devices.select_for_update():
            allowed, details = device.verify_is_allowed()
            if not allowed:
                until = (details or {}).get("locked_until")
                wait_until = max(filter(None, [wait_until, until]), default=None)
                continue
            if device.verify_token(code):
                return device, None
    return None, wait_until


def wrong_code_message(wait_until):
    if wait_until is None:
        return _("That code is not right. Check it and try again, or use a backup code.")
    seconds = max(1, math.ceil((wait_until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes in a row. Wait %(seconds)d second and try again.",
        "Too many wrong codes in a row. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


@login_step
def verify(request):
    """The second step of the login: a passkey, a code from the app, or a backup code."""
    user = request.user
    if is_verified(user):
        return redirect(next_url(request))
    if not second_factor.has_second_factor(user):
        return redirect(with_next(reverse("accounts:setup"), request))
    backup = second_factor.backup_codes(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        username = user.get_username()
        if lockout.is_locked(request, username):
            return locked_out(request)
        if form.is_valid():
            device, wait_until = check_code(user, form.cleaned_data["code"])
            if device is not None:
                django_otp.login(request, device)
                lockout.count_success(request, username)
                return redirect(next_url(request))
            if lockout.count_failure(request, username):
                return locked_out(request)
            form.add_error("code", wrong_code_message(wait_until))
    context = admin_context(
        request,
        _("Second step of logging in"),
        form=form,
        next=next_url(request),
        has_passkey=second_factor.passkeys(user).exists(),
        has_app=second_factor.authenticator_apps(user).exists(),
        backup_codes_left=backup.remaining() if backup else 0,
    )
    return render(request, "accounts/verify.html", context)


@login_step
def setup(request):
    """Choose a second factor: after the first login, or to add one."""
    if not may_add_factor(request.user):
        return redirect(with_next(reverse("accounts:verify"), request))
    context = admin_context(
        request,
        _("Set up a second way to log in"),
        first_time=not second_factor.has_second_factor(request.user),
        next=next_url(request),
        passkey_url=with_next(reverse("accounts:passkey_setup"), request),
        app_url=with_next(reverse("accounts:app_setup"), request),
    )
    return render(request, "accounts/setup.html", context)


def after_setup_url(request):
    """After a new factor: make backup codes if there are none yet, else carry on."""
    if second_factor.backup_codes(request.user) is None:
        return with_next(reverse("accounts:backup_codes"), request)
    return next_url(request)


@login_step
def app_setup(request):
    """An authenticator app (TOTP): scan the QR code or type the key, then give a code."""
    user = request.user
    if not may_add_factor(user):
        return redirect(with_next(reverse("accounts:verify"), request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(
        request.POST or None,
        numeric=True,
        help_text=_("The six digits the app shows for this site."),
    )
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            if not is_verified(user):
                django_otp.login(request, device)
                lockout.count_success(request, user.get_username())
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(after_setup_url(request))
        form.add_error(
            "code",
            _(
                "That code is not right. Type the newest code the app shows; if it still "
                "fails, check that the time on your phone is set automatically."
            ),
        )
    qr = b64encode(second_factor.qr_code_svg(device.config_url)).decode()
    context = admin_context(
        request,
        _("Set up an authenticator app"),
        form=form,
        next=next_url(request),
        qr_code=f"data:image/svg+xml;base64,{qr}",
        key=second_factor.totp_key_text(device),
    )
    return render(request, "accounts/app_setup.html", context)


@login_step
def passkey_setup(request):
    """A passkey (WebAuthn): the browser and django-otp-webauthn's script do the work."""
    if not may_add_factor(request.user):
        return redirect(with_next(reverse("accounts:verify"), request))
    context = admin_context(
        request,
        _("Set up a passkey"),
        next=next_url(request),
        done_url=after_setup_url(request),
    )
    return render(request, "accounts/passkey_setup.html", context)


@verified_required
def backup_codes(request):
    """Make a new set of backup codes and show it, once (a POST, so a reload cannot)."""
    user = request.user
    codes = None
    if request.method == "POST":
        codes = second_factor.replace_backup_codes(user)
    device = second_factor.backup_codes(user)
    context = admin_context(
        request,
        _("Backup codes"),
        codes=codes,
        remaining=device.remaining() if device else 0,
        has_device=device is not None,
        next=next_url(request),
    )
    return render(request, "accounts/backup_codes.html", context)


@verified_required
def overview(request):
    """The editor's own second factors: what they have, add one, remove one."""
    user = request.user
    backup = second_factor.backup_codes(user)
    context = admin_context(
        request,
        _("Your second factor"),
        passkeys=second_factor.passkeys(user),
        apps=second_factor.authenticator_apps(user),
        backup_codes_left=backup.remaining() if backup else None,
        primary_count=second_factor.passkeys(user).count()
        + second_factor.authenticator_apps(user).count(),
    )
    return render(request, "accounts/overview.html", context)


@require_POST
@verified_required
def remove_device(request, kind, pk):
    """Remove one of the editor's own passkeys or apps, never the last one."""
    devices = {"passkey": second_factor.passkeys, "app": second_factor.authenticator_apps}
    if kind not in devices:
        raise Http404
    device = get_object_or_404(devices[kind](request.user), pk=pk)
    total = second_factor.passkeys(request.user).count()
    total += second_factor.authenticator_apps(request.user).count()
    if total <= 1:
        messages.error(
            request,
            _("This is your only second factor. Add another one before you remove it."),
        )
    else:
        device.delete()
        messages.success(request, _("Removed. You can no longer log in with it."))
    return redirect("accounts:second_factor")


# --- Password reset by email ---------------------------------------------------------------


class AdminLookMixin:
    """Django's own reset views and the admin's templates for them, with the site's header."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class PasswordResetView(AdminLookMixin, auth_views.PasswordResetView):
    """Staff ask for a reset link by email.

    Each request counts for the lockout like a failed login, for the address typed (as the
    username) and for the visitor's address: a locked address gets the lockout page and no
    mail. Whether an account has the address is never shown.
    """

    form_class = StaffPasswordResetForm
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()[:254]
        if lockout.is_locked(request, email) or lockout.count_failure(request, email):
            return lockout.lockout_response(request)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(AdminLookMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminLookMixin, auth_views.PasswordResetConfirmView):
    """Set a new password. It does not log in: the login still takes the second factor."""

    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(AdminLookMixin, auth_views.PasswordResetCompleteView):
    pass
