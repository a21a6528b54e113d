"""Site search: a small in-process index of the published content, per language.

Why our own index rather than the database's full-text search: the content is small (a few
hundred texts), SQLite and PostgreSQL must give the same results, and Dutch needs stemming,
accent folding and the pact's abbreviations, which neither database offers the same way. The
Snowball stemmers (snowballstemmer) do the linguistics; the rest is a few dozen lines.

The index is rebuilt lazily when the content version changes (techniekpact/content_version.py),
so an edit is searchable at the next request in every worker. What to index comes from the
content apps (`search_documents` in their AppConfig): this app knows no model.
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

from techniekpact.content import search_document_sources
from techniekpact.content_version import content_version
from techniekpact.markup import inline_words, strip_inline

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
    """Every published text a visitor can reach, from every content app."""
    with translation.override(language):
        for documents in search_document_sources():
            yield from documents(language)


def build_index(language):
    analyzer = Analyzer(language)
    documents = []
    for found in _collect(language):
        documents.append(
            Document(
                kind=str(found.kind),
                title=found.title,
                url=found.url,
                body=found.body,
                title_terms=set(analyzer.terms(strip_inline(found.title))),
                body_terms=Counter(analyzer.terms(strip_inline(found.body))),
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
    results.sort(key=lambda result: (-result.score, strip_inline(result.document.title)))
    return results


def snippet(text, terms, analyzer, width=30):
    """About `width` words of the text around the first match, matches in <mark>, and a part
    marked as another language (`techniekpact.markup.marked_text`) still marked."""
    words = inline_words(text)
    wanted = set(terms)

    def matches(word):
        return any(analyzer.word_term(part) in wanted for part in WORD.findall(fold(word)))

    first = next((i for i, (word, _lang, _glued) in enumerate(words) if matches(word)), 0)
    start = max(0, first - width // 3)
    html, language = [], None
    for index, (word, lang, glued) in enumerate(words[start : start + width]):
        space = [" "] if index and not glued else []
        if lang != language:
            html += ["</span>"] if language else []
            html += space + ([f'<span lang="{escape(lang)}">'] if lang else [])
            language = lang
        else:
            html += space
        html.append(f"<mark>{escape(word)}</mark>" if matches(word) else escape(word))
    if language:
        html.append("</span>")
    if start > 0:
        html.insert(0, "… ")
    if start + width < len(words):
        html.append(" …")
    return mark_safe("".join(html))  # noqa: S308 - every word escaped, only lang spans added
