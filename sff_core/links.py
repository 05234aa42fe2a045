"""Links that people type (the knowledge bank, the coordinator's example links): the host they really open.

`https://example.com@evil.example/` reads as example.com and opens evil.example; `https://аpple.com/`
with a Cyrillic а (the browser writes xn--pple-43d.com) reads as apple.com. Both are refused when typed,
and wherever a link is shown the host it opens stands beside it – "(värd: example.com)" – so a link
stored before these checks (or restored from an old backup) still shows where it goes.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from sff_core.errors import InputError
from sff_core.i18n import t

# Letters a host may have beside a–z, 0–9: Latin letters with diacritics (å, ä, ö, é, ü …, which
# decompose to an ASCII letter and marks) and the Nordic and German letters that do not decompose.
_HOST_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-.:")
_HOST_LATIN = frozenset("æøßðþ")


def _unicode_label(label: str) -> str | None:
    """A host label as the reader sees it (`xn--malm-8qa` → `malmö`); None when its punycode is broken
    or encodes plain ASCII (no browser writes that)."""
    if not label.startswith("xn--"):
        return label
    try:
        decoded = label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return None
    return decoded if not decoded.isascii() else None


def _lookalike(host: str) -> bool:
    """True when a host could pass for another: letters from another alphabet (Cyrillic а in
    "аpple.com", Greek ο, full-width letters), also written as punycode, or punycode that is broken.
    Swedish hosts (malmö.se, also as xn--malm-8qa.se) are not."""
    for label in host.lower().split("."):
        shown = _unicode_label(label)
        if shown is None:
            return True
        for char in shown:
            bare = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
            if not (bare and all(c in _HOST_ASCII for c in bare)) and char not in _HOST_LATIN:
                return True
    return False


def shown_host(host: str) -> str:
    """The host as the reader should see it: Swedish letters as letters; a look-alike as the browser
    sends it (punycode), so "аpple.com" shows as xn--pple-43d.com."""
    host = host.lower()
    if _lookalike(host):
        return ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii") for label in host.split("."))
    return ".".join(_unicode_label(label) or label for label in host.split("."))


def shown_link(url: str | None, lang: str = "sv") -> str:
    """A link with the host it really opens beside it: "https://… (värd: example.com)" – in the bank's
    list, on the wall and in every report, also for links stored before the check above."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    return f"{url} ({t('knowledge.host', lang, host=shown_host(host) if host else '–')})"


def check_host(url: str, field: str) -> str:
    """`url` (already an absolute http(s) address) unchanged; InputError when the part before the host
    holds a user part (`…@`) or the host could pass for another."""
    parts = urlsplit(url)
    if "@" in parts.netloc:  # https://example.com@evil.example/ reads as example.com and opens evil.example
        raise InputError("url_userinfo", field=field, value=url[:80], host=shown_host(parts.hostname or ""))
    if not parts.hostname or _lookalike(parts.hostname):
        raise InputError("url_lookalike", field=field, value=url[:80], host=shown_host(parts.hostname or ""))
    return url
