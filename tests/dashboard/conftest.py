"""Dashboard fixtures: two seeded practices and logged-in HTTP clients."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import httpx
import pytest

from frontdesk.db.core import Database
from tests.conftest import LiveServer
from tests.dashboard.seed import PASSWORD, Seeded, seed_two

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def practices(database: Database) -> tuple[Seeded, Seeded]:
    with database.unit_of_work() as session:
        return seed_two(session)


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def log_in(client: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    token = csrf_of(client.get("/app/login").text)
    return client.post(
        "/app/login", data={"email": email, "password": password, "csrf_token": token}
    )


@pytest.fixture
def login_as(live_server: LiveServer) -> Iterator[Callable[[str], httpx.Client]]:
    """A fresh logged-in client per e-mail (its own cookie jar)."""
    clients: list[httpx.Client] = []

    def make(email: str) -> httpx.Client:
        client = httpx.Client(base_url=live_server.url, timeout=15)
        clients.append(client)
        response = log_in(client, email)
        assert response.status_code == 303, response.text
        return client

    yield make
    for client in clients:
        client.close()


def token(client: httpx.Client, path: str = "/app") -> str:
    return csrf_of(client.get(path).text)
