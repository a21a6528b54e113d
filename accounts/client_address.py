"""The visitor's address, as the login lockout (django-axes) counts it.

Only a proxy we run may say who the visitor is. `X-Forwarded-For` is read only when the
connection itself comes from one of `settings.TRUSTED_PROXIES` (addresses or networks, from
DJANGO_TRUSTED_PROXIES); from anyone else the header is the client's own say and is ignored, and
the address is the socket's (REMOTE_ADDR). Behind trusted proxies the header is read from the
right, skipping our own proxies: the first address that is not one of them is the one our
outermost proxy saw, so whatever the client wrote further left never counts.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=8)
def trusted_networks(proxies):
    try:
        return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)
    except ValueError as error:
        raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXIES: {error}") from error


def parse(address):
    """An address as ipaddress understands it, or None for anything else."""
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:192.0.2.1) is the IPv4 address.
    return getattr(parsed, "ipv4_mapped", None) or parsed


def client_address(request):
    """The address the lockout counts for `request` (see the module docstring)."""
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    peer = parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return request.META.get("REMOTE_ADDR") or None

    def trusted(address):
        return any(address in network for network in networks)

    if not trusted(peer):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    address = peer
    for entry in reversed(forwarded):
        hop = parse(entry)
        if hop is None:
            # Not an address: not written by a proxy of ours. The last hop we trust is the
            # one that received it, so that is whom we count.
            break
        address = hop
        if not trusted(hop):
            break
    return str(address)
