"""Migrations reach the database a URL names, whatever characters the URL holds."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from frontdesk.db.core import Database
from frontdesk.db.migrate import alembic_config, upgrade


def test_a_percent_encoded_url_reaches_alembic_unchanged() -> None:
    url = "postgresql+psycopg://postgres@/frontdesk?host=%2Fvar%2Frun%2Fpostgresql"
    assert alembic_config(url).get_main_option("sqlalchemy.url") == url


def test_a_database_whose_path_holds_a_percent_sign_is_migrated(tmp_path: Path) -> None:
    folder = tmp_path / "practice 100%"
    folder.mkdir()
    url = f"sqlite:///{folder}/frontdesk.db"
    upgrade(url)
    db = Database(url)
    try:
        assert "appointments" in inspect(db.engine).get_table_names()
    finally:
        db.dispose()
