"""Shared fixtures: a real database per backend, a real server over loopback."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy import text
from sqlalchemy.engine import make_url

from frontdesk.app import create_app
from frontdesk.db.core import Base, Database
from frontdesk.db.migrate import upgrade
from frontdesk.server import server_config
from frontdesk.settings import Settings

TEST_API_KEY = "key_test_0123456789abcdef"
REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
DB_FIXTURES = {"database", "session", "settings", "live_server", "client"}


def backend() -> str:
    return os.environ.get("FRONTDESK_TEST_DB", "sqlite")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that touches the database, so the PostgreSQL pass runs just those."""
    for item in items:
        if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def _postgres_database(worker: str) -> Iterator[str]:
    admin_url = os.environ.get("FRONTDESK_TEST_POSTGRES_URL")
    if not admin_url:
        raise RuntimeError("FRONTDESK_TEST_DB=postgres needs FRONTDESK_TEST_POSTGRES_URL")
    import psycopg

    url = make_url(admin_url)
    name = f"frontdesk_test_{worker}_{uuid.uuid4().hex[:8]}"
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            url.set(database=name)
            .set(drivername="postgresql+psycopg")
            .render_as_string(hide_password=False)
        )
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if backend() == "postgres":
        yield from _postgres_database(worker)
    else:
        path = tmp_path_factory.mktemp("db") / f"frontdesk-{worker}.db"
        yield f"sqlite:///{path}"


@pytest.fixture(scope="session")
def migrated_database(database_url: str) -> Iterator[Database]:
    upgrade(database_url)
    db = Database(database_url)
    yield db
    db.dispose()


def _empty_tables(db: Database) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if db.is_sqlite:
            for name in tables:
                conn.execute(text(f'DELETE FROM "{name}"'))
        else:
            quoted = ", ".join(f'"{n}"' for n in tables)
            conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))


@pytest.fixture
def database(migrated_database: Database) -> Iterator[Database]:
    """A migrated database, emptied after each test (the server and threads share it)."""
    yield migrated_database
    _empty_tables(migrated_database)


@pytest.fixture
def session(database: Database) -> Iterator[object]:
    with database.sessions() as s:
        yield s
        s.rollback()


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url, retell_api_key=TEST_API_KEY, log_json=True, log_level="WARNING"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    def __init__(self, url: str) -> None:
        self.url = url


@pytest.fixture(scope="session")
def _server(settings: Settings, migrated_database: Database) -> Iterator[LiveServer]:
    app = create_app(settings, migrated_database)
    port = _free_port()
    config = server_config(app, "127.0.0.1", port, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    yield LiveServer(f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def live_server(_server: LiveServer, database: Database) -> LiveServer:
    """A real uvicorn server on loopback over the test database (emptied per test)."""
    return _server


@pytest.fixture
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=10) as c:
        yield c
