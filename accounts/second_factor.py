"""Who has which second factor, in one place (views, middleware, admin, command)."""

from base64 import b32encode
from io import BytesIO

import django_otp
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import BackupCodeDevice


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def authenticator_apps(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at")


def has_second_factor(user):
    """A passkey or an authenticator app. Backup codes alone do not count: they are the way
    back when the real factor is missing, not a factor to live on."""
    return passkeys(user).exists() or authenticator_apps(user).exists()


def backup_codes(user):
    """The user's backup-code device, or None."""
    return BackupCodeDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def replace_backup_codes(user):
    """A new set of backup codes (the old ones stop working); returns them in plain text:
    the only time they exist as such."""
    device, _created = BackupCodeDevice.objects.get_or_create(
        user=user, defaults={"name": "backup codes"}
    )
    return device.replace_codes()


@transaction.atomic
def reset_second_factor(user):
    """Remove every device of `user` (passkeys, apps, backup codes, unfinished set-ups).
    Their sessions lose the second factor at once; at the next login they set up a new one.
    Returns how many devices were removed."""
    removed = 0
    for device in django_otp.devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed


def totp_key_text(device):
    """The app's key as people type it: base32, in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(data):
    """An SVG QR code (with its light background, so it scans in dark mode too)."""
    import qrcode
    import qrcode.image.svg

    out = BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathFillImage, border=4).save(out)
    return out.getvalue()
