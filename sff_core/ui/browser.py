"""Cookies the app keeps in a browser (a participant's browser token, see ui/live.py), and the facilitator's
browser known to the passphrase throttle: a stranger on the same address (a venue's Wi-Fi) cannot lock out a
browser that has unlocked the workspace before.

After an unlock the browser keeps a signed proof in a cookie (workspaces.known_browser_proof); its later
passphrase attempts are counted on their own. The proof opens nothing by itself.
"""

from __future__ import annotations

import streamlit as st

from sff_core.validation import is_token

KNOWN_COOKIE = "sff_known"
KNOWN_KEY = "known-browser-proof"
PENDING_KEY = "known-browser-pending"


def write_cookie(name: str, value: str, max_age: int) -> None:
    """A first-party cookie through a zero-height component (Streamlit cannot set cookies, upstream issue
    #14730); the same script on every run, so the frame is not reloaded. Only checked tokens are written."""
    from streamlit.components.v1 import html

    if not is_token(value):
        return
    # Its row takes no room on the wall: PROJECTOR_CSS hides a cookie frame's container (sff_core.ui.layout).
    html(
        "<script>var secure = window.location.protocol === 'https:' ? '; Secure' : '';"
        f"document.cookie = '{name}={value}; path=/; max-age={max_age}; SameSite=Strict' + secure;</script>",
        height=0,
    )


def known_browser_cookie() -> str | None:
    """The proof this browser holds: the one it was given in this session, else its cookie's."""
    proof = st.session_state.get(KNOWN_KEY)
    if is_token(proof):
        return str(proof)
    try:
        proof = st.context.cookies.get(KNOWN_COOKIE)
    except Exception:  # noqa: BLE001 - no request context (bare script runs)
        return None
    return str(proof) if is_token(proof) else None


def remember_known_browser(workspace_id: int) -> None:
    """After a successful unlock: a fresh proof for this browser, written as a cookie on the next run."""
    from sff_core.ui.context import engine
    from sff_core.workspaces import known_browser_proof

    proof = known_browser_proof(engine(), workspace_id)
    st.session_state[KNOWN_KEY] = proof
    st.session_state[PENDING_KEY] = proof


def write_known_browser_cookie() -> None:
    """Hand a new proof to the browser (a zero-height component: Streamlit cannot set cookies)."""
    from sff_core.workspaces import KNOWN_BROWSER_DAYS

    pending = st.session_state.pop(PENDING_KEY, None)
    if is_token(pending):
        write_cookie(KNOWN_COOKIE, str(pending), KNOWN_BROWSER_DAYS * 86400)
