"""The audit log: who changed what. Written in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from sff_core.models import AuditEvent


def record(session: Session, workspace_id: int | None, action: str, actor: str = "", **detail: Any) -> None:
    session.add(AuditEvent(workspace_id=workspace_id, action=action, actor=actor[:120], detail=detail))
