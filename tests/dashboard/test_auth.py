"""Login, sessions, CSRF, lock-out, logout."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.conftest import LiveServer
from tests.dashboard.conftest import csrf_of, log_in, token
from tests.dashboard.seed import Seeded


def test_pages_need_a_login(live_server: LiveServer, practices: tuple[Seeded, Seeded]) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        for path in ("/app", "/app/review", "/app/calls/1", "/app/calls/export.csv"):
            response = client.get(path)
            assert response.status_code == 303
            assert response.headers["location"].startswith("/app/login?next=")
        fragment = client.get("/app/fragments/nav", headers={"HX-Request": "true"})
        assert fragment.status_code == 204
        assert fragment.headers["HX-Redirect"].startswith("/app/login")


def test_login_sets_a_signed_httponly_lax_cookie_and_logout_ends_it(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    with httpx.Client(base_url=live_server.url) as client:
        response = log_in(client, a.owner_email)
        assert response.status_code == 303
        assert response.headers["location"] == "/app"
        cookie = response.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "path=/app" in cookie
        page = client.get("/app")
        assert page.status_code == 200 and "Praxis Sonnenschein" in page.text
        out = client.post("/app/logout", data={"csrf_token": csrf_of(page.text)})
        assert out.status_code == 303
        assert client.get("/app").status_code == 303


def test_wrong_password_is_refused_and_repeated_failures_lock_the_account(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    with httpx.Client(base_url=live_server.url) as client:
        unknown = log_in(client, "nobody@nowhere.test", "irgendein-passwort")
        assert unknown.status_code == 401
        for _ in range(5):
            assert log_in(client, a.staff_email, "falsches-passwort-123").status_code == 401
        locked = log_in(client, a.staff_email)  # even the right password, while locked
        assert locked.status_code == 429
        assert "gesperrt" in locked.text


def test_every_post_needs_the_csrf_token(
    live_server: LiveServer,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    path = f"/app/review/{a.review_item_id}/note"
    assert client.post(path, data={"text": "ohne Token"}).status_code == 403
    assert client.post(path, data={"text": "falsch", "csrf_token": "x" * 43}).status_code == 403
    header = client.post(
        path, data={"text": "per Kopfzeile"}, headers={"X-CSRF-Token": token(client)}
    )
    assert header.status_code == 303
    with httpx.Client(base_url=live_server.url) as anonymous:
        refused = anonymous.post("/app/login", data={"email": a.owner_email, "password": "x"})
        assert refused.status_code == 403


def test_open_redirect_after_login_is_refused(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    with httpx.Client(base_url=live_server.url) as client:
        page = client.get("/app/login", params={"next": "//evil.test/x"})
        response = client.post(
            "/app/login",
            data={
                "email": a.owner_email,
                "password": "richtig-Pferd-Batterie-42",
                "csrf_token": csrf_of(page.text),
                "next": "//evil.test/x",
            },
        )
        assert response.headers["location"] == "/app"


def test_dashboard_responses_carry_browser_security_headers(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        for response in (client.get("/app/login"), client.get("/app")):
            headers = response.headers
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
            assert "script-src 'self'" in headers["content-security-policy"]
            assert headers["x-frame-options"] == "DENY"
            assert headers["x-content-type-options"] == "nosniff"
        # The provider-facing API is no page: no page headers there.
        assert "content-security-policy" not in client.get("/healthz").headers


def test_api_docs_are_off_unless_configured(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert client.get(path).status_code == 404


def test_logout_ends_every_copy_of_the_session(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    """A cookie copied before logout used to open the pages for up to 12 hours."""
    a, _ = practices
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.owner_email).status_code == 303
        page = client.get("/app")
        copied = dict(client.cookies)
        assert (
            client.post("/app/logout", data={"csrf_token": csrf_of(page.text)}).status_code == 303
        )
    with httpx.Client(base_url=live_server.url, cookies=copied) as thief:
        stolen = thief.get("/app/review")
        assert stolen.status_code == 303
        assert stolen.headers["location"].startswith("/app/login")
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.owner_email).status_code == 303
        assert client.get("/app/review").status_code == 200  # a new login works again


def test_the_lock_out_does_not_tell_which_e_mails_have_an_account(
    live_server: LiveServer, practices: tuple[Seeded, Seeded]
) -> None:
    """A known e-mail answered 429 after five failures and an unknown one always 401: the
    lock-out told an attacker which accounts exist. Both now answer alike."""
    a, _ = practices
    with httpx.Client(base_url=live_server.url) as client:
        answers = {}
        for email in (a.staff_email, "nobody@nowhere.test"):
            codes = [log_in(client, email, "falsches-passwort-123").status_code for _ in range(6)]
            answers[email] = codes
        assert answers[a.staff_email] == answers["nobody@nowhere.test"] == [401] * 5 + [429]
