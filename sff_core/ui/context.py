"""Per-run context: the engine, the unlocked workspace, language and projector mode."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from sff_core.i18n import normalise_language, t
from sff_core.members import MemberInfo, list_members
from sff_core.store import db
from sff_core.workspaces import WorkspaceInfo, get_workspace

WORKSPACE_KEY = "workspace_id"
LANG_KEY = "lang"
PROJECTOR_KEY = "projector"
NEXT_PAGE_KEY = "next_page"  # a page to open on the next run, once the navigation includes it


@st.cache_resource(show_spinner=False)
def cached_engine(url: str) -> Engine:
    """One engine per process and URL (migrated on first use)."""
    return db.get_engine(url)


def engine() -> Engine:
    from sff_core.config import database_url

    return cached_engine(database_url())


def language() -> str:
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = normalise_language(st.query_params.get("lang"))
    return normalise_language(st.session_state[LANG_KEY])


def tr(key: str, **params: object) -> str:
    """The UI string `key` in the session's language."""
    return t(key, language(), **params)


def projector_on() -> bool:
    if PROJECTOR_KEY not in st.session_state:
        st.session_state[PROJECTOR_KEY] = st.query_params.get("projector") in ("1", "true", "on")
    return bool(st.session_state[PROJECTOR_KEY])


def set_projector(on: bool) -> None:
    st.session_state[PROJECTOR_KEY] = on
    if on:
        st.query_params["projector"] = "1"
    elif "projector" in st.query_params:
        del st.query_params["projector"]


@dataclass(frozen=True)
class Context:
    """What every workspace page needs for one script run. `memo` lives for that run only."""

    engine: Engine
    workspace: WorkspaceInfo
    lang: str
    projector: bool
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def members(self) -> list[MemberInfo]:
        """The core group, read once per run however many sections ask."""
        if "members" not in self.memo:
            self.memo["members"] = list_members(self.engine, self.workspace.id)
        return self.memo["members"]


def current_workspace() -> WorkspaceInfo | None:
    """The unlocked workspace. A session unlocked with the passphrase (or its cookie) is checked on
    every run: locked in another tab, expired or idle too long, and this one is locked too."""
    workspace_id = st.session_state.get(WORKSPACE_KEY)
    if workspace_id is None:
        return None
    if SESSION_ID_KEY in st.session_state:
        from sff_core.sessions import check

        if check(engine(), st.session_state[SESSION_ID_KEY]) != workspace_id:
            st.session_state.pop(WORKSPACE_KEY, None)
            st.session_state.pop(SESSION_ID_KEY, None)
            st.session_state["flash_warning"] = tr("workspace.session_ended")  # why the passphrase is asked again
            return None
    try:
        return get_workspace(engine(), int(workspace_id))
    except Exception:  # the workspace vanished: lock again
        st.session_state.pop(WORKSPACE_KEY, None)
        return None


def still_unlocked() -> None:
    """In a fragment's own run (a wall's tick, a remote's button): when the session has ended, run the
    whole page again, which locks it and asks for the passphrase."""
    if current_workspace() is None:
        st.rerun(scope="app")


def client_key() -> str:
    """This browser's client, as the throttles count it: a keyed hash of its address."""
    from sff_core import throttle
    from sff_core.config import trusted_proxy_hops

    try:
        direct, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    except Exception:  # noqa: BLE001 - no request context (bare script runs): one local client
        direct, forwarded = None, None
    return throttle.client_key(throttle.client_address(direct, forwarded, trusted_proxy_hops()))


SESSION_ID_KEY = "facilitator_session_id"  # the session's row: server side only, checked on every run
COOKIE_PENDING_KEY = "cookie_pending"


def unlock(workspace_id: int) -> None:
    """This browser has unlocked the workspace: remember it, also across a reload (a session cookie)."""
    from sff_core.sessions import start

    started = start(engine(), workspace_id)
    st.session_state[WORKSPACE_KEY] = workspace_id
    st.session_state[SESSION_ID_KEY] = started.id
    st.session_state[COOKIE_PENDING_KEY] = started.token


def lock() -> None:
    """Lock the workspace: its session ends, in this tab now and in every other tab on its next run."""
    from sff_core.sessions import end

    end(engine(), st.session_state.pop(SESSION_ID_KEY, None))
    st.session_state.pop(WORKSPACE_KEY, None)
    st.session_state[COOKIE_PENDING_KEY] = ""


def browser_cookie(name: str) -> str | None:
    """A cookie the browser sent when this Streamlit session connected (None without a request)."""
    try:
        return st.context.cookies.get(name)
    except Exception:  # noqa: BLE001 - no request context (bare script runs): no cookies
        return None


def resume_unlock() -> None:
    """A new Streamlit session (a reload, a laptop waking up): unlock again from the browser's session
    cookie, which is rotated – the browser gets a new token and the one read here unlocks nothing more."""
    from sff_core.sessions import COOKIE_NAME, resume

    if st.session_state.get(WORKSPACE_KEY) is not None:
        return
    resumed = resume(engine(), browser_cookie(COOKIE_NAME))
    if resumed is not None:
        st.session_state[WORKSPACE_KEY] = resumed.workspace_id
        st.session_state[SESSION_ID_KEY] = resumed.id
        st.session_state[COOKIE_PENDING_KEY] = resumed.token


def write_session_cookie() -> None:
    """Hand a new session token to the browser (or clear it after locking). Streamlit cannot set cookies
    itself (upstream issue #14730), so a zero-height component does it: its frame shares the app's origin.
    Our own static script; the token is URL-safe base64, checked before it is written. A cookie written
    by a script cannot be HttpOnly: see sff_core.sessions for what makes up for it. Its lifetime is the
    session's longest (the store decides when it ends: idle, locked, or SESSION_HOURS)."""
    from streamlit.components.v1 import html

    from sff_core.sessions import COOKIE_NAME, SESSION_HOURS
    from sff_core.validation import is_token

    pending = st.session_state.pop(COOKIE_PENDING_KEY, None)
    if pending is None or (pending and not is_token(pending)):
        return
    age = SESSION_HOURS * 3600 if pending else 0
    # its row takes no room on the wall: PROJECTOR_CSS hides a cookie frame's container
    html(
        "<script>var secure = window.location.protocol === 'https:' ? '; Secure' : '';"
        f"document.cookie = '{COOKIE_NAME}={pending}; path=/; max-age={age}; SameSite=Strict' + secure;</script>",
        height=0,
    )
