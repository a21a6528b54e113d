from django import forms
from django.utils.translation import gettext_lazy as _

from . import municipalities


class MunicipalityForm(forms.Form):
    """ "Which landsdeel is my municipality in?": a plain GET form on the landsdelen overview
    (`?gemeente=Breda`, the same parameter in both languages)."""

    gemeente = forms.CharField(
        label=_("Your municipality"),
        max_length=municipalities.MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Type the name of a municipality, for example Breda."),
            "max_length": _("A municipality name has at most %(limit_value)d characters."),
        },
    )
