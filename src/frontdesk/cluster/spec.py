"""What a cluster runs, and the setups it refuses before starting anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from frontdesk.cluster.config import Balance


class ClusterRefused(ValueError):
    """The requested cluster cannot keep frontdesk's promises; the message says what to set."""


@dataclass(frozen=True)
class ClusterSpec:
    """N app processes behind haproxy and W workers over one database and one Redis.

    port 0 picks a free port for haproxy. `env` is added to every child's environment (on top
    of this process's). restart=False leaves dead processes dead, for a fault suite that
    decides itself when to restart them. log_dir None: children write to this process's
    stdout and stderr; else one file per process there.
    """

    apps: int
    workers: int
    database_url: str
    redis_url: str
    port: int = 0
    env: dict[str, str] = field(default_factory=dict)
    restart: bool = True
    host: str = "127.0.0.1"
    balance: Balance = "roundrobin"
    log_dir: Path | None = None


def with_driver(database_url: str) -> str:
    """`postgresql://...` names no driver, and SQLAlchemy would then look for psycopg2, which
    frontdesk does not install: the children get `postgresql+psycopg://...`."""
    scheme, sep, rest = database_url.partition("://")
    if sep and scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return database_url


def is_sqlite(database_url: str) -> bool:
    return database_url.split(":", 1)[0].split("+", 1)[0] == "sqlite"


def refusal(spec: ClusterSpec) -> str | None:
    """Why this cluster must not start, in words an operator can act on; None when it may."""
    if spec.apps < 1:
        return "a cluster needs at least one app process (--app 1 or more)"
    if spec.workers < 0:
        return "--workers cannot be negative"
    if not spec.database_url:
        return "no database: set FRONTDESK_DATABASE_URL (or --database-url) to PostgreSQL"
    several = spec.apps > 1 or spec.workers > 1
    if is_sqlite(spec.database_url) and several:
        return (
            f"SQLite serves one app process and one worker, not {spec.apps} app processes and "
            f"{spec.workers} workers: its writers lock the whole file, and its serialised "
            "booking guarantee holds within one process only. Set FRONTDESK_DATABASE_URL "
            "(or --database-url) to a PostgreSQL database, e.g. "
            "postgresql+psycopg://user@127.0.0.1:5432/frontdesk"
        )
    if is_sqlite(spec.database_url) and spec.database_url.rstrip("/") in (
        "sqlite:",
        "sqlite:///:memory:",
    ):
        return "an in-memory SQLite database cannot be shared between processes"
    if several and not spec.redis_url:
        return (
            "several processes need Redis for the job queue: set FRONTDESK_REDIS_URL "
            "(or --redis-url), e.g. redis://127.0.0.1:6379/0"
        )
    return None
