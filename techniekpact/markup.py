"""Markdown for long texts, rendered to HTML that cannot carry scripts.

Editors write Markdown; `markdown` turns it into HTML and `nh3` (the Ammonia sanitiser) keeps only
an allow-list of tags, attributes and URL schemes. Raw HTML in the source is therefore harmless:
no <script>, no on* handlers, no javascript: links.
"""

import re
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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
    """The text a reader sees, without markup: for structured data (JSON-LD), feeds and
    descriptions, which cannot hold the language marks `marked_text` keeps."""
    return strip_inline(marked_text(text))


class _MarkedText(HTMLParser):
    """Sanitised HTML to text, keeping the language of parts as <span lang> marks (the format
    of `render_inline`). An element inside a marked one keeps its outer mark only: marks do
    not nest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.open_tags, self.marked_at = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag in _VOID_TAGS:
            return
        language = dict(attrs).get("lang")
        self.open_tags.append(tag)
        if language and self.marked_at is None and _LANG_CODE.fullmatch(language):
            self.marked_at = len(self.open_tags)
            self.parts.append(f'<span lang="{language}">')

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS or tag not in self.open_tags:
            return
        while self.open_tags:
            if len(self.open_tags) == self.marked_at:
                self.parts.append("</span>")
                self.marked_at = None
            if self.open_tags.pop() == tag:
                break

    def handle_data(self, data):
        self.parts.append(data)


_VOID_TAGS = {"br", "hr", "img", "wbr"}
# A language code as lang="..." takes it: "nl", "en-GB".
_LANG_CODE_PATTERN = r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*"
_LANG_CODE = re.compile(_LANG_CODE_PATTERN)


def marked_text(text):
    """Like `plain_text`, but a part marked as another language keeps its mark
    (<span lang="nl">Techniekpact</span>): for search results, which show the text."""
    if not text:
        return ""
    parser = _MarkedText()
    parser.feed(str(render_markdown(text)))
    parser.close()
    if parser.marked_at is not None:
        parser.parts.append("</span>")
    return " ".join("".join(parser.parts).split())


# Short plain texts (names, abbreviations, summaries) are not Markdown, but a name or term in
# another language inside them can be marked as in Markdown: <span lang="nl">Techniekpact</span>
# (WCAG 3.1.2). That one tag is all they take; anything else is shown as typed.
_LANG_SPAN = re.compile(
    rf"<span\s+lang\s*=\s*(?P<q>[\"']?)(?P<code>{_LANG_CODE_PATTERN})(?P=q)\s*>"
    r"|</span\s*>",
    re.IGNORECASE,
)
_TAG_LIKE = re.compile(r"</?[a-zA-Z!]")


def _inline_tokens(text):
    """The text as ("text", str) and ("open", code) / ("close", None) tokens, or None when its
    spans are not well formed (unbalanced or nested)."""
    tokens, depth, position = [], 0, 0
    for match in _LANG_SPAN.finditer(text):
        tokens.append(("text", text[position : match.start()]))
        if match["code"]:
            depth += 1
            tokens.append(("open", match["code"]))
        else:
            depth -= 1
            tokens.append(("close", None))
        if depth not in (0, 1):
            return None
        position = match.end()
    tokens.append(("text", text[position:]))
    return tokens if depth == 0 else None


def inline_words(text):
    """The words of a short text with language marks, each as (word, language or None,
    whether it follows the word before without a space): for showing a part of it."""
    tokens = _inline_tokens(str(text or "")) or [("text", strip_inline(text))]
    words, language, spaced = [], None, True
    for kind, value in tokens:
        if kind == "open":
            language = value.lower()
        elif kind == "close":
            language = None
        else:
            for index, piece in enumerate(re.split(r"(\s+)", value)):
                if index % 2:
                    spaced = True
                elif piece:
                    words.append((piece, language, not spaced and bool(words)))
                    spaced = False
    return words


def render_inline(text):
    """A short plain text as HTML: escaped, with its <span lang="..."> marks kept. Badly formed
    marks (which the field's validator refuses) are dropped, never shown or let through."""
    if not text:
        return mark_safe("")
    text = str(text)
    tokens = _inline_tokens(text)
    if tokens is None:
        return mark_safe(escape(strip_inline(text)))  # noqa: S308 - escaped
    html = []
    for kind, value in tokens:
        if kind == "text":
            html.append(escape(value))
        elif kind == "open":
            html.append(f'<span lang="{escape(value.lower())}">')
        else:
            html.append("</span>")
    return mark_safe("".join(html))  # noqa: S308 - text escaped, only lang spans added


def strip_inline(text):
    """A short plain text without its language marks: for titles, attributes, feeds, search."""
    return _LANG_SPAN.sub("", str(text or ""))


def validate_inline(value):
    """Refuse markup in a short plain text other than well-formed <span lang="..."> marks."""
    if _inline_tokens(value) is None:
        raise ValidationError(
            _('Every <span lang="…"> needs its own </span>, and they cannot be nested.')
        )
    if _TAG_LIKE.search(strip_inline(value)):
        raise ValidationError(
            _('Only <span lang="…">…</span> is allowed here, to mark a word in another language.')
        )
    unknown = [
        match["code"]
        for match in _LANG_SPAN.finditer(value)
        if match["code"] and match["code"].lower().split("-")[0] not in LANG_INFO
    ]
    if unknown:
        raise ValidationError(
            _("Unknown language code: %(codes)s. Use codes such as nl, en, fy or de."),
            params={"codes": ", ".join(unknown)},
        )


# The admin shows help texts as HTML: the example tags must be escaped to be seen.
INLINE_HELP = lazy(
    lambda: escape(
        gettext(
            "A name or word in another language can be marked so that screen readers "
            'pronounce it right: <span lang="nl">Techniekpact</span> in an English text, '
            '<span lang="en">Human Capital Agenda</span> in a Dutch one. No other markup.'
        )
    ),
    str,
)()


def inline_help(text=""):
    """The help text of a short plain text field: its own `text`, then how to mark a word in
    another language."""
    return format_lazy("{} {}", text, INLINE_HELP) if text else INLINE_HELP
