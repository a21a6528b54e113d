import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from techniekpact.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text, base_level=2):
    """Render an editor's Markdown as sanitised HTML; `base_level` is the level of its `#`
    headings (one below the heading the text sits under): `{{ text|markdown:3 }}`."""
    return render_markdown(text, int(base_level))


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
