from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from techniekpact.admin import PUBLICATION, ContentAdmin

from .models import Goal, Milestone, Pact, Page, Partner


@admin.register(Pact)
class PactAdmin(ContentAdmin):
    """The one pact record: it can be changed, never added twice or deleted."""

    list_display = ["name", "signed_on", "updated_on"]
    fieldsets = [
        (None, {"fields": ["name", "full_name", "tagline", ("signed_on", "updated_on")]}),
        (_("Texts"), {"fields": ["ambition", "history", "organisation", "funding"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Pact.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Milestone)
class MilestoneAdmin(ContentAdmin):
    list_display = ["title", "date", "date_label", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "description"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": [("date", "date_label"), "title", "description"]}),
        PUBLICATION,
    ]


@admin.register(Goal)
class GoalAdmin(ContentAdmin):
    list_display = ["number", "title", "stage", "is_published", "updated_at"]
    list_display_links = ["number", "title"]
    list_filter = ["stage", "is_published"]
    search_fields = ["title", "summary", "body"]
    fieldsets = [
        (None, {"fields": [("number", "stage"), "title", "slug"]}),
        (_("Texts"), {"fields": ["summary", "body"]}),
        PUBLICATION,
    ]


@admin.register(Partner)
class PartnerAdmin(ContentAdmin):
    list_display = ["name", "abbreviation", "kind", "in_steering_group", "is_published", "order"]
    list_filter = ["kind", "in_steering_group", "is_published"]
    search_fields = ["name", "abbreviation", "description"]
    fieldsets = [
        (None, {"fields": ["name", "abbreviation", "kind", "website", "in_steering_group"]}),
        (_("Text"), {"fields": ["description", "order"]}),
        PUBLICATION,
    ]


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = ["title", "in_navigation", "in_footer", "is_published", "order", "updated_at"]
    list_filter = ["in_navigation", "in_footer", "is_published"]
    search_fields = ["title", "intro", "body"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "intro", "body"]}),
        (_("Links"), {"fields": ["in_navigation", "in_footer", "order"]}),
        PUBLICATION,
    ]
