"""The security policy that every page carries in its own ``<head>``, for hosts that cannot
send HTTP headers (GitHub Pages, most buckets, the offline copy opened from disk).

Not a hook. Derived from the ONE definition of the headers, ``server_config.SECURITY_HEADERS``
(never a second copy of the policy): the Content-Security-Policy less the directives that a
``<meta http-equiv>`` cannot carry (CSP Level 3, §3.3: browsers ignore ``frame-ancestors``,
``report-uri`` and ``sandbox`` there, and Chromium warns; ``report-to`` needs a header too).
Those stay in the server configurations. The referrer policy is the header's value.
"""

from __future__ import annotations

from portal.publish.server_config import SECURITY_HEADERS

NOT_IN_META = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})


def directives(policy: str) -> list[tuple[str, str]]:
    """``(name, value)`` of each directive, in order (names lower-cased, as CSP compares them)."""
    parts = (part.strip() for part in policy.split(";"))
    return [(name.lower(), value.strip()) for name, _, value in (part.partition(" ") for part in parts if part)]


def meta_content_security_policy(policy: str | None = None) -> str:
    """The site's policy as a ``<meta http-equiv="Content-Security-Policy">`` can carry it."""
    policy = SECURITY_HEADERS["Content-Security-Policy"] if policy is None else policy
    return "; ".join(f"{name} {value}".strip() for name, value in directives(policy) if name not in NOT_IN_META)


def referrer_policy() -> str:
    return SECURITY_HEADERS["Referrer-Policy"]


def template_globals() -> dict[str, str]:
    """What ``overrides/main.html`` writes first in every page's head (``portal_meta_policy``)."""
    return {"csp": meta_content_security_policy(), "referrer": referrer_policy()}
