"""Fixtures shared by the unit tests (a module with other needs defines its own `workspace`, which wins)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from sff_core.workspaces import WorkspaceInfo, create_workspace


@pytest.fixture
def workspace(engine: Engine) -> WorkspaceInfo:
    """Ystad, an empty workspace for 2026-01-01 – 2027-03-01 (passphrase "hemlig fras")."""
    return create_workspace(engine, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "hemlig fras")
