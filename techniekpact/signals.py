"""Keep old addresses working: when an item's translated slug changes, remember its old path."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from techniekpact.content import redirected_models
from techniekpact.models import SlugRedirect


def record_slug_change(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    try:
        if "slug" not in translator.get_options_for_model(sender).fields:
            return
    except NotRegistered:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    if old is None:
        return
    content_type = ContentType.objects.get_for_model(sender)
    for code, _name in settings.LANGUAGES:
        if getattr(old, f"slug_{code}") == getattr(instance, f"slug_{code}"):
            continue
        with translation.override(code):
            old_path = old.get_absolute_url()
            new_path = instance.get_absolute_url()
        # The item takes back an address it had before: that address is no longer "old".
        SlugRedirect.objects.filter(old_path=new_path).delete()
        SlugRedirect.objects.update_or_create(
            old_path=old_path,
            defaults={"language": code, "content_type": content_type, "object_id": instance.pk},
        )


def connect_signals():
    """For the models their apps declare as `redirected_models` (techniekpact.content)."""
    for model in redirected_models():
        pre_save.connect(
            record_slug_change, sender=model, dispatch_uid=f"slug-redirect-{model._meta.label}"
        )
