"""Editors' Markdown can never carry scripts onto the public site; short plain texts take
only language marks."""

import pytest
from django.core.exceptions import ValidationError

from news.models import Event
from pages.models import Partner
from regions.models import Contact, Landsdeel, Programme
from search.index import Analyzer, snippet
from techniekpact.markup import (
    has_image,
    marked_text,
    plain_text,
    render_inline,
    render_markdown,
    strip_inline,
)


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>Hallo",
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        '<img src="x" onerror="alert(1)">',
        '<p onclick="alert(1)">tekst</p>',
        '<iframe src="https://example.org"></iframe>',
        "<style>body{display:none}</style>",
        "[x](JaVaScRiPt:alert(1))",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_dangerous_markup_is_removed(source):
    html = str(render_markdown(source)).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html and "onload" not in html
    assert "<iframe" not in html and "<style" not in html and "<svg" not in html
    assert "data:text" not in html


def test_ordinary_markdown_is_kept():
    html = str(
        render_markdown("### Kop\n\nEen [link](https://example.org) en **vet**.\n\n- a\n- b")
    )
    # A text's highest heading takes the base level (h2), whatever number of "#" it has.
    assert "<h2>Kop</h2>" in html
    assert '<a href="https://example.org" rel="noopener">link</a>' in html
    assert "<strong>vet</strong>" in html
    assert "<li>a</li>" in html


def test_relative_links_and_mail_links_are_kept():
    html = str(render_markdown("[doelen](/nl/doelen/) of [mail](mailto:info@example.org)"))
    assert 'href="/nl/doelen/"' in html and 'href="mailto:info@example.org"' in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""


def test_content_cannot_take_the_pages_own_ids():
    html = str(render_markdown('<p id="content">tekst</p>'))
    assert "id=" not in html and "tekst" in html


def test_a_term_in_the_other_language_keeps_its_lang_attribute():
    html = str(render_markdown('The *<span lang="nl">landsdelen</span>* of the pact.'))
    assert '<span lang="nl">landsdelen</span>' in html


def test_a_span_cannot_carry_handlers_or_styles():
    html = str(
        render_markdown(
            '<span lang="nl" onclick="alert(1)" style="display:none" class="x">mbo</span>'
        )
    )
    assert '<span lang="nl">mbo</span>' in html
    assert "onclick" not in html and "style" not in html and "class" not in html


def test_headings_start_at_the_base_level_and_never_pass_h6():
    source = "# Kop\n\n## Onder\n\n###### Diep"
    html = str(render_markdown(source))
    assert "<h2>Kop</h2>" in html and "<h3>Onder</h3>" in html and "<h6>Diep</h6>" in html
    # An FAQ answer sits under its question (h3): its "#" is an h4, its "##" an h5.
    faq = str(render_markdown(source, 4))
    assert "<h4>Kop</h4>" in faq and "<h5>Onder</h5>" in faq and "<h6>Diep</h6>" in faq
    assert "<h2" not in faq and "<h3" not in faq


def test_a_text_that_starts_at_two_hashes_still_starts_at_the_base_level():
    """Editors write "##" as often as "#": the page's outline must not skip a level."""
    html = str(render_markdown("## Geschiedenis\n\nTekst\n\n### Daarna", 3))
    assert "<h3>Geschiedenis</h3>" in html and "<h4>Daarna</h4>" in html


def test_images_are_recognised_in_every_form():
    assert has_image("Zie ![kaart](/kaart.png).")
    assert has_image("![kaart][k]\n\n[k]: /kaart.png")
    assert has_image('Tekst <img src="/x.png" alt="x">')
    assert not has_image("Een [link](/kaart.png) en een ! met [haken].")
    assert not has_image("")


# Short plain texts (names, summaries): only <span lang="…"> marks, for WCAG 3.1.2.


def test_inline_text_keeps_language_marks_and_escapes_everything_else():
    html = render_inline('<span lang="nl">Techniekpact</span> & <b>bold</b> <script>x</script>')
    assert html == (
        '<span lang="nl">Techniekpact</span> &amp; &lt;b&gt;bold&lt;/b&gt; '
        "&lt;script&gt;x&lt;/script&gt;"
    )
    assert render_inline("<SPAN lang='EN'>Board</span>") == '<span lang="en">Board</span>'
    # A mark left open (the validator refuses it) is dropped, not shown or left open.
    assert render_inline('<span lang="nl">Techniekpact') == "Techniekpact"
    assert strip_inline('HCA <span lang="nl">Topsectoren</span>') == "HCA Topsectoren"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        '<span lang="nl">Techniekpact Twente',
        "<b>Techniekpact</b> Twente",
        '<span lang="xx">Techniekpact</span> Twente',
        '<span lang="nl"><span lang="en">Twente</span></span>',
    ],
)
def test_an_editor_cannot_save_other_markup_in_a_name(name):
    programme = Programme(landsdeel=Landsdeel.objects.first(), name_nl="Twente", name_en=name)
    with pytest.raises(ValidationError) as raised:
        programme.full_clean()
    assert "name_en" in raised.value.message_dict


@pytest.mark.django_db
def test_a_marked_name_is_accepted_and_every_fixture_name_is_valid():
    landsdeel = Landsdeel.objects.first()
    Programme(
        landsdeel=landsdeel,
        name_nl="Techniekpact Twente",
        name_en='<span lang="nl">Techniekpact Twente</span> (Twente Technology Pact)',
        organisation='<span lang="en">Twente Board Development</span>',
    ).full_clean()
    for model in (Partner, Programme, Landsdeel, Contact, Event):
        for item in model.objects.all():
            item.full_clean()


def test_marked_text_keeps_the_language_of_parts_and_nothing_else():
    text = (
        'Het <span lang="en">Human Capital Agenda</span>\'s plan: **vet** & <x>\n\n'
        '<p lang="de">Ein <span lang="fr">mot</span></p>\n\n- een\n- twee'
    )
    marked = marked_text(text)
    assert marked == (
        'Het <span lang="en">Human Capital Agenda</span>\'s plan: vet & '
        '<span lang="de">Ein mot</span> een twee'
    )
    # What JSON-LD, feeds and the search index read: the same text without the marks.
    assert plain_text(text) == "Het Human Capital Agenda's plan: vet & Ein mot een twee"


def test_a_search_snippet_keeps_marks_and_the_words_they_touch_together():
    analyzer = Analyzer("nl")
    text = (
        'De <span lang="en">Human Capital Agenda</span>\'s van de '
        '<span lang="en">topsectoren</span>'
    )
    html = str(snippet(text, analyzer.query_terms("agenda"), analyzer))
    assert html == (
        'De <span lang="en">Human Capital <mark>Agenda</mark></span>&#x27;s van de '
        '<span lang="en">topsectoren</span>'
    )
    # A window that starts or ends inside a mark still opens and closes it.
    words = " ".join(f"woord{n}" for n in range(80))
    html = str(
        snippet(f'<span lang="en">a b c {words}</span>', analyzer.query_terms("woord30"), analyzer)
    )
    assert html.startswith('… <span lang="en">') and html.endswith("</span> …")
