"""The client's IP address, as told by the proxies we trust and nobody else.

Behind a load balancer every request comes from the balancer's address: the client's is
in `X-Forwarded-For`, which each proxy extends on the right. Anyone can send that header,
so it is read only when the TCP peer is a trusted proxy (settings.BOB_TRUSTED_PROXIES,
addresses or CIDR networks), and then from the right: the first address that is not a
trusted proxy is the client; whatever lies to its left was written by the client itself.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """ "10.0.0.0/8", "192.0.2.7" or "2001:db8::/32" → networks; raises ValueError naming a bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(f"BOB_TRUSTED_PROXIES: {value.strip()!r} is not an IP address or network") from None
    return tuple(networks)


@functools.lru_cache(maxsize=8)
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(values)


def trusted_networks() -> tuple[Network, ...]:
    return _trusted(tuple(settings.BOB_TRUSTED_PROXIES))


def parse_address(text: str) -> Address | None:
    """An address as proxies write it: "192.0.2.1", "192.0.2.1:4711", "2001:db8::1" or "[2001:db8::1]:443"."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The address to count a request under (also django-axes's AXES_CLIENT_IP_CALLABLE)."""
    peer_text = str(request.META.get("REMOTE_ADDR", ""))
    peer = parse_address(peer_text)
    networks = trusted_networks()
    if peer is None or not _is_trusted(peer, networks):
        return str(peer) if peer is not None else peer_text
    current = peer
    for hop in reversed(str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")):
        address = parse_address(hop)
        if address is None:  # a trusted proxy wrote something unreadable: count it under that proxy
            break
        current = address
        if not _is_trusted(address, networks):
            break
    return str(current)
