from techniekpact.sitemaps import PublishedSitemap, SectionSitemap

from .models import Contact, Landsdeel


class RegionsSectionSitemap(SectionSitemap):
    sections = {"regions:list": Landsdeel, "regions:contact": Contact}


class LandsdeelSitemap(PublishedSitemap):
    model = Landsdeel
