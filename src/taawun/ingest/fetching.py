"""Fetching a watched feed without letting it reach inside the network (server-side request forgery).

A feed is an address any officer types and the server fetches, so the server must not become a
way to read its own loopback services or the office's internal hosts. Every connection (the first
request and each redirect) resolves the host name here, checks each address it would connect to,
and connects to that very address: a name that resolves to a public address when the form is
saved and to an internal one when polled (DNS rebinding) is refused when polled, and so is a
redirect to an internal host.

Loopback, link-local, private, unspecified, multicast and reserved addresses (whatever is not
globally routable) are refused unless `TAAWUN_FEED_ALLOWED_HOSTS` lists the host name, the address
or a network holding it: on a closed government network the feeds are often on private addresses.
Proxies from the environment are not used: a proxy would connect for us, past the check.

Every failure raises `FetchFailed`, whose text is for the server log only: the page shows one
neutral message, or the error would tell an open port from a closed one.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings

MAX_REDIRECTS = 5
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class FetchFailed(OSError):
    """The feed could not be fetched; the message is the detail for the server log."""


class AddressRefused(FetchFailed):
    """The host resolves to an address feeds may not reach."""


@lru_cache(maxsize=8)
def _parse_allowed(entries: tuple[str, ...]) -> tuple[frozenset[str], tuple[Network, ...]]:
    names, networks = set(), []
    for entry in (item.strip().lower().rstrip(".") for item in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            names.add(entry)
    return frozenset(names), tuple(networks)


def allowed_hosts() -> tuple[frozenset[str], tuple[Network, ...]]:
    """(host names, networks) of TAAWUN_FEED_ALLOWED_HOSTS; a single address is a one-host network."""
    entries = getattr(settings, "TAAWUN_FEED_ALLOWED_HOSTS", ()) or ()
    if isinstance(entries, str):
        entries = entries.split(",")
    return _parse_allowed(tuple(entries))


def is_public(address: Address) -> bool:
    if address.version == 6 and address.ipv4_mapped:  # ::ffff:127.0.0.1 is 127.0.0.1
        address = address.ipv4_mapped
    internal = (
        address.is_loopback
        or address.is_link_local
        or address.is_private
        or address.is_unspecified
        or address.is_multicast
        or address.is_reserved
    )
    return address.is_global and not internal


def address_allowed(host: str, address: Address) -> bool:
    names, networks = allowed_hosts()
    if host.lower().rstrip(".") in names:
        return True
    plain = address.ipv4_mapped if address.version == 6 and address.ipv4_mapped else address
    return is_public(address) or any(plain in network for network in networks)


def literal_address_allowed(url: str) -> bool:
    """False for an address written as an internal IP (or "localhost") that is not allowed: the
    form can say so at once. Host names are judged only when connecting, on what they resolve to."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return host in allowed_hosts()[0]
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return address_allowed(host, address)


def _guarded_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """socket.create_connection, connecting only to addresses feeds may reach."""
    host, port = address
    failure: OSError | None = None
    for family, kind, protocol, _name, sockaddr in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
        resolved = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if not address_allowed(host, resolved):
            failure = AddressRefused(f"{host} resolves to {resolved}, not a public address")
            continue
        sock = socket.socket(family, kind, protocol)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as error:
            sock.close()
            failure = error
    raise failure or OSError(f"{host} has no address")


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connection  # http.client's hook for socket.create_connection


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def _opener() -> urllib.request.OpenerDirector:
    """Only HTTP and HTTPS through the guarded connections: no proxy, file: or ftp: handler."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _HTTPHandler(),
        _HTTPSHandler(),
        _RedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(url: str, *, limit: int, timeout: float) -> bytes:
    """At most limit + 1 bytes of the address; raises FetchFailed (the detail for the log)."""
    if urlsplit(url).scheme.lower() not in {"http", "https"}:
        raise FetchFailed(f"not an http(s) address: {url[:200]}")
    request = urllib.request.Request(url, headers={"User-Agent": "Taawun feed reader"})
    try:
        with _opener().open(request, timeout=timeout) as response:
            return response.read(limit + 1)
    except FetchFailed:
        raise
    except (OSError, ValueError, http.client.HTTPException) as error:  # URLError, HTTPError, timeouts
        raise FetchFailed(f"{type(error).__name__}: {error}") from error
