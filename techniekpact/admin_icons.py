"""The admin's yes/no/unknown icons with a text in the admin's language.

Django draws them with `django.contrib.admin.templatetags.admin_list._boolean_icon`, whose
alt text is the Python value: `alt="True"`, `alt="False"`, `alt="None"`, English in the Dutch
admin and meaningless when read out. Every place that draws one (a boolean field or
`@admin.display(boolean=True)` in a change list, a read-only boolean in a change form, e.g.
"published" for a coordinator who may not publish) looks that function up in its module at
the moment it draws, so replacing it there, once (`install`, called from the app's `ready`),
covers them all, Django's own user admin included. A replacement of `display(boolean=True)`
in our admins would miss model fields listed in `list_display` and read-only fields.

The text is "Ja"/"Nee"/"Onbekend" ("Yes"/"No"/"Unknown"): the icon sits under a column
heading or next to a field label, which says what is yes or no. Django's own catalogue
translates these three words (its list filters use them).

If a Django upgrade renames the function, `install` does not replace anything new and
`check_boolean_icons` (a system check) says so; tests/test_admin_editing.py fails as well.
"""

from django.core import checks
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext

ICONS = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(value):
    """Django's icon for a yes/no/unknown value, with a translated alt text."""
    value = None if value is None else bool(value)
    text = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}[value]
    return format_html(
        '<img src="{}" alt="{}">', static(f"admin/img/icon-{ICONS[value]}.svg"), text
    )


def install():
    """Draw the admin's boolean icons with `boolean_icon`; False if Django has no such
    function any more."""
    from django.contrib.admin.templatetags import admin_list

    if not callable(getattr(admin_list, "_boolean_icon", None)):
        return False
    admin_list._boolean_icon = boolean_icon
    return True


@checks.register(checks.Tags.admin)
def check_boolean_icons(app_configs, **kwargs):
    from django.contrib.admin.templatetags import admin_list

    if getattr(admin_list, "_boolean_icon", None) is boolean_icon:
        return []
    return [
        checks.Warning(
            "The admin's yes/no icons are not translated: Django no longer draws them with "
            "admin_list._boolean_icon.",
            hint="Find how this Django draws them and adapt techniekpact/admin_icons.py.",
            id="techniekpact.W001",
        )
    ]
