"""What the pages app offers the site search (declared in `PagesConfig.search_documents`)."""

from django.utils.translation import gettext as _

from techniekpact.content import SearchDocument
from techniekpact.markup import marked_text, strip_inline

from .models import Goal, Milestone, Pact, Page, Partner


def documents(language):
    """The pact (with its timeline), the goals, the partners and the free pages, published."""
    pact = Pact.load()
    if pact:
        milestones = " ".join(
            f"{m.title} {marked_text(m.description)}" for m in Milestone.objects.published()
        )
        texts = (pact.ambition, pact.history, pact.organisation, pact.funding)
        yield SearchDocument(
            _("About the pact"),
            _("About the pact"),
            pact.get_absolute_url(),
            " ".join([pact.full_name, pact.tagline, *map(marked_text, texts), milestones]),
        )
    for goal in Goal.objects.published():
        yield SearchDocument(
            _("Goal"),
            goal.title,
            goal.get_absolute_url(),
            f"{goal.summary} {marked_text(goal.body)}",
        )
    for partner in Partner.objects.published():
        # The title keeps the names' language marks: the result shows them marked.
        title = partner.name
        if partner.abbreviation and strip_inline(partner.abbreviation) != strip_inline(title):
            title = f"{partner.name} ({partner.abbreviation})"
        yield SearchDocument(_("Partner"), title, partner.get_absolute_url(), partner.description)
    for page in Page.objects.published():
        yield SearchDocument(
            _("Page"), page.title, page.get_absolute_url(), f"{page.intro} {marked_text(page.body)}"
        )
