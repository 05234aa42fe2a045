"""The browser's cookies (sff_core/ui/browser.py): a facilitator's browser that unlocked the workspace before
is not locked out by a stranger's guesses on the same network address (issue 20, Medium 9)."""

from streamlit.testing.v1 import AppTest

from sff_core.ui.browser import KNOWN_KEY
from tests.app.conftest import APP, assert_clean, page_text


def _unlock(at: AppTest, passphrase: str) -> AppTest:
    at.text_input(key="unlock-passphrase").set_value(passphrase)
    at.get("form_submit_button")[0].click().run()
    assert_clean(at)
    return at


def test_a_stranger_on_the_same_address_cannot_lock_the_facilitators_browser_out(open_app, demo_workspace):
    facilitator = _unlock(open_app(), "exempelstad")
    proof = facilitator.session_state[KNOWN_KEY]  # what the browser keeps as a cookie after the unlock
    assert facilitator.session_state["workspace_id"] == demo_workspace.id
    stranger = open_app()  # AppTest sessions share one address, like phones and laptop on a venue's Wi-Fi
    for n in range(8):
        _unlock(stranger, f"gissning {n}")
    assert "För många felaktiga försök" in page_text(stranger)
    newcomer = _unlock(open_app(), "exempelstad")  # a browser never seen on that address waits
    assert "workspace_id" not in newcomer.session_state
    back = AppTest.from_file(APP, default_timeout=60)
    back.session_state[KNOWN_KEY] = proof  # the facilitator's browser, later (its cookie)
    back.run()
    _unlock(back, "exempelstad")
    assert back.session_state["workspace_id"] == demo_workspace.id
