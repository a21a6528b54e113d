"""News items and events, national or for one landsdeel.

Both follow the site's publishing rules (`Publishable`: drafts, publication window) and the
region scope: an item with a landsdeel belongs to that landsdeel's coordinators, an item without
one is national and belongs to the project team.

"Dutch only": Dutch is the source language; an item whose English title is empty has no
English version. The English site lists it anyway, in Dutch, marked "(in Dutch)" and
`lang="nl"`, instead of hiding it or presenting Dutch text as English.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from regions.models import Landsdeel
from techniekpact.markup import inline_help, validate_inline
from techniekpact.publishing import Publishable, PublishableQuerySet

from . import images

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class RegionalQuerySet(PublishableQuerySet):
    def previewable_by(self, user):
        """Drafts `user` may preview: the project team all, a coordinator their landsdeel's."""
        queryset = super().previewable_by(user)
        if user.has_perm("regions.edit_all_landsdelen"):
            return queryset
        return queryset.filter(landsdeel__in=Landsdeel.objects.editable_by(user))

    def national(self):
        return self.filter(landsdeel__isnull=True)

    def regional(self):
        return self.filter(landsdeel__isnull=False)


class RegionalItem(Publishable):
    """What news items and events share: a landsdeel (or national) and the language rule."""

    landsdeel = models.ForeignKey(
        Landsdeel,
        # As its programmes: deleting a landsdeel takes its news and events along, in the same
        # recoverable snapshot (ContentAdmin), so recovering it brings them back too.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("landsdeel"),
        help_text=_("Leave empty for national items (project team only)."),
    )

    class Meta:
        abstract = True

    @property
    def is_dutch_only(self):
        """No English version: the English title is empty."""
        return not getattr(self, "title_en", "")

    @property
    def shown_in_dutch(self):
        """True when the current page is not Dutch but this item can only be shown in Dutch."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        return language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE and self.is_dutch_only

    @property
    def content_language(self):
        if self.shown_in_dutch:
            return settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        return translation.get_language() or settings.LANGUAGE_CODE


class NewsItem(RegionalItem):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(
        _("summary"), max_length=400, help_text=_("One or two sentences, shown in lists.")
    )
    body = models.TextField(_("text"), help_text=_("Markdown."))
    published_on = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("The date shown with the item; lists are ordered by it."),
    )
    goals = models.ManyToManyField(
        "pages.Goal", blank=True, related_name="+", verbose_name=_("related goals")
    )
    image = models.ImageField(
        _("image"),
        upload_to=images.ORIGINALS,
        blank=True,
        validators=[images.validate_image],
        help_text=_(
            "Optional. JPEG, PNG, WebP or GIF, at most 5 MB. The site shows resized copies "
            "without the photo's metadata (location, camera)."
        ),
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image, in both languages: what the image shows."),
    )
    # {size: [storage name, width, height]} of the renditions made from `image`.
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    objects = RegionalQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:news_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.image:
            # Both languages, also for a Dutch-only item: its English page then describes the
            # image to an English reader.
            missing = {
                f"image_alt_{code}": _("Describe the image: people who cannot see it read this.")
                for code, _name in settings.LANGUAGES
                if not getattr(self, f"image_alt_{code}", None)
            }
            if missing:
                raise ValidationError(missing)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.update_renditions()

    def update_renditions(self):
        """Make the renditions when the image is new or changed; drop them when it is gone."""
        source = self.image.name if self.image else ""
        if self.renditions.get("source") == source:
            return
        images.delete_renditions(
            {k: v for k, v in self.renditions.items() if k in images.RENDITION_WIDTHS}
        )
        renditions = {}
        if source:
            renditions = {"source": source, **images.make_renditions(self.image)}
        self.renditions = renditions
        # An update, not a save: no second content version, no recursion.
        type(self).objects.filter(pk=self.pk).update(renditions=renditions)

    def rendition(self, size):
        """(url, width, height) of a rendition, or None."""
        found = self.renditions.get(size)
        if not found:
            return None
        name, width, height = found
        return reverse("news_media", kwargs={"name": name}), width, height

    @property
    def image_small(self):
        return self.rendition("small")

    @property
    def image_large(self):
        return self.rendition("large")

    @property
    def published_at(self):
        """The publication date as a moment (midnight in Amsterdam), for feeds."""
        return datetime.combine(self.published_on, time(), tzinfo=AMSTERDAM)


class EventQuerySet(RegionalQuerySet):
    def upcoming(self, now=None):
        """Not yet over, soonest first."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Over, most recent first (the archive)."""
        return self.filter(ends_at__lte=now or timezone.now()).order_by("-start", "-pk")


class Event(RegionalItem):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    start = models.DateTimeField(_("start"), help_text=_("Date and time in Dutch time."))
    end = models.DateTimeField(_("end"), help_text=_("Date and time in Dutch time."))
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Only the dates count: the times are left out everywhere."),
    )
    location_name = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("For example the venue's name.")
    )
    location_address = models.CharField(_("address"), max_length=300, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Where participants join the online event.")
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        validators=[validate_inline],
        help_text=inline_help(_("The same in both languages.")),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    # When the event is over (for all-day events: the start of the day after the last day).
    ends_at = models.DateTimeField(editable=False, db_index=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:event_detail", kwargs={"slug": self.slug})

    def get_calendar_url(self):
        return reverse("news:event_ics", kwargs={"slug": self.slug})

    @property
    def local_start(self):
        return timezone.localtime(self.start, AMSTERDAM)

    @property
    def local_end(self):
        return timezone.localtime(self.end, AMSTERDAM)

    @property
    def first_day(self):
        return self.local_start.date()

    @property
    def last_day(self):
        return self.local_end.date()

    @property
    def is_past(self):
        return self.ends_at <= timezone.now()

    @property
    def is_multi_day(self):
        return self.first_day != self.last_day

    def compute_ends_at(self):
        if self.all_day:
            after = self.last_day + timedelta(days=1)
            return datetime.combine(after, time(), tzinfo=AMSTERDAM)
        return self.end

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end must not be before the start.")
        if self.is_online and not self.online_url:
            errors["online_url"] = _("Give the link for an online event.")
        if not self.is_online and not (self.location_name or self.location_address):
            errors["location_name"] = _("Give a location, or mark the event as online.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.ends_at = self.compute_ends_at()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "ends_at"}
        super().save(*args, **kwargs)
