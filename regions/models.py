from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from techniekpact.markup import inline_help, strip_inline, validate_inline
from techniekpact.publishing import Publishable, PublishableQuerySet, Reviewed


class Province(models.Model):
    """One of the twelve provinces (reference data, not edited by coordinators)."""

    code = models.CharField(
        _("CBS code"), max_length=4, unique=True, help_text=_("For example PV30.")
    )
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


class LandsdeelQuerySet(PublishableQuerySet):
    def editable_by(self, user):
        """The landsdelen `user` may edit in the admin: all of them for the project team
        (the `edit_all_landsdelen` permission) and superusers, otherwise only those the user
        coordinates (`RegionMembership`). The admin's region scope is built on this alone."""
        if not user.is_active or not user.is_staff:
            return self.none()
        if user.has_perm("regions.edit_all_landsdelen"):
            return self.all()
        return self.filter(memberships__user=user)

    def previewable_by(self, user):
        """The drafts `user` may preview: only the landsdelen they may edit."""
        return super().previewable_by(user).filter(pk__in=self.model.objects.editable_by(user))

    def with_coverages(self):
        """Prefetch the provinces (or parts of them) each landsdeel covers."""
        return self.prefetch_related(
            models.Prefetch("coverages", queryset=Coverage.objects.select_related("province"))
        )

    def with_published_contacts(self):
        """Prefetch the landsdeel's published contacts into `.shown_contacts`."""
        return self.prefetch_related(
            models.Prefetch(
                "contacts", queryset=Contact.objects.published(), to_attr="shown_contacts"
            )
        )

    def with_visible_programmes(self, user=None):
        """Prefetch the published programmes into `.visible`; with a `user`, the programmes
        shown to them (`visible_to`: for staff also those they may preview, with `is_draft`)."""
        programmes = (
            Programme.objects.published() if user is None else Programme.objects.visible_to(user)
        )
        return self.prefetch_related(
            models.Prefetch("programmes", queryset=programmes, to_attr="visible")
        )


class Landsdeel(Reviewed, Publishable):
    """One of the five regions (landsdelen) that carry out the pact."""

    code = models.SlugField(
        _("map code"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("Fixed: links the landsdeel to its shape on the map, whatever its slug."),
    )
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.CharField(
        _("summary"),
        max_length=400,
        validators=[validate_inline],
        help_text=inline_help(_("Plain text, no Markdown.")),
    )
    body = models.TextField(_("text"), help_text=_("Markdown."))
    contact = models.TextField(
        _("contact"), blank=True, help_text=_("Markdown: who to contact in this region.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    provinces = models.ManyToManyField(
        Province, through="Coverage", related_name="landsdelen", verbose_name=_("provinces")
    )

    objects = LandsdeelQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("landsdeel")
        verbose_name_plural = _("landsdelen")
        permissions = [("edit_all_landsdelen", _("Can edit every landsdeel (project team)"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regions:detail", kwargs={"slug": self.slug})

    def coordinator_users(self):
        """The users who coordinate this landsdeel (the owner role "coordinators")."""
        from django.contrib.auth import get_user_model

        return get_user_model()._default_manager.filter(region_memberships__landsdeel=self)

    def may_publish_directly(self, user):
        """A coordinator the project team trusts publishes their landsdeel's changes without
        review (`RegionMembership.may_publish`)."""
        return self.memberships.filter(user=user, may_publish=True).exists()


class Coverage(models.Model):
    """How a landsdeel covers a province: the whole of it, or a named part.

    Noord-Brabant is the one split province: West-Brabant belongs to Zuidwest and the rest of the
    province to Zuidoost.
    """

    landsdeel = models.ForeignKey(
        Landsdeel, on_delete=models.CASCADE, related_name="coverages", verbose_name=_("landsdeel")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="coverages", verbose_name=_("province")
    )
    part = models.CharField(
        _("part of the province"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty when the landsdeel covers the whole province."),
    )
    corop_codes = models.CharField(
        _("COROP areas"),
        max_length=200,
        blank=True,
        help_text=_("For a part: the CBS COROP codes it consists of, e.g. CR33."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("province covered")
        verbose_name_plural = _("provinces covered")
        constraints = [
            models.UniqueConstraint(
                fields=["landsdeel", "province", "part"], name="coverage_unique_part"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.part or self.province.name

    @property
    def is_whole_province(self):
        return not self.part


class ProgrammeQuerySet(PublishableQuerySet):
    def previewable_by(self, user):
        """The drafts `user` may preview: only the programmes of landsdelen they may edit."""
        editable = Landsdeel.objects.editable_by(user)
        return super().previewable_by(user).filter(landsdeel__in=editable)


class Programme(Publishable):
    """A regional programme or Techniekpact agenda within a landsdeel."""

    landsdeel = models.ForeignKey(
        Landsdeel, on_delete=models.CASCADE, related_name="programmes", verbose_name=_("landsdeel")
    )
    name = models.CharField(
        _("name"), max_length=200, validators=[validate_inline], help_text=inline_help()
    )
    # Not translated: an organisation's name is a proper name, the same on both pages; its
    # language is marked once (<span lang="…">) and is then right on both.
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        validators=[validate_inline],
        help_text=inline_help(_("The same in both languages.")),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("regional programme")
        verbose_name_plural = _("regional programmes")

    def __str__(self):
        return strip_inline(self.name)

    def get_absolute_url(self):
        return self.landsdeel.get_absolute_url() + f"#programme-{self.pk}"


class RegionMembership(models.Model):
    """A regional coordinator's landsdeel: the one place where a coordinator's scope is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="region_memberships",
        verbose_name=_("user"),
    )
    landsdeel = models.ForeignKey(
        Landsdeel, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("landsdeel")
    )
    may_publish = models.BooleanField(
        _("trusted: may publish directly"),
        default=False,
        help_text=_(
            "Off: the coordinator's changes go to the project team for review before they are "
            "published."
        ),
    )

    class Meta:
        ordering = ["landsdeel__order", "user__username"]
        verbose_name = _("regional coordinator")
        verbose_name_plural = _("regional coordinators")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "landsdeel"], name="regionmembership_unique_user_landsdeel"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.landsdeel}"


def validate_language_codes(value):
    """A comma-separated list of language codes Django knows ("nl, en, fy")."""
    unknown = [code for code in split_codes(value) if code not in LANG_INFO]
    if unknown:
        raise ValidationError(
            _("Unknown language code: %(codes)s. Use codes such as nl, en, fy or de."),
            params={"codes": ", ".join(unknown)},
        )


def split_codes(value):
    return [code.strip().lower() for code in (value or "").split(",") if code.strip()]


class ContactQuerySet(PublishableQuerySet):
    def national(self):
        """The project team's contact: the one without a landsdeel."""
        return self.filter(landsdeel__isnull=True)

    def editable_by(self, user):
        """The contacts `user` may edit in the admin: every one (the national contact too) for
        the project team, otherwise those of the landsdelen the user coordinates."""
        if user.is_active and user.is_staff and user.has_perm("regions.edit_all_landsdelen"):
            return self.all()
        return self.filter(landsdeel__in=Landsdeel.objects.editable_by(user))

    def previewable_by(self, user):
        """The drafts `user` may preview: only the contacts they may edit."""
        return super().previewable_by(user).filter(pk__in=self.model.objects.editable_by(user))


class Contact(Publishable):
    """Whom a visitor can contact: the national project team (no landsdeel) or someone for a
    landsdeel. Fields nobody has verified stay empty: the site then says so and points to the
    national contact, rather than show an address that may be wrong."""

    landsdeel = models.ForeignKey(
        Landsdeel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("landsdeel"),
        help_text=_("Leave empty for the national contact of the project team."),
    )
    name = models.CharField(
        _("name or role"),
        max_length=200,
        validators=[validate_inline],
        help_text=inline_help(_("A person's name, or a role such as “Regional coordinator”.")),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        validators=[validate_inline],
        help_text=inline_help(),
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(
        _("phone number"), max_length=40, blank=True, help_text=_("For example +31 70 123 4567.")
    )
    website = models.URLField(_("web address"), blank=True)
    postal_address = models.TextField(
        _("postal address"), blank=True, help_text=_("One line per address line.")
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=60,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes, separated by commas: for example nl, en."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["landsdeel__order", "order", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return strip_inline(self.name)

    def get_absolute_url(self):
        return reverse("regions:contact") + f"#contact-{self.pk}"

    @property
    def is_national(self):
        return self.landsdeel_id is None

    @property
    def has_address(self):
        """True when the contact has any way to reach it (email, phone, web or post)."""
        return bool(self.email or self.phone or self.website or self.postal_address)

    @property
    def language_codes(self):
        return split_codes(self.languages)

    @property
    def telephone_uri(self):
        """The phone number as a tel: address (digits and a leading +)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""
