"""Markdown for long texts, rendered to HTML that cannot carry scripts.

Editors write Markdown; `markdown` turns it into HTML and `nh3` (the Ammonia sanitiser) keeps only
an allow-list of tags, attributes and URL schemes. Raw HTML in the source is therefore harmless:
no <script>, no on* handlers, no javascript: links.
"""

from functools import lru_cache
from html import unescape

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    # With its "lang" attribute (allowed on every tag below): a Dutch term in an English text,
    # or an English one in a Dutch text, is read in its own language (WCAG 3.1.2).
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope"},
    # No "id": content could take the page's own ids (#content, the skip link's target).
    "*": {"lang"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


@lru_cache(maxsize=2048)
def render_markdown(text):
    """Return sanitised HTML for a Markdown text (cached: texts are small and reused)."""
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists", "abbr"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def plain_text(text):
    """The text a reader sees, without markup: for search and structured data (JSON-LD)."""
    if not text:
        return ""
    # nh3 without tags leaves escaped text ("W&amp;T"); unescape gives back what is read.
    return unescape(" ".join(nh3.clean(str(render_markdown(text)), tags=set()).split()))
