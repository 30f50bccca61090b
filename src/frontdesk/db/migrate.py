"""Applying and checking Alembic migrations from code (the CLI and /readyz use this)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # configparser interpolates "%": a percent-encoded URL part (a socket directory given as
    # ?host=%2Fvar%2Frun%2Fpostgresql, a password with "%") must reach Alembic unchanged.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "heads") -> None:
    """Apply migrations up to `revision` (all heads by default) on the database at `url`."""
    command.upgrade(alembic_config(url), revision)


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(alembic_config("")).get_heads())


def head_revisions() -> set[str]:
    # Read once per process: the migration files do not change under a running process, and
    # parsing them all made each /readyz (haproxy asks every second) cost tens of ms of CPU.
    return set(_heads())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def is_current(engine: Engine) -> bool:
    return current_revisions(engine) == head_revisions()
