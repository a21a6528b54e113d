from techniekpact.sitemaps import PublishedSitemap, SectionSitemap

from .models import Landsdeel


class RegionsSectionSitemap(SectionSitemap):
    sections = {"regions:list": Landsdeel}


class LandsdeelSitemap(PublishedSitemap):
    model = Landsdeel
