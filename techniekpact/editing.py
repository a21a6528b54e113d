"""Editing comfort in the admin: both languages side by side, errors that can be seen, Markdown
help and preview, and translations that know when they may be outdated.

`techniekpact.admin.EditingMixin` uses what is here; the admin home's "still to translate" list
uses `outdated_by_item`.

Outdated translations are kept per field in `TranslationEdit`: each time the admin saves a
translated field whose text changed in a language, that language's row gets the time. The other
language of that field is "possibly outdated" while its own time is older (or it has none), and
it has text (an empty field is "missing", which the translation status already shows). Editing
it, or ticking "still right" for it, gives it a newer time and the mark goes.
"""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from techniekpact import workflow
from techniekpact.markup import has_image
from techniekpact.models import TranslationEdit
from techniekpact.translation_status import translated_fields


def languages():
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    """The language's name in the editor's language ("Nederlands", "Engels")."""
    return {"nl": _("Dutch"), "en": _("English")}.get(code, code)


def normalise_newlines(value):
    """Browsers send a textarea's line breaks as \\r\\n: store \\n, as the imported text has, so
    that saving an unchanged form changes nothing."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def is_markdown_field(model_field):
    """Long texts whose help says they are Markdown (every content app marks them so)."""
    with translation.override("en"):
        help_text = str(getattr(model_field, "help_text", "") or "")
    return help_text.startswith("Markdown")


def markdown_fields(model):
    """The names (without language suffix) of `model`'s translated Markdown fields."""
    names = []
    for name in translated_fields(model):
        if is_markdown_field(model._meta.get_field(name)):
            names.append(name)
    return names


# Outdated translations.


def _outdated_from(times, obj, model):
    """(field, language) pairs of `obj` possibly outdated, given {(field, language): time}."""
    outdated = []
    for name in translated_fields(model):
        for language in languages():
            if not getattr(obj, f"{name}_{language}", None):
                continue
            others = [
                times[(name, other)]
                for other in languages()
                if other != language and (name, other) in times
            ]
            if not others:
                continue
            mine = times.get((name, language))
            if mine is None or mine < max(others):
                outdated.append((name, language))
    return outdated


def outdated_fields(obj):
    """The (field, language) pairs of `obj` whose text may no longer match the other language."""
    if obj is None or obj.pk is None:
        return []
    model = type(obj)
    rows = TranslationEdit.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=obj.pk
    ).values_list("field", "language", "edited_at")
    times = {(field, language): at for field, language, at in rows}
    return _outdated_from(times, obj, model) if times else []


def outdated_by_item(queryset):
    """{pk: [(field, language), ...]} for the items of `queryset` with an outdated field."""
    model = queryset.model
    rows = TranslationEdit.objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    ).values_list("object_id", "field", "language", "edited_at")
    times_by_pk = {}
    for object_id, field, language, at in rows:
        times_by_pk.setdefault(object_id, {})[(field, language)] = at
    if not times_by_pk:
        return {}
    result = {}
    for obj in queryset.filter(pk__in=list(times_by_pk)):
        outdated = _outdated_from(times_by_pk[obj.pk], obj, model)
        if outdated:
            result[obj.pk] = outdated
    return result


def record_edits(obj, changed, synced=()):
    """Note that the (field, language) pairs in `changed` were written just now, which makes
    the field's other languages possibly outdated; and that the fields in `synced` (a possibly
    outdated text that was edited or confirmed) match in every language again."""
    pairs = set(changed) | {(field, language) for field in synced for language in languages()}
    if not pairs:
        return
    content_type = ContentType.objects.get_for_model(type(obj))
    now = timezone.now()
    for field, language in sorted(pairs):
        TranslationEdit.objects.update_or_create(
            content_type=content_type,
            object_id=obj.pk,
            field=field,
            language=language,
            defaults={"edited_at": now},
        )


def saved_texts(obj):
    """The translated texts of `obj` as saved: the live row, with its draft change (editorial
    workflow) over it when there is one."""
    model = type(obj)
    names = [f"{n}_{language}" for n in translated_fields(model) for language in languages()]
    texts = model._default_manager.filter(pk=obj.pk).values(*names).first() or {}
    state = workflow.state_of(obj)
    if state is not None and state.data:
        texts.update({key: value for key, value in state.data.items() if key in names})
    return texts


def split_localized(name):
    """("title", "en") for "title_en"; None for a field that is not a translation."""
    base, _sep, language = name.rpartition("_")
    if base and language in languages():
        return base, language
    return None


class ContentForm(forms.ModelForm):
    """The base form of every content admin: refuses images in Markdown and offers, per
    possibly outdated field, a "still right" checkbox."""

    confirm_translations = forms.MultipleChoiceField(
        label=_("Still right"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The other language of these texts was changed after them. Tick a text that is "
            "still right as it is, or change it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outdated = outdated_fields(self.instance)
        choices = []
        for field, language in self.outdated:
            model_field = self.instance._meta.get_field(field)
            choices.append(
                (
                    f"{field}_{language}",
                    f"{str(model_field.verbose_name).capitalize()} ({language_name(language)})",
                )
            )
        self.fields["confirm_translations"].choices = choices
        marker = _("possibly outdated")
        for field, language in self.outdated:
            form_field = self.fields.get(f"{field}_{language}")
            if form_field is None:
                continue
            form_field.label = f"{form_field.label} – {marker}"
            widget = form_field.widget
            widget = getattr(widget, "widget", widget)
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} mt-outdated".strip()
            widget.attrs["aria-describedby"] = "outdated-note"
        self.markdown_names = {
            f"{name}_{language}"
            for name in markdown_fields(type(self.instance))
            for language in languages()
        }

    def clean(self):
        cleaned = super().clean()
        for name in self.markdown_names:
            if name in self.fields and has_image(cleaned.get(name)):
                self.add_error(
                    name,
                    _(
                        "Images cannot be shown in this text: the site shows no pictures from "
                        "texts, because they would need a description and a safe place to be "
                        "stored. Remove the image (the part starting with “![”) or link to it."
                    ),
                )
        return cleaned

    def edited_pairs(self, before=None):
        """What this form did to the translations: the (field, language) pairs the editor
        changed, and the fields brought in line again (a possibly outdated text that was
        edited, or ticked as still right), as (changed, synced). `before` ({name: text}, see
        `saved_texts`) is what was saved until now; without it the form's initial values."""
        changed, synced = set(), set()
        names = {
            f"{name}_{language}"
            for name in translated_fields(type(self.instance))
            for language in languages()
        }
        if before is None:
            edited = [name for name in self.changed_data if name in names]
        else:
            edited = [
                name
                for name in names
                if name in self.fields
                and name in self.cleaned_data
                and normalise_newlines(self.cleaned_data[name] or "")
                != normalise_newlines(before.get(name) or "")
            ]
        for name in edited:
            split = split_localized(name)
            if split:
                (synced.add(split[0]) if split in self.outdated else changed.add(split))
        for value in self.cleaned_data.get("confirm_translations") or []:
            split = split_localized(value)
            if split:
                synced.add(split[0])
        return changed, synced
