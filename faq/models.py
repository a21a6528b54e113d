from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from techniekpact.publishing import Publishable, PublishableQuerySet, Reviewed


class QuestionQuerySet(PublishableQuerySet):
    def visible(self, user=None):
        """Published questions in a published category: what the public FAQ shows. With a
        `user`, what the FAQ shows them: for staff also the questions and categories they may
        preview (`visible_to`), each question with `is_draft`."""
        if user is None:
            return self.published().filter(category__in=Category.objects.published())
        return self.visible_to(user).filter(category__in=Category.objects.visible_to(user))


class Category(Reviewed, Publishable):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("anchor"),
        max_length=120,
        unique=True,
        help_text=_("Used in the page address after #. Keep it stable: people link to it."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("faq:index") + f"#{self.slug}"


class Question(Publishable):
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="questions", verbose_name=_("category")
    )
    question = models.CharField(_("question"), max_length=250)
    slug = models.SlugField(
        _("anchor"),
        max_length=120,
        unique=True,
        help_text=_("Used in the page address after #. Keep it stable: people link to it."),
    )
    answer = models.TextField(_("answer"), help_text=_("Markdown."))
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("faq:index") + f"#{self.slug}"
