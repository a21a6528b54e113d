"""The editors' roles, as code: groups and their model permissions.

`ensure_roles()` makes the groups match this file exactly (missing permissions are added, extra
ones removed), so running `manage.py setup_roles` again is harmless and repairs drift.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from techniekpact.publishing import CONTENT_APPS

PROJECTTEAM = "Projectteam"
COORDINATOR = "Regiocoördinator"

ACTIONS = ["add", "change", "delete", "view"]
# Who coordinates which landsdeel is decided by the site's administrators (createeditor).
NOT_FOR_PROJECTTEAM = ["regions.regionmembership"]


def projectteam_permissions():
    """Edit all content, including every landsdeel; not users, groups or memberships."""
    codenames = []
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            label = f"{app_label}.{model._meta.model_name}"
            if label not in NOT_FOR_PROJECTTEAM:
                codenames += [
                    f"{app_label}.{action}_{model._meta.model_name}" for action in ACTIONS
                ]
    codenames += [
        "regions.edit_all_landsdelen",
        "techniekpact.view_slugredirect",
        "techniekpact.change_slugredirect",
        "techniekpact.delete_slugredirect",
    ]
    return codenames


def coordinator_permissions():
    """Their own landsdeel's texts and programmes; which landsdeel is `RegionMembership`."""
    return [
        "regions.view_landsdeel",
        "regions.change_landsdeel",
        "regions.view_coverage",
        "regions.view_programme",
        "regions.add_programme",
        "regions.change_programme",
        "regions.delete_programme",
    ]


ROLES = {
    PROJECTTEAM: projectteam_permissions,
    COORDINATOR: coordinator_permissions,
}


def get_permissions(labels):
    permissions = []
    for label in labels:
        app_label, codename = label.split(".")
        try:
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        except Permission.DoesNotExist as error:
            raise LookupError(f"Permission {label} does not exist: run migrate first.") from error
    return permissions


@transaction.atomic
def ensure_roles():
    """Create or update the role groups; return {group name: created}."""
    ContentType.objects.clear_cache()
    result = {}
    for name, permission_labels in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        group.permissions.set(get_permissions(permission_labels()))
        result[name] = created
    return result
