"""Backup codes: django-otp's device framework and throttling, with the codes stored hashed.

django-otp's own static tokens (`otp_static`) are kept in the database as plain text, so
anyone who reads the database could log in with them. Here each code is stored only as its
SHA-256 digest. A fast hash is enough because the codes are random (80 bits each), unlike a
password: trying every possible code against a stolen digest is out of reach, and a slow
password hash would make checking ten codes take seconds.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to copy by hand
CODE_LENGTH = 16  # 16 characters of 31: 79 bits


def normalise(code):
    """A code as typed (any case, spaces or dashes between the groups) in stored form."""
    return "".join(code.lower().split()).replace("-", "")


def digest(code):
    return hashlib.sha256(normalise(code).encode()).hexdigest()


class BackupCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's set of one-time backup codes, for when their phone or passkey is not at hand.

    A user has at most one; `replace_codes()` makes a new set and returns it, the only time
    the codes exist in plain text. Each code works once.
    """

    COUNT = 10

    class Meta:
        verbose_name = _("backup codes")
        verbose_name_plural = _("backup codes")

    def get_throttle_factor(self):
        return getattr(settings, "ACCOUNTS_BACKUP_CODE_THROTTLE_FACTOR", 1)

    @transaction.atomic
    def replace_codes(self):
        """Forget the old codes and make a new set: returns them, formatted for display."""
        self.codes.all().delete()
        codes = [
            "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            for _ in range(self.COUNT)
        ]
        BackupCode.objects.bulk_create(BackupCode(device=self, digest=digest(c)) for c in codes)
        return ["-".join(code[i : i + 4] for i in range(0, CODE_LENGTH, 4)) for code in codes]

    def remaining(self):
        return self.codes.count()

    def verify_token(self, token):
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        # Deleting is the check: of two requests with the same code, only one deletes it.
        used, _by_model = self.codes.filter(digest=digest(token)).delete()
        if used:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(used)


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = _("backup code")
        verbose_name_plural = _("backup codes")

    def __str__(self):
        return str(_("backup code"))
