"""Canonical URLs: one article, one URL, however it was linked to."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# Query parameters that only say where a click came from. Dropping them makes
# the same article saved from a newsletter and from a feed one article.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ref_src",
        "ref_url",
        "cmpid",
        "ncid",
        "ocid",
        "spm",
        "vero_id",
        "oly_anon_id",
        "oly_enc_id",
        "__twitter_impression",
        "s_cid",
        "sr_share",
        "at_medium",
        "at_campaign",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "itm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Whitespace (as str.strip() sees it) and control characters. Left raw in a
# path, a second pass would read them differently (strip() drops them at the
# end, urlsplit() drops tabs and newlines anywhere), so they are
# percent-encoded, as a browser does: "/a b" and "/a%20b" are one address.
# In a host name they are an error, as they are for a browser.
_BLANK_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def _escape_blanks_and_controls(path: str) -> str:
    return _BLANK_OR_CONTROL.sub(lambda found: quote(found.group(), safe=""), path)


def canonical_url(url: str | None) -> str | None:
    """Return the canonical form of an http(s) URL, or None if it has none.

    Scheme and host are lower-cased, default ports and the fragment dropped,
    tracking parameters (``utm_*``, ``fbclid``, ``gclid`` ...) removed, the
    remaining query kept in its order, whitespace and control characters in
    the path percent-encoded, and a trailing slash removed from any path but
    the root. Anything that is not an absolute http(s) URL with a host name
    (no whitespace or control characters in it) gives None: such a URL cannot
    identify an article.
    """
    if not url:
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    if _BLANK_OR_CONTROL.search(parts.hostname):  # no host name holds one
        return None
    host = parts.hostname.lower().rstrip(".")
    if not host:  # "http://./": nothing left of the host
        return None
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = _escape_blanks_and_controls(parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query_pairs = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    ]
    query = urlencode(query_pairs, doseq=True)
    return urlunsplit((scheme, host, path, query, ""))
