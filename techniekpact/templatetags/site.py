import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import resolution_order

from techniekpact.markup import render_inline, render_markdown, strip_inline

register = template.Library()


@register.filter
def markdown(text, base_level=2):
    """Render an editor's Markdown as sanitised HTML; `base_level` is the level of its `#`
    headings (one below the heading the text sits under): `{{ text|markdown:3 }}`."""
    return render_markdown(text, int(base_level))


@register.filter
def inline(text):
    """A short plain text (a name, a summary) as HTML: escaped, its <span lang="…"> marks for a
    word in another language kept (WCAG 3.1.2): `{{ programme.name|inline }}`."""
    return render_inline(text)


@register.filter
def plain(text):
    """A short plain text without its language marks, for attributes and titles."""
    return strip_inline(text)


@register.filter
def language_name(code):
    """The language's own name ("Nederlands", "English"), for the language switch."""
    return get_language_info(code)["name_local"]


# Characters that could end the <script> data block or start markup inside it.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A dict as JSON for a <script type="application/ld+json"> block, safe inside HTML."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


@register.simple_tag
def lang_of(obj, field):
    """` lang="nl"` when the text of `obj.field` shown in the current language is a fallback
    from another language (django-modeltranslation shows the Dutch text when the English field
    is empty), so that screen readers pronounce it as Dutch (WCAG 3.1.2). Put it inside the
    element's start tag: `<p{% lang_of goal "summary" %}>{{ goal.summary }}</p>`.
    Prints nothing when the text is in the page's language or the field is not translated."""
    if obj is None:
        return ""
    current = get_language()
    if getattr(obj, f"{field}_{current}", None) or not hasattr(obj, f"{field}_{current}"):
        return ""
    for code in resolution_order(current)[1:]:
        if getattr(obj, f"{field}_{code}", None):
            return format_html(' lang="{}"', code)
    return ""
