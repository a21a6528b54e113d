from techniekpact.sitemaps import SectionSitemap

from .models import Question


class FaqSectionSitemap(SectionSitemap):
    # One page; each question is an #anchor on it, not an address of its own.
    sections = {"faq:index": Question}
