"""The editors' roles, as code: groups and their model permissions.

`ensure_roles()` makes the groups match this file exactly (missing permissions are added, extra
ones removed), so running `manage.py setup_roles` again is harmless and repairs drift.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from techniekpact import content

PROJECTTEAM = "Projectteam"
COORDINATOR = "Regiocoördinator"

ACTIONS = ["add", "change", "delete", "view"]


def projectteam_permissions():
    """Edit all content (every model the content apps declare, see techniekpact.content),
    plus what the apps add for the role; not users, groups or coordinators' memberships."""
    codenames = [
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in content.content_models()
        for action in ACTIONS
    ]
    codenames += content.role_permissions(content.PROJECTTEAM)
    codenames += [
        "techniekpact.view_slugredirect",
        "techniekpact.change_slugredirect",
        "techniekpact.delete_slugredirect",
        # Publish directly and review other editors' changes (techniekpact.workflow).
        "techniekpact.publish_content",
    ]
    return codenames


def coordinator_permissions():
    """What the content apps grant a regional coordinator (their scope is the app's concern)."""
    return content.role_permissions(content.COORDINATOR)


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
