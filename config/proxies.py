"""The visitor's address behind the TLS proxy (for the login lockout)."""

from django.conf import settings


def client_ip(request):
    """The visitor's address, for the login lockout (django-axes).

    Behind the TLS proxy every request comes from the proxy; the proxy appends the address it
    saw to X-Forwarded-For. With TRUSTED_PROXY_COUNT proxies in front, that entry counted from
    the right is the visitor's: entries further left are the client's own say and not trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
