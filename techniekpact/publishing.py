"""What every visitor-facing model shares: a published flag, optional publication window and an
explicit order. The visibility rule lives here once; views, sitemaps and search call
`published()` and never repeat the filter."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The apps whose models are the site's content (edited by the project team, cached, versioned).
CONTENT_APPS = ("pages", "faq", "regions")


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Items a visitor may see: marked published and inside their optional window."""
        now = now or timezone.now()
        return self.filter(
            Q(is_published=True),
            Q(publish_from__isnull=True) | Q(publish_from__lte=now),
            Q(publish_until__isnull=True) | Q(publish_until__gt=now),
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
