"""Site search: a small in-process index of the published content, per language.

Why our own index rather than the database's full-text search: the content is small (a few
hundred texts), SQLite and PostgreSQL must give the same results, and Dutch needs stemming,
accent folding and the pact's abbreviations, which neither database offers the same way. The
Snowball stemmers (snowballstemmer) do the linguistics; the rest is a few dozen lines.

The index is rebuilt lazily when the content version changes (see techniekpact/cache.py), so an
edit is searchable at the next request in every worker.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape

import snowballstemmer
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from techniekpact.cache import content_version
from techniekpact.markup import plain_text

MAX_QUERY_LENGTH = 200
STEMMERS = {"nl": "dutch", "en": "english"}

# Abbreviations and the words they stand for. A text containing the words also gets the
# abbreviation as a term, and a query with either finds both. Written already folded (lower
# case, no accents).
ABBREVIATIONS = {
    "mbo": ["middelbaar beroepsonderwijs", "senior secondary vocational education"],
    "hbo": [
        "hoger beroepsonderwijs",
        "universities of applied sciences",
        "university of applied sciences",
    ],
    "wo": ["wetenschappelijk onderwijs", "research universities", "research university"],
    "wt": ["wetenschap en technologie", "wetenschap en techniek", "science and technology"],
    "lrt": [
        "landelijke regiegroep techniekpact",
        "landelijke regiegroep",
        "national steering group",
    ],
    "ezk": ["economische zaken en klimaat", "economic affairs and climate"],
    "ez": ["economische zaken", "economic affairs"],
    "ocw": ["onderwijs cultuur en wetenschap", "education culture and science"],
    "szw": ["sociale zaken en werkgelegenheid", "social affairs and employment"],
    "pps": [
        "publiek private samenwerking",
        "publiek-private samenwerking",
        "public private partnership",
        "public-private partnership",
    ],
    "vo": ["voortgezet onderwijs"],
    "po": ["primair onderwijs"],
}
# Single words that name the same thing.
SYNONYMS = {"fryslan": "friesland", "frisia": "friesland"}

# Words that say nothing about what someone looks for; dropped from a query (unless nothing
# else is left), so "hoe word ik leraar" finds what "leraar" finds.
STOPWORDS = {
    "nl": set(
        "aan al als ben bij dat de den der deze die dit doe doen een en er hebben heeft het hoe"
        " ik in is je kan kun kunnen kunt me met mijn na naar niet nog of om on ook op over te"
        " tot u uw van voor waar wanneer wat welk welke wie wij word worden wordt zijn zo".split()
    ),
    "en": set(
        "a about also am an and any are as at be by can could do does for from get has have how"
        " i in is it me my of on or the there to was what when where which who why will with you"
        " your".split()
    ),
}

WORD = re.compile(r"\w+")


def fold(text):
    """Lower case without accents: "Fryslân" and "fryslan" are the same word."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # "W&T" is one word to a reader.
    return text.replace("w&t", "wt").replace("w & t", "wt")


def _phrases_to_abbreviations(folded):
    terms = []
    normalised = " ".join(WORD.findall(folded.replace("-", " ")))
    for abbreviation, phrases in ABBREVIATIONS.items():
        for phrase in phrases:
            phrase = " ".join(WORD.findall(phrase.replace("-", " ")))
            if f" {phrase} " in f" {normalised} ":
                terms.append(abbreviation)
                break
    return terms


@lru_cache(maxsize=100_000)
def _stem(language, word):
    # A fresh stemmer per miss: stemmer objects keep state while they work (not thread-safe),
    # and after warming up nearly every word is a cache hit.
    return snowballstemmer.stemmer(STEMMERS[language]).stemWord(word)


class Analyzer:
    """Text to search terms: fold, split, map synonyms, stem, add abbreviations."""

    def __init__(self, language):
        self.language = language if language in STEMMERS else "nl"
        self.stopwords = STOPWORDS.get(language, set())

    def word_term(self, word):
        word = SYNONYMS.get(word, word)
        if word in ABBREVIATIONS:
            return word
        return _stem(self.language, word)

    def terms(self, text):
        folded = fold(text)
        words = WORD.findall(folded)
        return [self.word_term(word) for word in words] + _phrases_to_abbreviations(folded)

    def query_terms(self, text):
        """Terms of a query: like `terms`, without the stopwords (unless that leaves none)."""
        folded = fold(text)
        words = WORD.findall(folded)
        meaningful = [word for word in words if word not in self.stopwords] or words
        terms = [self.word_term(word) for word in meaningful]
        return list(dict.fromkeys(terms + _phrases_to_abbreviations(folded)))


@dataclass
class Document:
    kind: str
    title: str
    url: str
    body: str
    title_terms: set = field(default_factory=set)
    body_terms: dict = field(default_factory=dict)  # term -> count


# A match in a title (or question) weighs more than one in the body.
TITLE_WEIGHT = 10
BODY_WEIGHT = 1


def _collect(language):
    """Every published text a visitor can reach, as (kind, title, url, body)."""
    from faq.models import Question
    from pages.models import Goal, Milestone, Pact, Page, Partner
    from regions.models import Landsdeel

    with translation.override(language):
        pact = Pact.load()
        if pact:
            milestones = " ".join(
                f"{m.title} {plain_text(m.description)}" for m in Milestone.objects.published()
            )
            yield (
                _("About the pact"),
                str(_("About the pact")),
                pact.get_absolute_url(),
                " ".join(
                    [pact.full_name, pact.tagline]
                    + [
                        plain_text(t)
                        for t in (pact.ambition, pact.history, pact.organisation, pact.funding)
                    ]
                    + [milestones]
                ),
            )
        for goal in Goal.objects.published():
            yield (
                _("Goal"),
                goal.title,
                goal.get_absolute_url(),
                f"{goal.summary} {plain_text(goal.body)}",
            )
        for question in Question.objects.visible():
            yield (
                _("Question"),
                question.question,
                question.get_absolute_url(),
                plain_text(question.answer),
            )
        regions = Landsdeel.objects.published().with_coverages().with_visible_programmes()
        for landsdeel in regions:
            provinces = " ".join(
                f"{c.province.name} {c.part or ''}" for c in landsdeel.coverages.all()
            )
            programmes = " ".join(
                f"{p.name} {p.organisation} {plain_text(p.description)}" for p in landsdeel.visible
            )
            yield (
                _("Region"),
                landsdeel.name,
                landsdeel.get_absolute_url(),
                f"{provinces}. {landsdeel.summary} {plain_text(landsdeel.body)} {programmes} "
                f"{plain_text(landsdeel.contact)}",
            )
        for partner in Partner.objects.published():
            title = partner.name
            if partner.abbreviation and partner.abbreviation != partner.name:
                title = f"{partner.name} ({partner.abbreviation})"
            yield (_("Partner"), title, partner.get_absolute_url(), partner.description)
        for page in Page.objects.published():
            yield (
                _("Page"),
                page.title,
                page.get_absolute_url(),
                f"{page.intro} {plain_text(page.body)}",
            )


def build_index(language):
    analyzer = Analyzer(language)
    documents = []
    for kind, title, url, body in _collect(language):
        documents.append(
            Document(
                kind=str(kind),
                title=title,
                url=url,
                body=body,
                title_terms=set(analyzer.terms(title)),
                body_terms=Counter(analyzer.terms(body)),
            )
        )
    return documents


_indexes = {}


def get_index(language):
    """The index for a language, rebuilt when the content has changed since it was built
    (and every time while the shared cache cannot say whether it has)."""
    version = content_version()
    cached = _indexes.get(language)
    if cached is None or version is None or cached[0] != version:
        cached = (version, build_index(language))
        _indexes[language] = cached
    return cached[1]


@dataclass
class Result:
    document: Document
    score: float
    terms: list
    analyzer: "Analyzer"

    @cached_property
    def snippet(self):
        # Only computed for the results on the page being shown.
        return snippet(self.document.body, self.terms, self.analyzer)


def clean_query(raw):
    """Return (query, was_cut): printable text, at most MAX_QUERY_LENGTH characters."""
    query = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    query = " ".join(query.split())
    if len(query) > MAX_QUERY_LENGTH:
        return query[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or query[:MAX_QUERY_LENGTH], True
    return query, False


def search(query, language):
    """Published documents matching every term of the query, best first."""
    analyzer = Analyzer(language)
    terms = analyzer.query_terms(query)
    if not terms:
        return []
    results = []
    for document in get_index(language):
        score = 0
        for term in terms:
            in_title = term in document.title_terms
            in_body = document.body_terms.get(term, 0)
            if not in_title and not in_body:
                break
            score += TITLE_WEIGHT * in_title + BODY_WEIGHT * min(in_body, 5)
        else:
            results.append(Result(document, score, terms, analyzer))
    results.sort(key=lambda result: (-result.score, result.document.title))
    return results


def snippet(text, terms, analyzer, width=30):
    """About `width` words of the text around the first match, matches in <mark>."""
    words = text.split()
    wanted = set(terms)

    def matches(word):
        return any(analyzer.word_term(part) in wanted for part in WORD.findall(fold(word)))

    first = next((i for i, word in enumerate(words) if matches(word)), 0)
    start = max(0, first - width // 3)
    window = words[start : start + width]
    parts = [f"<mark>{escape(w)}</mark>" if matches(w) else escape(w) for w in window]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + width < len(words) else ""
    return mark_safe(prefix + " ".join(parts) + suffix)  # noqa: S308 - every word escaped
