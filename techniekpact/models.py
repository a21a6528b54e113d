"""Old addresses (changing a slug must not break the links people already have) and the
editorial workflow's own records: working copies, review steps, reminders."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class SlugRedirect(models.Model):
    """An address an item had before its slug changed, answered with a 301 to its current one.

    Recorded by `techniekpact.signals` when a translated slug changes; served by
    `techniekpact.middleware.SlugRedirectMiddleware`, which only looks here after a 404.
    """

    old_path = models.CharField(_("old address"), max_length=300)
    language = models.CharField(_("language"), max_length=7)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    content_object = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            models.UniqueConstraint(fields=["old_path"], name="slugredirect_unique_old_path"),
        ]

    def __str__(self):
        return self.old_path

    def current_url(self):
        """The item's address now, in the language of the old address; None if it is gone or
        not visible to visitors (a draft, or outside its publication window): a redirect to it
        would only reveal its new slug, so the old address keeps answering 404."""
        model = self.content_type.model_class()
        if model is None:
            return None
        queryset = model._default_manager.all()
        if hasattr(queryset, "published"):
            queryset = queryset.published()
        obj = queryset.filter(pk=self.object_id).first()
        if obj is None:
            return None
        with translation.override(self.language):
            return obj.get_absolute_url()

    @classmethod
    def current_url_for(cls, path):
        redirect = cls.objects.filter(old_path=path).select_related("content_type").first()
        return redirect.current_url() if redirect else None


class EditorialState(models.Model):
    """Where one content item stands in the editorial workflow, beside its live row.

    `data` is the working copy: the fields an editor changed on a live item, as JSON, waiting
    to be published. It is kept apart from the content tables on purpose: the page cache, the
    search index, the sitemap and every public query read only the live rows, so a working copy
    cannot reach them by mistake, and saving one changes no content version.
    """

    class Review(models.TextChoices):
        NONE = "", _("Not submitted")
        SUBMITTED = "submitted", _("Submitted for review")
        SENT_BACK = "sent_back", _("Sent back")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("working copy"), null=True, blank=True, encoder=DjangoJSONEncoder)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), null=True, blank=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    review = models.CharField(_("review"), max_length=20, choices=Review, blank=True)
    review_note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer asked"),
    )

    class Meta:
        verbose_name = _("editorial state")
        verbose_name_plural = _("editorial states")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="editorialstate_unique_item"
            ),
        ]
        permissions = [
            ("publish_content", _("Can publish content and review other editors' changes")),
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id}"

    @property
    def has_pending(self):
        return bool(self.data)


class WorkflowEvent(models.Model):
    """One step in an item's editorial history: who did what, when, with which note."""

    class Action(models.TextChoices):
        SAVED_DRAFT = "saved_draft", _("Saved a draft change")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved and published")
        SENT_BACK = "sent_back", _("Sent back")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled for publication")
        DISCARDED = "discarded", _("Discarded the draft change")
        CONFIRMED = "confirmed", _("Confirmed as still correct")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    action = models.CharField(_("step"), max_length=20, choices=Action)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class EditorPreference(models.Model):
    """The language an editor last used the admin in: mails to them are written in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=7)

    class Meta:
        verbose_name = _("editor preference")
        verbose_name_plural = _("editor preferences")

    def __str__(self):
        return f"{self.user}: {self.language}"


class ReviewReminder(models.Model):
    """A reminder mailed to an owner about an overdue item, so that each is sent only once per
    review date (`send_review_reminders` may run every day)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    due_on = models.DateField(_("review date"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user", "due_on"],
                name="reviewreminder_once_per_date",
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.due_on}"


class TranslationEdit(models.Model):
    """When the text of one translated field was last written (or confirmed) in one language.

    One row per content type, item, field and language, so that "possibly outdated" is known per
    field: the English title is outdated when the Dutch title was edited after it. A row of its
    own (not a JSON field on each content model) keeps the content apps' tables as they are,
    lets the admin filter on it with one query, and needs no migration in any content app.
    Text that never went through the admin has no rows and is not marked.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=7)
    edited_at = models.DateTimeField(_("last edited or confirmed"))

    class Meta:
        verbose_name = _("translation edit")
        verbose_name_plural = _("translation edits")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translationedit_unique_field_language",
            ),
        ]

    def __str__(self):
        return f"{self.field} [{self.language}]"
