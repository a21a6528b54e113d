from django import template
from django.utils.translation import get_language_info

from techniekpact.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render an editor's Markdown as sanitised HTML."""
    return render_markdown(text)


@register.filter
def language_name(code):
    """The language's own name ("Nederlands", "English"), for the language switch."""
    return get_language_info(code)["name_local"]
