"""A small HTML reader for tests: what a visitor (or a screen reader) would get from a page."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Page:
    lang: str = ""
    title: str = ""
    h1: list = field(default_factory=list)
    links: list = field(default_factory=list)  # dicts of the <a> attributes plus "text"
    alternates: dict = field(default_factory=dict)  # hreflang -> href, from <link rel=alternate>
    ids: set = field(default_factory=set)
    text: str = ""  # visible text of <main>
    tags: list = field(default_factory=list)  # every start tag with its attributes

    def links_in(self, container_label):
        return [link for link in self.links if link.get("_nav") == container_label]


class _Reader(HTMLParser):
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack = []
        self.current_link = None
        self.main_text = []
        self.nav_labels = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.page.tags.append((tag, attrs))
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag == "html":
            self.page.lang = attrs.get("lang", "")
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.page.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "a":
            self.current_link = {**attrs, "text": "", "_nav": self._nav()}
            self.page.links.append(self.current_link)
        elif tag == "h1":
            self.page.h1.append("")
        if tag == "nav":
            self.nav_labels.append(attrs.get("aria-label") or attrs.get("aria-labelledby", ""))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            top = self.stack.pop()
            if top == "nav" and self.nav_labels:
                self.nav_labels.pop()
            if top == tag:
                break
        if tag == "a":
            self.current_link = None

    def handle_data(self, data):
        if "title" in self.stack and "svg" not in self.stack:
            self.page.title += data
        if self.current_link is not None:
            self.current_link["text"] += data
        if "h1" in self.stack:
            self.page.h1[-1] += data
        if "main" in self.stack and "script" not in self.stack:
            self.main_text.append(data)

    def _nav(self):
        return self.nav_labels[-1] if self.nav_labels else None


def parse(html):
    reader = _Reader()
    reader.feed(html)
    reader.close()
    page = reader.page
    page.title = " ".join(page.title.split())
    page.h1 = [" ".join(text.split()) for text in page.h1]
    page.text = " ".join(" ".join(reader.main_text).split())
    for link in page.links:
        link["text"] = " ".join(link["text"].split())
    return page


class _LanguageReader(HTMLParser):
    """The text of <body> as (language, text) pieces, each in the language of its nearest
    element with a lang attribute (what a screen reader pronounces it in)."""

    SKIPPED = {"script", "style", "template"}

    def __init__(self, skip_classes):
        super().__init__(convert_charrefs=True)
        self.skip_classes = set(skip_classes)
        self.stack = []  # (tag, language, skipped)
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language, skipped = self.stack[-1][1:] if self.stack else ("", False)
        language = attrs.get("lang", language)
        classes = set((attrs.get("class") or "").split())
        skipped = skipped or tag in self.SKIPPED or bool(classes & self.skip_classes)
        if tag not in _Reader.VOID:
            self.stack.append((tag, language, skipped))

    def handle_startendtag(self, tag, attrs):
        # <br/>, and SVG's self-closing elements: nothing to push.
        pass

    def handle_endtag(self, tag):
        if tag in _Reader.VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.stack or not data.strip():
            return
        tags = [entry[0] for entry in self.stack]
        language, skipped = self.stack[-1][1:]
        if "body" in tags and not skipped:
            self.pieces.append((language, " ".join(data.split())))


def text_by_language(html, skip_classes=()):
    """[(language, text)] for every piece of text in the page's <body>, leaving out scripts,
    styles and elements with one of `skip_classes`."""
    reader = _LanguageReader(skip_classes)
    reader.feed(html)
    reader.close()
    return reader.pieces
