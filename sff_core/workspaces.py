"""Workspaces: one city's process, protected by a facilitator passphrase (argon2 hash only)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sff_core import throttle
from sff_core.config import LANGUAGES, hash_key
from sff_core.errors import InputError
from sff_core.store import audit
from sff_core.store.concurrency import apply_edit, lock_row
from sff_core.store.db import session_scope
from sff_core.store.models import Workspace
from sff_core.store.uow import WorkspaceUnit, unit_of_work
from sff_core.validation import check_characters, check_period_dates, number_in_range, required_text

RECOMMENDED_MONTHS = (12, 18)
MIN_PASSPHRASE = 8
MAX_FAILED_UNLOCKS = 5
LOCKOUT_MINUTES = 10
UNLOCK_SCOPE = "unlock"
KNOWN_BROWSER_DAYS = 180  # how long a browser that unlocked the workspace is counted on its own
_hasher = PasswordHasher()


@dataclass(frozen=True)
class WorkspaceInfo:
    id: int
    slug: str
    city: str
    municipality: str
    period_start: date
    period_end: date
    language: str
    is_demo: bool
    small_count_threshold: int = 3

    @property
    def period_months(self) -> float:
        return period_months(self.period_start, self.period_end)

    @property
    def period_outside_recommendation(self) -> bool:
        low, high = RECOMMENDED_MONTHS
        return not low <= round(self.period_months) <= high


def period_months(start: date, end: date) -> float:
    return (end - start).days / 30.44


def _info(row: Workspace) -> WorkspaceInfo:
    return WorkspaceInfo(
        id=row.id,
        slug=row.slug,
        city=row.city,
        municipality=row.municipality,
        period_start=row.period_start,
        period_end=row.period_end,
        language=row.language,
        is_demo=row.is_demo,
        small_count_threshold=row.small_count_threshold or 3,
    )


def slugify(name: str) -> str:
    """A URL-safe key for a city name; a name with no Latin letters gets one from its own characters
    (so two such cities never share one)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80].strip("-")
    if slug:
        return slug
    return "stad-" + hashlib.sha256(unicodedata.normalize("NFC", name).casefold().encode("utf-8", "surrogatepass")).hexdigest()[:12]


# Cyrillic and Greek letters that look like Latin ones ("Маlmö" with a Cyrillic М reads as Malmö).
_LOOKALIKES = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "с": "c",
        "е": "e",
        "ё": "e",
        "һ": "h",
        "і": "i",
        "ј": "j",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "т": "t",
        "у": "y",
        "х": "x",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "ӧ": "ö",
        "ӓ": "ä",
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "γ": "y",
        "ϲ": "c",
        "ԍ": "g",
        "ɡ": "g",
        "ı": "i",
        "ℓ": "l",
        "0": "o",
        "1": "l",
    }
)


def name_skeleton(name: str) -> str:
    """What a name looks like: case, width, look-alike letters and punctuation folded away."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_LOOKALIKES)
    return "".join(ch for ch in folded if ch.isalnum())


def letter_scripts(name: str) -> set[str]:
    """The alphabets a name's letters come from (LATIN, CYRILLIC, GREEK …)."""
    return {unicodedata.name(ch, "UNKNOWN").split()[0] for ch in name if ch.isalpha()}


def check_city_name(session: Session, city: str, own_id: int | None = None) -> None:
    """Refuse a name mixing alphabets, or one that can be mistaken for another workspace's."""
    if len(letter_scripts(city)) > 1:
        raise InputError("mixed_scripts", field="city", city=city)
    skeleton = name_skeleton(city)
    for other_id, other_city in session.execute(select(Workspace.id, Workspace.city)).all():
        if other_id != own_id and name_skeleton(other_city) == skeleton:
            raise InputError("workspace_lookalike", field="city", city=city, existing=other_city)


def validate_period(start: date | None, end: date | None) -> None:
    if start is None or end is None:
        raise InputError("period_missing", field="period")
    if end <= start:
        raise InputError("period_order", field="period_end", start=start.isoformat(), end=end.isoformat())
    check_period_dates(start, end)


def create_workspace(
    engine: Engine,
    city: str,
    municipality: str,
    period_start: date | None,
    period_end: date | None,
    passphrase: str,
    language: str = "sv",
    is_demo: bool = False,
) -> WorkspaceInfo:
    """Create a workspace; the passphrase is stored only as a salted argon2 hash."""
    city = required_text(city, "city")
    municipality = required_text(municipality or city, "municipality")
    validate_period(period_start, period_end)
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise InputError("passphrase_short", field="passphrase", min=MIN_PASSPHRASE)
    check_characters(passphrase, "passphrase")  # control characters; a lone surrogate cannot even be hashed
    if language not in LANGUAGES:
        raise InputError("not_allowed", field="language", field_label="language", value=language)
    slug = slugify(city)
    with session_scope(engine) as session:
        if session.scalar(select(Workspace.id).where(Workspace.slug == slug)) is not None:
            raise InputError("workspace_exists", field="city", city=city)
        check_city_name(session, city)
        row = Workspace(
            slug=slug,
            city=city,
            municipality=municipality,
            period_start=period_start,
            period_end=period_end,
            language=language,
            passphrase_hash=_hasher.hash(passphrase),
            is_demo=is_demo,
        )
        session.add(row)
        session.flush()
        audit.record(session, row.id, "workspace.create", city=city)
        return _info(row)


def delete_workspace(engine: Engine, workspace_id: int) -> None:
    """Delete a workspace and every row that belongs to it (they cascade). Used to undo a failed seed."""
    with session_scope(engine) as session:
        row = session.get(Workspace, workspace_id)
        if row is not None:
            session.delete(row)


def list_workspaces(engine: Engine) -> list[WorkspaceInfo]:
    """Names and periods only; nothing inside a workspace is shown before unlocking."""
    with session_scope(engine) as session:
        rows = session.scalars(select(Workspace).order_by(Workspace.city)).all()
        return [_info(r) for r in rows]


def get_workspace(engine: Engine, workspace_id: int) -> WorkspaceInfo:
    with session_scope(engine) as session:
        row = session.get(Workspace, workspace_id)
        if row is None:
            raise InputError("unknown_workspace", field="workspace")
        return _info(row)


def find_by_slug(engine: Engine, slug: str) -> WorkspaceInfo | None:
    with session_scope(engine) as session:
        row = session.scalar(select(Workspace).where(Workspace.slug == slug))
        return _info(row) if row else None


def unlock_workspace(
    engine: Engine, workspace_id: int | None, passphrase: str, client: str = "local", proof: str | None = None
) -> WorkspaceInfo:
    """The workspace if the passphrase matches; otherwise InputError and nothing else.

    Attempts are counted per client (`throttle.client_key` of the address) and workspace before
    the passphrase is checked, atomically: at most MAX_FAILED_UNLOCKS are checked per client in
    LOCKOUT_MINUTES, however many arrive at once, and nobody else's guesses lock a facilitator out.
    A browser that unlocked the workspace before presents its `proof` (known_browser_proof) and is
    counted on its own, so not even a stranger on the facilitator's own address (a venue's Wi-Fi)
    can lock that browser out.
    """
    if workspace_id is None:
        raise InputError("unknown_workspace", field="workspace")
    with session_scope(engine) as session:
        row = session.get(Workspace, workspace_id)
        if row is None:
            raise InputError("unknown_workspace", field="workspace")
        info, stored_hash = _info(row), row.passphrase_hash
    window = timedelta(minutes=LOCKOUT_MINUTES)
    client = _known_browser(stored_hash, workspace_id, proof) or client
    attempt = throttle.count_attempt(engine, UNLOCK_SCOPE, str(workspace_id), client, window)
    if attempt > MAX_FAILED_UNLOCKS:
        if attempt == MAX_FAILED_UNLOCKS + 1:  # log once per window and client
            throttle.log.warning("unlock throttled: workspace %s, client %s", workspace_id, client[:8])
            with unit_of_work(engine, info.id) as uow:
                uow.audit("workspace.unlock_throttled", client=client[:8])
        raise InputError("too_many_attempts", field="passphrase", minutes=LOCKOUT_MINUTES)
    try:
        _hasher.verify(stored_hash, (passphrase or "").encode("utf-8", "surrogatepass"))  # a lone surrogate matches no hash
    except (VerificationError, InvalidHashError):
        with unit_of_work(engine, info.id) as uow:
            uow.audit("workspace.unlock_failed", client=client[:8])
        raise InputError("wrong_passphrase", field="passphrase") from None
    throttle.forget(engine, UNLOCK_SCOPE, str(workspace_id), client)
    return info


def _proof_mac(stored_hash: str, workspace_id: int, issued: str, nonce: str) -> str:
    """Keyed by the server's key and the workspace's passphrase hash: unforgeable without both, and a
    new passphrase makes every earlier proof worthless."""
    key = hashlib.sha256((hash_key() or throttle.FALLBACK_KEY.encode()) + stored_hash.encode()).digest()
    return hmac.new(key, f"{workspace_id}.{issued}.{nonce}".encode(), hashlib.sha256).hexdigest()[:24]


def known_browser_proof(engine: Engine, workspace_id: int) -> str:
    """After an unlock: what the browser keeps (a cookie) to show later that it has unlocked this workspace
    before. Nothing is stored; the proof carries a random id of the browser, the time and a keyed MAC
    (`<workspace>-<unix time>-<16 hex>-<24 hex>`, a cookie-safe token)."""
    with session_scope(engine) as session:
        row = session.get(Workspace, workspace_id)
        if row is None:
            raise InputError("unknown_workspace", field="workspace")
        stored_hash = row.passphrase_hash
    issued, nonce = str(int(time.time())), secrets.token_hex(8)
    return f"{workspace_id}-{issued}-{nonce}-{_proof_mac(stored_hash, workspace_id, issued, nonce)}"


def _known_browser(stored_hash: str, workspace_id: int, proof: str | None) -> str | None:
    """The throttle's client for a browser with a valid proof for this workspace, else None."""
    parts = proof.split("-") if isinstance(proof, str) and len(proof) <= 200 else []
    if len(parts) != 4 or parts[0] != str(workspace_id) or not parts[1].isdigit():
        return None
    _, issued, nonce, mac = parts
    if time.time() - int(issued) > KNOWN_BROWSER_DAYS * 86400:
        return None
    if not hmac.compare_digest(mac, _proof_mac(stored_hash, workspace_id, issued, nonce)):
        return None
    return throttle.client_key(f"browser:{nonce}")


def set_small_count_threshold(engine: Engine, workspace_id: int, threshold: int, loaded: int | None = None) -> None:
    """Counts below this are shown as "<N" in projector mode and in exports shared outside the core group.

    With `loaded` (the value the form showed) a threshold someone else changed meanwhile raises EditConflict.
    """
    number_in_range(threshold, "threshold", 1, 20)
    with unit_of_work(engine, workspace_id) as uow:
        row = _locked_workspace(uow)
        before = None if loaded is None else {"small_count_threshold": loaded}
        apply_edit(uow.session, row, before, {"small_count_threshold": threshold})
        uow.audit("workspace.threshold", threshold=threshold)  # also a save of the same value


def _locked_workspace(uow: WorkspaceUnit) -> Workspace:
    """The unit's workspace row, write-locked before it is read (a concurrent edit waits)."""
    lock_row(uow.session, Workspace, uow.workspace_id)
    row = uow.session.get(Workspace, uow.workspace_id)
    if row is None:  # deleted since the unit began
        raise InputError("unknown_workspace", field="workspace")
    return row


def update_workspace(
    engine: Engine,
    workspace_id: int,
    city: str,
    municipality: str,
    period_start: date | None,
    period_end: date | None,
    language: str,
    loaded: Mapping[str, object] | None = None,
) -> WorkspaceInfo:
    """Save the fields changed since `loaded` (see `workspace_fields`); EditConflict if someone else did."""
    city = required_text(city, "city")
    municipality = required_text(municipality, "municipality")
    validate_period(period_start, period_end)
    if language not in LANGUAGES:
        raise InputError("not_allowed", field="language", field_label="language", value=language)
    values = {"city": city, "municipality": municipality, "period_start": period_start, "period_end": period_end, "language": language}
    with unit_of_work(engine, workspace_id) as uow:
        row = _locked_workspace(uow)
        if city != row.city:
            check_city_name(uow.session, city, own_id=workspace_id)
        if apply_edit(uow.session, row, loaded, values):
            uow.audit("workspace.update")
        return _info(row)


def workspace_fields(workspace: WorkspaceInfo) -> dict[str, object]:
    """A workspace's editable fields, as the settings form loads them."""
    return {
        "city": workspace.city,
        "municipality": workspace.municipality,
        "period_start": workspace.period_start,
        "period_end": workspace.period_end,
        "language": workspace.language,
    }
