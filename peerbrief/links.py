"""Which link targets may become a reference's ``url``: web addresses and DOIs only.

A brief comes from the internet, and its link targets end up where other programs act
on them: hyperref and biblatex make ``url`` clickable in the PDF they compile, reference
managers open ``UR`` and ``URL``. A ``javascript:``, ``file:`` or ``data:`` target (from a
``[Title](…)`` link, a ``URL:`` label or a PDF link annotation) must never get there, so
:func:`web_link` is the one gate: the reader keeps what it returns and reports what it
refuses, and the writers pass every ``url`` through it again.

Hand-written rather than left to a library because the rule is ours: urllib parses, it
does not judge. A target with a character that is not printable is refused outright
(browsers drop TAB and newline from a scheme: ``java\tscript:``), and what passes is
rebuilt from urllib's parts.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["DOI_RESOLVER", "WEB_SCHEMES", "web_link"]

WEB_SCHEMES = frozenset({"http", "https"})
"""The only schemes a link may have."""

DOI_RESOLVER = "https://doi.org/"
"""Where a ``doi:`` identifier points."""

# "doi:10.1000/x", "info:doi/10.1000/x", "doi.org/10.1000/x" (the resolver's address
# printed without its scheme) or a bare "10.1000/x": an identifier, not a URL.
_DOI = re.compile(r"(?:doi:\s*|info:doi/|(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)", re.IGNORECASE)

# A web address already in the form web_link gives (lower-case scheme and host, nothing
# outside RFC 3986's characters): returned as it is, without parsing. Each part is one
# character class, and the classes meet at characters the previous one excludes, so
# matching is linear.
_CLEAN = re.compile(
    r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]*)?"
)

# What may stay as it is in a path, query or fragment; quote() escapes the rest (space,
# quotes, braces, backslash, non-ASCII letters as UTF-8), keeping existing %XX escapes.
_URL_SAFE = "/:@!$&'()*+,;=?#[]~%"

_HOST_LABEL = re.compile(r"[a-z0-9_-]{1,63}")

# A host (a name, or an IPv6 address in brackets without a zone) and perhaps a port;
# no user name ("https://nhs.uk@evil.example/", a classic disguise) and nothing after
# the brackets, which urllib would drop without a word.
_NETLOC = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[^\[\]@:]+)(?::[0-9]*)?")


def web_link(target: str) -> str | None:
    """``target`` as a web address that is safe to write as a link, or None.

    ``http``/``https`` addresses with a host are kept (scheme and host lower-cased, an
    international host name in its ASCII form, characters outside RFC 3986
    percent-encoded); a ``doi:`` identifier or a bare DOI becomes its
    ``https://doi.org/`` address; a ``www.`` address without a scheme is an ``http``
    one. Everything else gives None — another scheme (``javascript:``, ``file:``,
    ``data:``, ``mailto:``…), a relative or other scheme-less address, a user name
    before the host (``https://nhs.uk@evil.example/``, a classic disguise), a character
    that is not printable — and the caller reports it.
    """
    text = target.strip()
    if _CLEAN.fullmatch(text):
        return text
    if not text.isprintable():
        # A control or format character, a line break or a lone surrogate has no place
        # in an address (and urllib drops some of them silently: "java\tscript:").
        return None
    doi = _DOI.fullmatch(text)
    if doi is not None:
        return DOI_RESOLVER + quote(doi[1], safe=_URL_SAFE)
    if text[:4].lower() == "www.":
        # A web address printed without its scheme ("www.kingsfund.org.uk/…"), as
        # documents print them: Word's links to such text say http://, and so does this.
        return web_link("http://" + text)
    try:
        parts = urlsplit(text)
        port = parts.port  # ValueError for a port that is not a number up to 65535
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES or not _NETLOC.fullmatch(parts.netloc) or not parts.hostname:
        return None
    host = _ascii_host(parts.hostname)
    if host is None:
        return None
    netloc = host if port is None else f"{host}:{port}"
    path, query, fragment = (quote(part, safe=_URL_SAFE) for part in parts[2:])
    return urlunsplit((scheme, netloc, path, query, fragment))


def _ascii_host(host: str) -> str | None:
    """A host name in ASCII (IDNA for international names) or an IP literal; None if it
    is neither. urllib hands the name over lower-cased and without brackets."""
    if ":" in host:
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            return None
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_host.rstrip(".").split(".")
    if all(_HOST_LABEL.fullmatch(label) for label in labels):
        return ascii_host
    return None
