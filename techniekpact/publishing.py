"""What every visitor-facing model shares: a published flag, optional publication window and an
explicit order. The visibility rule lives here once (`published_q`); views, sitemaps and search
call `published()` (or `visible_to(user)` on list pages that also show staff their drafts) and
never repeat the filter."""

from django.conf import settings
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


class Publishable(models.Model):
    is_published = models.BooleanField(
        _("published"),
        default=True,
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
    # Not auto_now: fixtures are loaded raw, and a default lets them leave the field out.
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        self._fill_missing_slugs()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    def _fill_missing_slugs(self):
        """A translated slug left empty takes the Dutch one: the English page then has an
        address that works (links, hreflang and the sitemap all use it)."""
        default = getattr(self, f"slug_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", None)
        if not default:
            return
        for code, _name in settings.LANGUAGES:
            if not getattr(self, f"slug_{code}", None):
                setattr(self, f"slug_{code}", default)
