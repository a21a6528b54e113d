from django.utils.translation import gettext_lazy as _

from techniekpact import content


class RegionsConfig(content.ContentAppConfig):
    name = "regions"
    verbose_name = _("Regions (landsdelen)")

    # Not RegionMembership: who coordinates which landsdeel is access, not content.
    content_models = ("Contact", "Programme", "Coverage", "Landsdeel", "Province")
    redirected_models = ("Landsdeel",)
    # Contacts in a file of their own, after the landsdelen they point to.
    fixtures = ("regions.json", "contacts.json")
    fixture_order = 10
    sitemaps = {
        "regions-sections": "regions.sitemaps.RegionsSectionSitemap",
        "regions": "regions.sitemaps.LandsdeelSitemap",
    }
    search_documents = "regions.search.documents"
    # "Breda" in the search: the landsdeel of that municipality, first (regions/answers.py).
    search_answers = "regions.answers.search_answers"
    role_permissions = {
        content.PROJECTTEAM: ["regions.edit_all_landsdelen"],
        # Their own landsdeel's texts, programmes and contacts (scope: `RegionMembership`).
        content.COORDINATOR: [
            "regions.view_landsdeel",
            "regions.change_landsdeel",
            "regions.view_coverage",
            "regions.view_programme",
            "regions.add_programme",
            "regions.change_programme",
            "regions.delete_programme",
            "regions.view_contact",
            "regions.add_contact",
            "regions.change_contact",
            "regions.delete_contact",
        ],
    }

    def keep_over_reset(self):
        """Who coordinates which landsdeel is access, not content: a reset of the content
        must not take it away. Kept by the landsdeel's fixed code."""
        membership = self.get_model("RegionMembership")
        return list(membership.objects.values_list("user_id", "landsdeel__code"))

    def restore_after_reset(self, kept):
        membership = self.get_model("RegionMembership")
        landsdelen = {item.code: item for item in self.get_model("Landsdeel").objects.all()}
        for user_id, code in kept:
            if code in landsdelen:
                membership.objects.get_or_create(user_id=user_id, landsdeel=landsdelen[code])
