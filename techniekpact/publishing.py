"""What every visitor-facing model shares: a published flag, optional publication window and an
explicit order. The visibility rule lives here once; views, sitemaps and search call
`published()` and never repeat the filter."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Items a visitor may see: marked published and inside their optional window."""
        now = now or timezone.now()
        return self.filter(
            Q(is_published=True),
            Q(publish_from__isnull=True) | Q(publish_from__lte=now),
            Q(publish_until__isnull=True) | Q(publish_until__gt=now),
        )


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
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_visible(self):
        now = timezone.now()
        return (
            self.is_published
            and (self.publish_from is None or self.publish_from <= now)
            and (self.publish_until is None or self.publish_until > now)
        )
