from datetime import date

import pytest

from sff_core.errors import InputError
from sff_core.progress import set_step_status, step_statuses
from sff_core.responses import GROUP, Answer, save_answers
from sff_core.workspaces import create_workspace


def test_status_from_marks_and_answers(engine):
    workspace = create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
    keys = ["step0", "step1", "step2"]
    assert step_statuses(engine, workspace.id, keys) == dict.fromkeys(keys, "not_started")
    set_step_status(engine, workspace.id, "step0", "done")
    set_step_status(engine, workspace.id, "step0", "done")
    save_answers(engine, workspace.id, "step0", "staden", GROUP, date(2026, 2, 1), {"mojligheter": Answer(text="x")})
    save_answers(engine, workspace.id, "step2", "underrattelse", GROUP, date(2026, 2, 1), {"_notes": Answer(text="anteckning")})
    assert step_statuses(engine, workspace.id, keys) == {"step0": "done", "step1": "not_started", "step2": "in_progress"}
    with pytest.raises(InputError):
        set_step_status(engine, workspace.id, "step0", "finished")
