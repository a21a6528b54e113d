"""JSON-LD for the FAQ page (schema.org FAQPage)."""

from django.utils import translation

from techniekpact.markup import plain_text
from techniekpact.structured_data import absolute


def faq_page(request, questions):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": translation.get_language(),
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.question,
                "url": absolute(request, question.get_absolute_url()),
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(question.answer)},
            }
            for question in questions
        ],
    }
