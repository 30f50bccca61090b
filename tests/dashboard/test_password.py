"""Passwort ändern: a change ends every other session; the one that changed it goes on."""

from __future__ import annotations

import httpx

from tests.conftest import LiveServer
from tests.dashboard.conftest import csrf_of, log_in
from tests.dashboard.seed import PASSWORD, Seeded

NEW_PASSWORD = "neues-Pferd-Batterie-43"


def _change(
    client: httpx.Client, current: str, new: str = NEW_PASSWORD, repeat: str | None = None
) -> httpx.Response:
    page = client.get("/app/password")
    assert page.status_code == 200, page.text
    return client.post(
        "/app/password",
        data={
            "current_password": current,
            "new_password": new,
            "new_password_repeat": new if repeat is None else repeat,
            "csrf_token": csrf_of(page.text),
        },
    )


def _refused(client: httpx.Client) -> None:
    response = client.get("/app/review")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/app/login")


def test_a_password_change_ends_every_other_session(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    """Two logins (two cookies); the change made with the first ends the second and every
    copy of the first's old cookie, while the first goes on with a fresh one."""
    a, _ = practices
    with (
        httpx.Client(base_url=live_server.url) as first,
        httpx.Client(base_url=live_server.url) as second,
    ):
        assert log_in(first, a.owner_email).status_code == 303
        assert log_in(second, a.owner_email).status_code == 303
        second_page = second.get("/app/review")
        assert second_page.status_code == 200
        old_first = dict(first.cookies)
        nav = first.get("/app").text
        assert 'href="/app/password"' in nav and "Passwort ändern" in nav
        changed = _change(first, PASSWORD)
        assert changed.status_code == 303, changed.text
        assert changed.headers["location"] == "/app/password?changed=1"
        assert "frontdesk_session=" in changed.headers["set-cookie"]
        done = first.get(changed.headers["location"])
        assert done.status_code == 200 and "Ihr Passwort wurde geändert" in done.text
        assert first.get("/app/review").status_code == 200  # the refreshed cookie works
        _refused(second)
        again = second.post(
            "/app/password",
            data={
                "current_password": NEW_PASSWORD,
                "new_password": "drittes-Pferd-44",
                "new_password_repeat": "drittes-Pferd-44",
                "csrf_token": csrf_of(second_page.text),
            },
        )
        assert again.status_code == 303 and again.headers["location"].startswith("/app/login")
    with httpx.Client(base_url=live_server.url, cookies=old_first) as copy:
        _refused(copy)  # the first's cookie from before the change
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.owner_email, PASSWORD).status_code == 401
        assert log_in(client, a.owner_email, NEW_PASSWORD).status_code == 303
        assert client.get("/app/review").status_code == 200


def test_a_wrong_current_password_or_a_bad_new_one_changes_nothing(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    with (
        httpx.Client(base_url=live_server.url) as client,
        httpx.Client(base_url=live_server.url) as other,
    ):
        assert log_in(client, a.staff_email).status_code == 303
        assert log_in(other, a.staff_email).status_code == 303
        for current, new, repeat, message in (
            ("falsches-passwort-123", NEW_PASSWORD, None, "Das aktuelle Passwort ist falsch."),
            (PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "stimmen nicht überein"),
            (PASSWORD, "kurz", None, "mindestens 12 Zeichen"),
        ):
            response = _change(client, current, new, repeat)
            assert response.status_code == 400, response.text
            assert message in response.text and 'name="current_password"' in response.text
        assert client.get("/app/review").status_code == 200
        assert other.get("/app/review").status_code == 200  # no session ended
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.staff_email, NEW_PASSWORD).status_code == 401
        assert log_in(client, a.staff_email, PASSWORD).status_code == 303


def test_guessing_the_current_password_locks_the_account(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    """A stolen cookie cannot try passwords through the form faster than through the login."""
    a, _ = practices
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.staff_email).status_code == 303
        codes = [_change(client, f"geraten-{n}-passwort").status_code for n in range(6)]
        assert codes == [400] * 5 + [429]
        assert _change(client, PASSWORD).status_code == 429  # even the right one, while locked
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.staff_email, PASSWORD).status_code == 429
        assert log_in(client, a.staff_email, NEW_PASSWORD).status_code == 429


def test_the_password_change_needs_the_csrf_token(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    fields = {
        "current_password": PASSWORD,
        "new_password": NEW_PASSWORD,
        "new_password_repeat": NEW_PASSWORD,
    }
    with (
        httpx.Client(base_url=live_server.url) as client,
        httpx.Client(base_url=live_server.url) as other,
    ):
        assert log_in(client, a.owner_email).status_code == 303
        assert log_in(other, a.owner_email).status_code == 303
        assert client.post("/app/password", data=fields).status_code == 403
        forged = client.post("/app/password", data={**fields, "csrf_token": "x" * 43})
        assert forged.status_code == 403
        assert client.get("/app/review").status_code == 200
        assert other.get("/app/review").status_code == 200
    with httpx.Client(base_url=live_server.url) as anonymous:
        assert anonymous.get("/app/password").status_code == 303  # the page needs a login
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.owner_email, NEW_PASSWORD).status_code == 401
        assert log_in(client, a.owner_email, PASSWORD).status_code == 303
