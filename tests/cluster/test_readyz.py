"""/readyz, which haproxy asks every second: ready on a current schema, 503 while migrations
are pending (the migration heads are read once per process, the database's every time)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from frontdesk.app import create_app
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.settings import Settings


def test_readyz_follows_the_database_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ready.db'}"
    upgrade(url, "0001")
    db = Database(url)
    settings = Settings(
        database_url=url, session_secret_file=str(tmp_path / "secret"), log_level="WARNING"
    )
    try:
        with TestClient(create_app(settings, db)) as client:
            pending = client.get("/readyz")
            assert pending.status_code == 503
            assert pending.json() == {"status": "migrations_pending"}
            upgrade(url)
            assert client.get("/readyz").json() == {"status": "ready"}
            assert client.get("/readyz").status_code == 200
    finally:
        db.dispose()
