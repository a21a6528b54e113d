"""News and events in the admin: the project team everywhere, a coordinator only for their own
landsdeel. A national item (no landsdeel) belongs to the project team alone."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from regions.admin import RegionScopeMixin
from techniekpact.admin import PUBLICATION, ContentAdmin

from .models import Event, NewsItem

ALL_LANDSDELEN = "regions.edit_all_landsdelen"


class RenditionImageInput(forms.ClearableFileInput):
    """The usual upload field, but "currently" shows the small rendition: the original upload
    is never served, so a link to it would lead nowhere."""

    template_name = "news/widgets/image_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        context["widget"]["preview"] = instance.image_small if instance is not None else None
        return context


class NationalOrRegionalScopeMixin(RegionScopeMixin):
    """RegionScopeMixin for items whose landsdeel is optional: empty means national, which only
    the project team may create, see or change; a coordinator must pick their own landsdeel."""

    def may_edit_all(self, request):
        return request.user.has_perm(ALL_LANDSDELEN)

    def in_scope(self, request, obj):
        if obj.landsdeel_id is None:
            return self.may_edit_all(request)
        return super().in_scope(request, obj)

    def get_queryset(self, request):
        queryset = super(RegionScopeMixin, self).get_queryset(request).select_related("landsdeel")
        if self.may_edit_all(request):
            return queryset
        return queryset.filter(landsdeel__in=self.scope(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "landsdeel" and not self.may_edit_all(request):
            # Not national: a coordinator's items always belong to their landsdeel.
            kwargs["required"] = True
            kwargs["empty_label"] = None
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_recoverable_versions(self, request):
        if self.may_edit_all(request):
            return super(RegionScopeMixin, self).get_recoverable_versions(request)
        return super().get_recoverable_versions(request)


class LandsdeelOrNationalFilter(admin.SimpleListFilter):
    title = _("landsdeel")
    parameter_name = "scope"

    def lookups(self, request, model_admin):
        choices = [(str(item.pk), item.name) for item in model_admin.scope(request)]
        if model_admin.may_edit_all(request):
            choices.insert(0, ("national", _("National")))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "national":
            return queryset.filter(landsdeel__isnull=True)
        if self.value():
            return queryset.filter(landsdeel_id=self.value())
        return queryset


@admin.register(NewsItem)
class NewsItemAdmin(NationalOrRegionalScopeMixin, ContentAdmin):
    list_display = ["title", "published_on", "landsdeel_or_national", "is_published"]
    list_filter = [LandsdeelOrNationalFilter, "is_published"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_on"
    filter_horizontal = ["goals"]
    formfield_overrides = {
        NewsItem._meta.get_field("image").__class__: {"widget": RenditionImageInput}
    }
    fieldsets = [
        (None, {"fields": ["landsdeel", "title", "slug", "published_on"]}),
        (_("Text"), {"fields": ["summary", "body", "goals"]}),
        (
            _("Image"),
            {
                "fields": ["image", "image_alt"],
                "description": _(
                    "Leave the English title empty for a news item in Dutch only: the English "
                    "site then lists it, marked as Dutch."
                ),
            },
        ),
        PUBLICATION,
    ]

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug_nl": ("title_nl",), "slug_en": ("title_en",)}

    @admin.display(description=_("landsdeel"), ordering="landsdeel__order")
    def landsdeel_or_national(self, obj):
        return obj.landsdeel or _("National")


@admin.register(Event)
class EventAdmin(NationalOrRegionalScopeMixin, ContentAdmin):
    list_display = ["title", "start", "landsdeel_or_national", "is_published"]
    list_filter = [LandsdeelOrNationalFilter, "is_published", "is_online"]
    search_fields = ["title", "description", "location_name", "organiser"]
    date_hierarchy = "start"
    fieldsets = [
        (None, {"fields": ["landsdeel", "title", "slug", "organiser"]}),
        (_("When"), {"fields": [("start", "end"), "all_day"]}),
        (
            _("Where"),
            {"fields": ["location_name", "location_address", ("is_online", "online_url")]},
        ),
        (_("Text"), {"fields": ["description", "registration_url"]}),
        PUBLICATION,
    ]

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug_nl": ("title_nl",), "slug_en": ("title_en",)}

    @admin.display(description=_("landsdeel"), ordering="landsdeel__order")
    def landsdeel_or_national(self, obj):
        return obj.landsdeel or _("National")
