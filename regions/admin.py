from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline
from reversion.models import Version

from techniekpact.admin import PUBLICATION, ContentAdmin, HistoryAdmin

from .models import Contact, Coverage, Landsdeel, Programme, Province, RegionMembership


class RegionScopeMixin:
    """A regional coordinator's scope, written once for every region-owned admin and inline.

    Scope is `Landsdeel.objects.editable_by(user)`: everything for the project team, the
    coordinator's own landsdeel(s) otherwise. The mixin limits the list (and so every filter,
    autocomplete, inline and action built on it), object permissions, the landsdeel choices on
    forms, and refuses a save that would put an item outside the scope. An item outside the
    scope answers 403 on its change, delete and history addresses.

    Use it on the Landsdeel admin (the item is the landsdeel) and on every model with a
    `landsdeel` foreign key, in front of the admin's other base classes.
    """

    def scope(self, request):
        return Landsdeel.objects.editable_by(request.user)

    def landsdeel_id_of(self, obj):
        return obj.pk if isinstance(obj, Landsdeel) else obj.landsdeel_id

    def in_scope(self, request, obj):
        return self.scope(request).filter(pk=self.landsdeel_id_of(obj)).exists()

    def home_shortcuts(self, request):
        """Links for a coordinator's admin home: straight to their own landsdeel(s), and to the
        programmes of each (the project team, who may change everything, gets none)."""
        if request.user.has_perm("regions.edit_all_landsdelen") or not getattr(
            self, "admin_site", None
        ):
            return []
        if not self.has_view_or_change_permission(request):
            return []
        info = self.opts.app_label, self.opts.model_name
        if issubclass(self.model, Landsdeel):
            return [
                (str(landsdeel), reverse("admin:{}_{}_change".format(*info), args=[landsdeel.pk]))
                for landsdeel in self.get_queryset(request)
            ]
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        return [
            (
                f"{capfirst(self.opts.verbose_name_plural)}: {landsdeel}",
                f"{changelist}?landsdeel__id__exact={landsdeel.pk}",
            )
            for landsdeel in self.scope(request)
        ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if issubclass(self.model, Landsdeel):
            return queryset.filter(pk__in=self.scope(request))
        return queryset.filter(landsdeel__in=self.scope(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self.exists(object_id):
            # It exists, but not for this user: say so rather than "does not exist".
            raise PermissionDenied
        return obj

    def exists(self, object_id):
        # A malformed id ("abc") is an item that does not exist, as in Django's get_object.
        try:
            return self.model._default_manager.filter(pk=unquote(object_id)).exists()
        except (ValueError, TypeError, ValidationError):
            return False

    # For an inline, `obj` is the parent landsdeel: the same check applies.
    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self.in_scope(request, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.in_scope(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.in_scope(request, obj))

    def may_publish(self, request, obj=None):
        """The project team, and a coordinator the project team trusts for this landsdeel
        (`RegionMembership.may_publish`); a new item: trusted for any of their landsdelen."""
        if super().may_publish(request, obj):
            return True
        memberships = request.user.region_memberships.filter(may_publish=True)
        if obj is None:
            return memberships.exists()
        return memberships.filter(landsdeel_id=self.landsdeel_id_of(obj)).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "landsdeel":
            kwargs["queryset"] = self.scope(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The form's choices are limited already; this also stops a forged or stale POST.
        if not self.in_scope(request, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def get_recoverable_versions(self, request):
        versions = super().get_recoverable_versions(request)
        if issubclass(self.model, Landsdeel):
            # A deleted landsdeel is in no one's scope any more: only the project team.
            if request.user.has_perm("regions.edit_all_landsdelen"):
                return versions
            return versions.none()
        allowed = set(self.scope(request).values_list("pk", flat=True))
        return versions.filter(
            pk__in=[v.pk for v in versions if v.field_dict.get("landsdeel_id") in allowed]
        )

    # Restoring a version (history) or recovering a deleted item reverts *every* field of
    # *every* item in the version's revision, whatever the form shows read-only. Putting
    # read-only fields back afterwards would have to mirror reversion's revert (coverages deleted,
    # added, changed); refusing is simpler and cannot leak. So a coordinator restores only a
    # revision holding nothing but items of this admin in their own scope, whose fields they may
    # all edit (their programmes); never a landsdeel, whose versions hold its name, slug,
    # publication and coverages. The project team restores everything. Refused: 403, and why.

    def may_restore(self, request, version):
        if request.user.has_perm("regions.edit_all_landsdelen"):
            return True
        if issubclass(self.model, Landsdeel):
            return False
        allowed = set(self.scope(request).values_list("pk", flat=True))
        return all(
            item._model is self.model and item.field_dict.get("landsdeel_id") in allowed
            for item in version.revision.version_set.all()
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = Version.objects.select_related("revision").filter(pk=version_id).first()
        if version is not None and not self.may_restore(request, version):
            return self.restore_refused(request)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if issubclass(self.model, Landsdeel) and not self.may_restore(request, None):
            return self.restore_refused(request)
        version = get_object_or_404(self.get_recoverable_versions(request), pk=version_id)
        if not self.may_restore(request, version):
            return self.restore_refused(request)
        return super().recover_view(request, version_id, extra_context)

    def restore_refused(self, request):
        if issubclass(self.model, Landsdeel):
            message = gettext(
                "Only the project team may restore or recover a landsdeel: a version also holds "
                "its name, address, publication and provinces. Compare the versions in the "
                "history to copy the text you need, or ask the project team."
            )
        else:
            message = gettext(
                "This version was saved together with items you may not change, so only the "
                "project team may restore it. Compare the versions in the history to copy the "
                "text you need, or ask the project team."
            )
        messages.error(request, message)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Restore not allowed"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/base_site.html", context, status=403)


class CoverageInline(RegionScopeMixin, TranslationTabularInline):
    """Which provinces (or parts) the landsdeel covers: reference data, so coordinators only
    read it (their group has no change permission on it)."""

    model = Coverage
    fields = ["province", "part", "corop_codes", "order"]
    readonly_fields = ["province_name"]
    extra = 0

    def get_fields(self, request, obj=None):
        # Read-only, the admin shows the province as a link to its own admin page; an editor
        # who may not open that page (a coordinator) gets its name without a link, not a 403.
        fields = list(super().get_fields(request, obj))
        if not self.admin_site._registry[Province].has_view_permission(request):
            fields = ["province_name" if name == "province" else name for name in fields]
        return fields

    @admin.display(description=_("province"))
    def province_name(self, obj):
        return str(obj.province)


@admin.register(Landsdeel)
class LandsdeelAdmin(RegionScopeMixin, ContentAdmin):
    list_display = ["name", "slug", "is_published", "programme_count", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["name", "summary"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "order"]}),
        (_("Texts"), {"fields": ["summary", "body", "contact"]}),
        PUBLICATION,
    ]
    inlines = [CoverageInline]
    # Only the project team changes what a landsdeel is; a coordinator changes its texts.
    coordinator_readonly = [
        "name",
        "slug",
        "order",
        "is_published",
        "publish_from",
        "publish_until",
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("regions.edit_all_landsdelen"):
            for name in self.coordinator_readonly:
                if name in {"name", "slug"}:
                    readonly += [f"{name}_nl", f"{name}_en"]
                elif name not in readonly:
                    readonly.append(name)
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if not request.user.has_perm("regions.edit_all_landsdelen"):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("programmes")

    @admin.display(description=_("programmes"))
    def programme_count(self, obj):
        return len(obj.programmes.all())


@admin.register(Programme)
class ProgrammeAdmin(RegionScopeMixin, ContentAdmin):
    list_display = ["name", "landsdeel", "organisation", "is_published", "order"]
    list_filter = [("landsdeel", admin.RelatedOnlyFieldListFilter), "is_published"]
    search_fields = ["name", "organisation", "description"]
    fieldsets = [
        (None, {"fields": ["landsdeel", "name", "organisation", "website", "order"]}),
        (_("Text"), {"fields": ["description"]}),
        PUBLICATION,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("landsdeel")


def deleted_landsdelen_covering(provinces):
    """{province pk: [names]} of the deleted landsdelen that can still be recovered and would
    cover that province again: a recovery needs the province, so it must stay."""
    wanted = {province.pk for province in provinces}
    coverage_type = ContentType.objects.get_for_model(Coverage)
    covering = {}
    for version in Version.objects.get_deleted(Landsdeel).select_related("revision"):
        for item in version.revision.version_set.filter(content_type=coverage_type):
            province_id = item.field_dict.get("province_id")
            if province_id in wanted:
                covering.setdefault(province_id, []).append(version.object_repr)
    return covering


@admin.register(Contact)
class ContactAdmin(RegionScopeMixin, ContentAdmin):
    """The national contact (no landsdeel) for the project team; a landsdeel's contacts also
    for its coordinators. Leave what nobody has verified empty: the site says so."""

    list_display = ["name", "landsdeel_or_national", "organisation", "is_published", "order"]
    list_filter = [("landsdeel", admin.RelatedOnlyFieldListFilter), "is_published"]
    search_fields = ["name", "organisation", "email"]
    fieldsets = [
        (None, {"fields": ["landsdeel", "name", "organisation", "order"]}),
        (
            _("How to reach them"),
            {
                "fields": ["email", "phone", "website", "postal_address", "languages"],
                "description": _(
                    "Only what has been checked with the contact. Empty fields are fine: the "
                    "site then refers visitors to the national contact."
                ),
            },
        ),
        PUBLICATION,
    ]

    def get_queryset(self, request):
        # Not RegionScopeMixin's `landsdeel__in`: that would hide the national contact (no
        # landsdeel) from the project team too. `editable_by` is the same scope plus it.
        queryset = super(RegionScopeMixin, self).get_queryset(request)
        return queryset.filter(pk__in=Contact.objects.editable_by(request.user)).select_related(
            "landsdeel"
        )

    def in_scope(self, request, obj):
        if obj.landsdeel_id is None:
            return request.user.has_perm("regions.edit_all_landsdelen")
        return super().in_scope(request, obj)

    def get_recoverable_versions(self, request):
        versions = super().get_recoverable_versions(request)
        if request.user.has_perm("regions.edit_all_landsdelen"):
            return Version.objects.get_deleted(self.model).select_related("revision__user")
        return versions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "landsdeel" and not request.user.has_perm(
            "regions.edit_all_landsdelen"
        ):
            # Only the project team keeps the national contact: a coordinator picks a landsdeel.
            field.required = True
        return field

    @admin.display(description=_("landsdeel"), ordering="landsdeel__order")
    def landsdeel_or_national(self, obj):
        return obj.landsdeel or gettext("National (project team)")


@admin.register(Province)
class ProvinceAdmin(ContentAdmin):
    """Reference data (CBS), for the project team. A province stays as long as a landsdeel
    covers it: a live one (the database protects it) or a deleted one that can still be
    recovered (checked here), so that recovering a landsdeel never misses its provinces."""

    list_display = ["name", "code"]
    search_fields = ["name", "code"]

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        by_name = {province.pk: province for province in objs}
        for province_id, names in deleted_landsdelen_covering(objs).items():
            for name in names:
                protected.append(
                    gettext(
                        "Deleted landsdeel “%(landsdeel)s” (it can still be recovered, and "
                        "covers %(province)s)"
                    )
                    % {"landsdeel": name, "province": by_name[province_id]}
                )
        return deleted, model_count, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        extra_context = {
            "protection_note": gettext(
                "A province cannot be deleted while a landsdeel covers it, not even a deleted "
                "landsdeel that can still be recovered: it would come back without the "
                "province. To delete the province anyway, first take it out of that landsdeel "
                "(recover a deleted landsdeel first, and delete it again afterwards)."
            ),
            **(extra_context or {}),
        }
        return super().delete_view(request, object_id, extra_context)


@admin.register(RegionMembership)
class RegionMembershipAdmin(HistoryAdmin):
    """Who coordinates which landsdeel: for the site's administrators (see `createeditor`).
    With history, and part of a landsdeel's deletion snapshot, so that recovering a landsdeel
    gives its coordinators their access back."""

    list_display = ["user", "landsdeel", "may_publish"]
    list_filter = ["landsdeel", "may_publish"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "landsdeel")
