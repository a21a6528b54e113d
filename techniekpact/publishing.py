"""What every visitor-facing model shares: a published flag, optional publication window and an
explicit order. The visibility rule lives here once (`published_q`); views, sitemaps and search
call `published()` (or `visible_to(user)` on list pages that also show staff their drafts) and
never repeat the filter.

The row in the table is always the *live* version: what visitors, the page cache and the search
index see. A change an editor prepares to a live item waits beside it as a working copy
(`techniekpact.models.EditorialState`, see `techniekpact.workflow`) until it is published.
`Editorial` is the base for every content model with that workflow (the pact too, which has no
publication fields: it is always live); `Publishable` adds the publication flag and window;
`Reviewed` adds a content owner and a review date to page-like items.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def published_q(now=None):
    """The visibility rule itself: marked published and inside the optional window."""
    now = now or timezone.now()
    return (
        Q(is_published=True)
        & (Q(publish_from__isnull=True) | Q(publish_from__lte=now))
        & (Q(publish_until__isnull=True) | Q(publish_until__gt=now))
    )


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Items a visitor may see: marked published and inside their optional window."""
        return self.filter(published_q(now))

    def visible_to(self, user, now=None):
        """What a list page shows `user`: the published items, and for staff also the drafts
        they may preview (`previewable_by`). Each item has `is_draft`: true for an item only
        shown because it is previewable, so templates mark it. Anyone else (every visitor) gets
        exactly `published()`."""
        now = now or timezone.now()
        if not (user.is_active and user.is_staff):
            return self.published(now).annotate(is_draft=Value(False))
        previewable = self.previewable_by(user).values("pk")
        return self.filter(published_q(now) | Q(pk__in=previewable)).annotate(
            is_draft=Case(When(published_q(now), then=False), default=True)
        )

    def previewable_by(self, user):
        """Items `user` may preview on the public site, published or not (see
        `techniekpact.views.PreviewMixin`): every one for active staff with view permission on
        the model, none for anyone else. Region-owned models narrow this to what the user may
        edit (`regions.models`)."""
        opts = self.model._meta
        if not (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        ):
            return self.none()
        return self.all()


class Status(models.TextChoices):
    """An item's publication status, as the admin lists show it in words."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    CHANGED = "changed", _("Published, changes in draft")
    EXPIRED = "expired", _("Expired")


def status_q(status, now=None):
    """The rows (live versions) of one status, leaving aside pending changes: CHANGED and
    PUBLISHED are the same rows here, told apart by `techniekpact.workflow.with_pending`."""
    now = now or timezone.now()
    if status == Status.DRAFT:
        return Q(is_published=False)
    if status == Status.EXPIRED:
        return Q(is_published=True, publish_until__lte=now)
    if status == Status.SCHEDULED:
        return Q(is_published=True, publish_from__gt=now) & ~Q(publish_until__lte=now)
    return published_q(now)


class Editorial(models.Model):
    """A content item with the editorial workflow: its row is the live version, edits to it wait
    in a working copy until published (techniekpact.workflow). `updated_at` is the moment the
    live version last changed; the admin's optimistic locking compares it."""

    # Not auto_now: fixtures are loaded raw, and a default lets them leave the field out.
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    def is_live_row(self):
        """Whether edits to this item must wait in a working copy: its row is (or was, or will
        be) seen by visitors. Always for an item without publication fields."""
        return True

    def publication_status(self, has_pending=False, now=None):
        return Status.CHANGED if has_pending else Status.PUBLISHED


class Publishable(Editorial):
    is_published = models.BooleanField(
        _("published"),
        # New items start as drafts: nothing reaches the site before someone publishes it.
        default=False,
        help_text=_("Only published items are shown on the public site."),
    )
    publish_from = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Optional: keep the item hidden until this moment."),
    )
    publish_until = models.DateTimeField(
        _("publish until"),
        null=True,
        blank=True,
        help_text=_("Optional: hide the item again from this moment."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._fill_missing_slugs()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {"publish_until": _("The end of the publication must come after its start.")}
            )

    def is_live_row(self):
        """Marked published (live, scheduled or expired): edits wait in a working copy. A draft
        is edited in place, visitors never see it."""
        if self.pk is None:
            return False
        return type(self)._default_manager.filter(pk=self.pk, is_published=True).exists()

    def publication_status(self, has_pending=False, now=None):
        now = now or timezone.now()
        if not self.is_published:
            return Status.DRAFT
        if self.publish_until and self.publish_until <= now:
            return Status.EXPIRED
        if self.publish_from and self.publish_from > now:
            return Status.SCHEDULED
        return Status.CHANGED if has_pending else Status.PUBLISHED

    def _fill_missing_slugs(self):
        """A translated slug left empty takes the Dutch one: the English page then has an
        address that works (links, hreflang and the sitemap all use it)."""
        default = getattr(self, f"slug_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", None)
        if not default:
            return
        for code, _name in settings.LANGUAGES:
            if not getattr(self, f"slug_{code}", None):
                setattr(self, f"slug_{code}", default)


class OwnerRole(models.TextChoices):
    PROJECTTEAM = "projectteam", _("Project team")
    COORDINATORS = "coordinators", _("The landsdeel's coordinators")
    USER = "user", _("One person (below)")


def review_interval():
    return datetime.timedelta(days=round(settings.CONTENT_REVIEW_INTERVAL_MONTHS * 365 / 12))


class Reviewed(models.Model):
    """A page-like item someone answers for: a content owner (a person, the project team or the
    landsdeel's coordinators) who checks it is still correct by its review date.

    A model may offer the coordinators as owner by defining `coordinator_users()`."""

    owner_role = models.CharField(
        _("content owner"),
        max_length=20,
        choices=OwnerRole,
        default=OwnerRole.PROJECTTEAM,
        help_text=_("Who checks that this text is still correct."),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner (person)"),
    )
    next_review_on = models.DateField(
        _("review date"),
        null=True,
        blank=True,
        help_text=_("Empty: one review interval after the last check or published change."),
    )
    last_reviewed_at = models.DateTimeField(
        _("last confirmed as correct"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.owner_role == OwnerRole.USER and not self.owner_user_id:
            raise ValidationError({"owner_user": _("Choose the person who owns this item.")})
        if self.owner_role == OwnerRole.COORDINATORS and not hasattr(self, "coordinator_users"):
            raise ValidationError(
                {"owner_role": _("This item has no landsdeel: choose another owner.")}
            )

    @property
    def last_checked_at(self):
        """The last confirmed review or the last published change, whichever is later."""
        moments = [m for m in (self.last_reviewed_at, getattr(self, "updated_at", None)) if m]
        return max(moments) if moments else None

    @property
    def review_due_on(self):
        if self.next_review_on:
            return self.next_review_on
        if self.last_checked_at is None:
            return timezone.localdate()
        return timezone.localdate(self.last_checked_at + review_interval())

    def owners(self):
        """The users who answer for this item (active ones only)."""
        from django.contrib.auth import get_user_model

        users = get_user_model()._default_manager
        if self.owner_role == OwnerRole.USER:
            return users.filter(is_active=True, pk=self.owner_user_id)
        if self.owner_role == OwnerRole.COORDINATORS and hasattr(self, "coordinator_users"):
            return self.coordinator_users().filter(is_active=True)
        return users.with_perm(
            "techniekpact.publish_content",
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
