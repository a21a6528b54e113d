"""The login lockout: two limits, one counter (django-axes), for every way into the admin.

django-axes records each failed attempt as (username, address) and compares one number with
one limit (AXES_FAILURE_LIMIT). The site needs two rules:

- a username from one address: AXES_FAILURE_LIMIT failures (5) lock that pair;
- an address as a whole, whatever usernames it tries: ACCOUNTS_ADDRESS_FAILURE_LIMIT failures
  (10) lock the address, so trying many usernames once each is stopped too.

`StaffLoginHandler` keeps axes' storage and commands and only changes how failures are
counted: the address's failures are scaled onto the username limit, so axes' own comparison
(in its backend, its signal handler and its middleware) applies both rules.

Wrong passwords, wrong second-factor codes and password-reset requests all count (see
`count_failure`); only a complete login (password and second factor) clears the failures of
that username from that address (`count_success`), so knowing the password does not reset
the count of wrong codes.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_credentials
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.shortcuts import render


class StaffLoginHandler(AxesDatabaseHandler):
    def failure_counts(self, request, credentials=None):
        """(failures of this username from this address, failures from this address)."""
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))

        def total(queryset):
            return queryset.aggregate(total=Sum("failures_since_start"))["total"] or 0

        username = get_client_username(request, credentials)
        return total(attempts.filter(username=username)), total(attempts)

    def get_failures(self, request, credentials=None):
        """Failures measured against AXES_FAILURE_LIMIT: the username's own count, or the
        address's count scaled so that it reaches that limit at ACCOUNTS_ADDRESS_FAILURE_LIMIT."""
        account, address = self.failure_counts(request, credentials)
        scaled = address * settings.AXES_FAILURE_LIMIT // settings.ACCOUNTS_ADDRESS_FAILURE_LIMIT
        return max(account, scaled)


def is_locked(request, username):
    """Whether `username` from this request's address may not try again now."""
    return not AxesProxyHandler.is_allowed(request, get_credentials(username))


def count_failure(request, username, sender=__name__):
    """Count a failed attempt for `username` (or the address alone, username None) the way a
    wrong password is counted. Returns True when it locked the account or the address."""
    user_login_failed.send(sender=sender, credentials=get_credentials(username), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def count_success(request, username):
    """A complete login: forget the failures of `username` from this address."""
    AxesProxyHandler.update_request(request)
    AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out visitor gets (AXES_LOCKOUT_CALLABLE): the same for a locked
    username and a locked address, so it tells an attacker nothing about which rule held."""
    return render(
        request,
        "axes/lockout.html",
        admin.site.each_context(request),
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
