"""AppTest fixtures: the real app.py on a fresh SQLite file, empty or with the demo workspace."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sff_core.store.db import get_engine
from sff_core.workspaces import create_workspace
from tests.conftest import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")
PAGES = (
    ["pages/overview.py", "pages/core_group.py", "pages/statistics.py"]
    + [f"pages/step_{n}.py" for n in range(8)]
    + ["pages/workspaces.py", "pages/privacy.py", "pages/about.py"]
)


@pytest.fixture(autouse=True)
def _fresh_caches(sqlite_url):
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def demo_workspace(sqlite_demo):
    """The demo workspace in DATABASE_URL (a copy of the template seeded once per run)."""
    return sqlite_demo


@pytest.fixture
def empty_workspace(sqlite_url):
    return create_workspace(get_engine(), "Tomstad", "Tomstads kommun", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")


@pytest.fixture
def open_app() -> Callable[..., AppTest]:
    def _open(workspace_id: int | None = None, page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        if workspace_id is not None:
            at.session_state["workspace_id"] = workspace_id
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    return _open


def page_text(at: AppTest) -> str:
    """Everything the page shows as text (markdown, titles, captions, alerts, labels)."""
    parts = [e.value for e in at.markdown] + [e.value for e in at.title] + [e.value for e in at.header]
    parts += [e.value for e in at.subheader] + [e.value for e in at.caption]
    parts += [e.value for e in at.info] + [e.value for e in at.success] + [e.value for e in at.warning]
    parts += [e.value for e in at.error] + [e.label for e in at.button] + [e.label for e in at.selectbox]
    parts += [str(e.value) for e in at.metric] + [e.label for e in at.metric]
    parts += [e.label for e in at.text_area] + [e.label for e in at.text_input] + [e.label for e in at.radio]
    parts += [e.value for e in at.text] + [e.label for e in at.expander] + [e.label for e in at.toggle]
    shown = "\n".join(str(p) for p in parts)
    shown = shown.replace("\u2060", "")  # the word joiners that keep user text from autolinking are invisible
    return re.sub(r"\\(.)", r"\1", shown)  # Markdown escapes render as the character itself


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    unexpected = [e.value for e in at.error if "Något gick fel" in e.value or "Something went wrong" in e.value]
    assert unexpected == []
