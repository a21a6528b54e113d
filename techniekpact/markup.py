"""Markdown for long texts, rendered to HTML that cannot carry scripts.

Editors write Markdown; `markdown` turns it into HTML and `nh3` (the Ammonia sanitiser) keeps only
an allow-list of tags, attributes and URL schemes. Raw HTML in the source is therefore harmless:
no <script>, no on* handlers, no javascript: links.
"""

import re
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
    "h5",
    "h6",
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


EXTENSIONS = ["tables", "sane_lists", "abbr"]
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def shift_headings(html, base_level):
    """Move headings so that the text's highest heading becomes <h{base_level}> and the ones
    under it follow (at most <h6>): a text's headings then sit below the heading of the page
    part that holds it (an FAQ answer's headings below its question), and never skip a level,
    whether the editor started with `#` or with `##`."""
    levels = [int(level) for _closing, level in _HEADING_TAG.findall(html)]
    if not levels:
        return html
    shift = base_level - min(levels)

    def replace(match):
        return f"<{match[1]}h{min(6, int(match[2]) + shift)}"

    return _HEADING_TAG.sub(replace, html)


def has_image(text):
    """True when the Markdown would show an image (`![alt](url)`, a reference or raw <img>):
    the site shows none, so editors are told instead of having it dropped silently."""
    if not text:
        return False
    return "<img" in markdown_lib.markdown(text, extensions=EXTENSIONS).lower()


@lru_cache(maxsize=2048)
def render_markdown(text, base_level=2):
    """Return sanitised HTML for a Markdown text (cached: texts are small and reused).

    `base_level` is the heading level a `#` in the text gets: one below the heading the text
    sits under on its page.
    """
    if not text:
        return mark_safe("")
    html = shift_headings(markdown_lib.markdown(text, extensions=EXTENSIONS), base_level)
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
