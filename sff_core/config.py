"""Settings read from the environment at call time (tests change them per test)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CONTENT_DIR = DATA_DIR / "content"
DEFAULT_SQLITE_PATH = DATA_DIR / "stadforstad.db"

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


def database_url() -> str:
    """The store: `DATABASE_URL` if set, else an SQLite file under data/."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def content_dir() -> Path:
    """Where the handbook content lives (`SFF_CONTENT_DIR` overrides, e.g. for a translated copy)."""
    override = os.environ.get("SFF_CONTENT_DIR")
    return Path(override) if override else CONTENT_DIR


def public_base_url() -> str | None:
    """The URL participants use to reach the app (for join links); None means 'as served'."""
    return os.environ.get("SFF_PUBLIC_BASE_URL") or None


def hash_key() -> bytes | None:
    """`SFF_HASH_KEY` (16+ characters, kept outside the database): keys the advertiser-reference hash and
    the throttles' client hashes. None when unset or too short."""
    key = os.environ.get("SFF_HASH_KEY", "")
    return key.encode() if len(key) >= 16 else None


def trusted_proxy_hops() -> int:
    """How many reverse proxies of our own stand in front of the app (`SFF_TRUSTED_PROXIES`, default 0).

    With 0 the connection's address identifies a client; behind nginx set 1, so the address nginx
    put in X-Forwarded-For is used instead of the proxy's own.
    """
    try:
        return max(0, int(os.environ.get("SFF_TRUSTED_PROXIES", "0")))
    except ValueError:
        return 0


def migrate_at_start() -> bool:
    """Whether the app upgrades the database when it starts (`SFF_MIGRATE_AT_START`, default on).

    On for the single-machine run; a shared deployment with several app processes turns it off
    and migrates once before starting them.
    """
    return os.environ.get("SFF_MIGRATE_AT_START", "1").strip().lower() not in ("0", "false", "nej", "no", "off")
