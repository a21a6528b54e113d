from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from techniekpact.markup import inline_help, strip_inline, validate_inline
from techniekpact.publishing import Editorial, Publishable, Reviewed


class Pact(Reviewed, Editorial):
    """The pact itself: one record, shown on the home and about pages. Always live (no
    publication fields), but its edits go through the editorial workflow too."""

    name = models.CharField(_("name"), max_length=200)
    full_name = models.CharField(_("full name"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    updated_on = models.DateField(_("update presented on"))
    tagline = models.CharField(
        _("tagline"), max_length=300, help_text=_("One sentence shown under the home page title.")
    )
    ambition = models.TextField(_("ambition"), help_text=_("Markdown."))
    history = models.TextField(_("history"), help_text=_("Markdown."))
    organisation = models.TextField(_("organisation"), help_text=_("Markdown."))
    funding = models.TextField(_("funding"), help_text=_("Markdown."))

    class Meta:
        verbose_name = _("pact")
        verbose_name_plural = _("pact")
        constraints = [
            # There is exactly one pact: the primary key is always 1.
            models.CheckConstraint(condition=models.Q(pk=1), name="pact_is_singleton"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:about")

    @classmethod
    def load(cls):
        return cls.objects.filter(pk=1).first()


class Milestone(Publishable):
    """A dated event on the pact's timeline (about page)."""

    date = models.DateField(_("date"))
    date_label = models.CharField(
        _("date as shown"),
        max_length=60,
        blank=True,
        help_text=_("Optional, e.g. 'spring 2016' when the exact day is not known."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("timeline")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("pages:about") + f"#{self.anchor}"

    @property
    def anchor(self):
        return f"milestone-{self.pk}"


class Goal(Reviewed, Publishable):
    """One of the twelve goals of the updated pact (2016)."""

    class Stage(models.TextChoices):
        # The site's own grouping by education stage; the pact itself does not group its goals.
        PRIMARY = "primary", _("Primary education")
        SECONDARY = "secondary", _("Secondary education")
        VOCATIONAL = "vocational", _("Vocational education")
        HIGHER = "higher", _("Higher education")
        LABOUR_MARKET = "labour_market", _("Labour market")

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(
        _("title"), max_length=250, help_text=_("The official title of the goal.")
    )
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("explanation"), help_text=_("Markdown."))
    stage = models.CharField(
        _("education stage"),
        max_length=20,
        choices=Stage,
        help_text=_("The site's own grouping, not an official one."),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=12), name="goal_number_1_to_12"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("pages:goal_detail", kwargs={"slug": self.slug})


class Partner(Publishable):
    """A national partner of the pact."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministries")
        EMPLOYERS = "employers", _("Employers")
        EMPLOYEES = "employees", _("Employees")
        EDUCATION = "education", _("Education")
        PUBLIC_BODY = "public_body", _("Public bodies")
        PLATFORM = "platform", _("Platforms and networks")
        REGIONS = "regions", _("Regions")

    name = models.CharField(
        _("name"), max_length=200, validators=[validate_inline], help_text=inline_help()
    )
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=40,
        blank=True,
        validators=[validate_inline],
        help_text=inline_help(_("The same in both languages.")),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("short description"),
        blank=True,
        validators=[validate_inline],
        help_text=inline_help(_("Plain text, no Markdown.")),
    )
    in_steering_group = models.BooleanField(
        _("member of the national steering group (LRT)"), default=False
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return strip_inline(self.name)

    def get_absolute_url(self):
        return reverse("pages:partners") + f"#{self.anchor}"

    @property
    def anchor(self):
        return f"partner-{self.pk}"


class Page(Reviewed, Publishable):
    """A free page (schemes, accessibility statement, privacy, ...), served at /<slug>/."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    intro = models.CharField(_("introduction"), max_length=400, blank=True)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    in_footer = models.BooleanField(_("link in footer"), default=False)
    in_navigation = models.BooleanField(_("link in main navigation"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # A free page lives at /<language>/<slug>/, behind every fixed address of the site: a
        # slug such as "doelen" would never be reached, so refuse it.
        errors = {}
        for code, _name in settings.LANGUAGES:
            slug = getattr(self, f"slug_{code}", None)
            if not slug:
                continue
            with translation.override(code):
                try:
                    match = resolve(f"/{code}/{slug}/")
                except Resolver404:
                    continue
            if match.view_name != "pages:page_detail":
                errors[f"slug_{code}"] = _(
                    "This address is already used by another part of the site."
                )
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("pages:page_detail", kwargs={"slug": self.slug})
