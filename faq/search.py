"""What the FAQ offers the site search (declared in `FaqConfig.search_documents`)."""

from django.utils.translation import gettext as _

from techniekpact.content import SearchDocument
from techniekpact.markup import marked_text

from .models import Question


def documents(language):
    """Every question a visitor can see, with its answer."""
    for question in Question.objects.visible():
        yield SearchDocument(
            _("Question"),
            question.question,
            question.get_absolute_url(),
            marked_text(question.answer),
        )
