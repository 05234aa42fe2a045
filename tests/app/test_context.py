"""The facilitator's session across tabs (sff_core/ui/context.py): a tab opened later resumes from the
browser's cookie, and *Lås arbetsytan* in one tab locks every other on its next run (issue 20, Medium 8)."""

from __future__ import annotations

import secrets

from sff_core import sessions
from sff_core.demo import DEMO_PASSPHRASE
from sff_core.ui import context
from tests.app.conftest import assert_clean, page_text


def test_lock_in_one_tab_locks_the_other_on_its_next_run(open_app, demo_workspace, monkeypatch):
    issued: list[str] = []
    real = secrets.token_urlsafe

    def recorded(n: int | None = None) -> str:
        issued.append(real(n))
        return issued[-1]

    monkeypatch.setattr(sessions.secrets, "token_urlsafe", recorded)
    first = open_app(None, "pages/workspaces.py")
    first.text_input(key="unlock-passphrase").set_value(DEMO_PASSPHRASE)
    next(b for b in first.button if b.label == "Lås upp").click().run()
    assert_clean(first)
    assert first.session_state["workspace_id"] == demo_workspace.id
    cookie = issued[-1]  # what the first tab's component wrote into the browser's cookie

    monkeypatch.setattr(context, "browser_cookie", lambda name: cookie if name == sessions.COOKIE_NAME else None)
    second = open_app(None, "pages/workspaces.py")  # a second tab of the same browser: resumed from the cookie
    assert_clean(second)
    assert second.session_state["workspace_id"] == demo_workspace.id
    assert sessions.resume(context.engine(), cookie) is None  # the cookie was rotated on the way

    first.switch_page("pages/workspaces.py").run()
    first.button(key="lock").click().run()
    assert "workspace_id" not in first.session_state

    second.run()  # the other tab's next run
    assert_clean(second)
    assert "workspace_id" not in second.session_state
    assert "Lås upp" in [b.label for b in second.button] and "Lås arbetsytan" not in page_text(second)
    assert "den låstes i en annan flik" in page_text(second)
