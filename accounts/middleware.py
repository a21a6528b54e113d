"""A password alone opens nothing: the second factor is enforced for every request."""

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.admin_site import is_verified


class SecondFactorMiddleware:
    """For a session that has the password but not yet the second factor:

    - the second-factor pages (set-up and verification, under /admin/second-factor/) see the
      user, since they finish the login;
    - every other admin address answers with a redirect to those pages (GET and POST alike,
      so nothing is changed), keeping the address asked for as `next`;
    - everywhere else (the login and logout pages, the public site with its draft previews)
      the request counts as anonymous.

    Goes after django-otp's OTPMiddleware, which tells whether the session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not is_verified(user):
            path = request.path_info
            admin_prefix = reverse("admin:index")
            if path.startswith(reverse("accounts:second_factor")):
                pass
            elif path.startswith(admin_prefix) and path not in self.open_paths():
                return redirect_to_second_factor(request)
            else:
                request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def open_paths():
        return {reverse("admin:login"), reverse("admin:logout")}


def redirect_to_second_factor(request):
    url = reverse("accounts:verify")
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return redirect(url)
