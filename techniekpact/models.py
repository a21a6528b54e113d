"""Old addresses: changing a slug must not break the links people already have."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
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
