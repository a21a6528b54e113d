"""Which content lacks its text in a language: for the public notice and the editors' admin.

A translated field "lacks" a language when it is empty there while the other language has text
(a field empty in both is simply not used). Slugs are left out: an empty slug falls back and is
not something a reader notices.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator


def translated_fields(model):
    """The names of `model`'s translated text fields (without the language suffix)."""
    try:
        fields = translator.get_options_for_model(model).fields
    except NotRegistered:
        return []
    return [name for name in fields if not name.startswith("slug")]


def _languages():
    return [code for code, _name in settings.LANGUAGES]


def lacks_text(obj, language):
    """True when some translated field of `obj` is empty in `language` but filled in another."""
    others = [code for code in _languages() if code != language]
    return any(
        not getattr(obj, f"{name}_{language}", None)
        and any(getattr(obj, f"{name}_{other}", None) for other in others)
        for name in translated_fields(type(obj))
    )


def languages_lacking(obj):
    """The languages in which `obj` lacks text, in the order of settings.LANGUAGES."""
    return [code for code in _languages() if lacks_text(obj, code)]


def lacks_text_q(model, language):
    """`lacks_text` as a query filter on `model`; None when the model has nothing to translate."""
    others = [code for code in _languages() if code != language]
    conditions = []
    for name in translated_fields(model):
        empty = Q(**{f"{name}_{language}": ""}) | Q(**{f"{name}_{language}__isnull": True})
        filled = reduce(
            or_,
            (
                ~Q(**{f"{name}_{other}": ""}) & Q(**{f"{name}_{other}__isnull": False})
                for other in others
            ),
        )
        conditions.append(empty & filled)
    return reduce(or_, conditions) if conditions else None


def missing_translation(obj, language=None):
    """True when a visitor reading `obj` in `language` sees fallback text.

    Dutch is the source language of all content, so a Dutch page never says it is untranslated.
    """
    language = language or translation.get_language()
    if obj is None or language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return False
    return lacks_text(obj, language)
