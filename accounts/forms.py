from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One plain text field for a one-time code; the browser and password managers may fill
    it in (autocomplete="one-time-code")."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, numeric=False, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.help_text = help_text
        if numeric:
            field.widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class StaffPasswordResetForm(PasswordResetForm):
    """Django's reset form, for staff accounts only. Like Django's, it answers the same
    whether or not an account has the address."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)
