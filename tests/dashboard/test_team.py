"""Team: owners invite, change roles, deactivate and unlock; the lock-out says how long and
answers alike for known and unknown e-mails."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from tests.conftest import LiveServer
from tests.dashboard.conftest import csrf_of, log_in, token
from tests.dashboard.seed import PASSWORD, Seeded

LINK = re.compile(r'value="(https?://[^"]+/app/invite/[^"]+)"')
ERROR = re.compile(r'<p class="error" role="alert">([^<]+)</p>')
CLOCK = re.compile(r"\d\d:\d\d")


def _invite(owner: httpx.Client, email: str, role: str = "staff") -> httpx.Response:
    return owner.post(
        "/app/team/invite", data={"email": email, "role": role, "csrf_token": token(owner)}
    )


def _user_id(owner: httpx.Client, email: str) -> str:
    page = owner.get("/app/team").text
    match = re.search(rf'data-user="{re.escape(email)}".*?/app/team/(\d+)/', page, re.S)
    assert match, page
    return match.group(1)


def test_an_owner_invites_and_the_invitee_sets_a_password_and_logs_in(
    live_server: LiveServer,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    owner = login_as(a.owner_email)
    invited = _invite(owner, "neu@praxis.test")
    assert invited.status_code == 200 and "ist eingeladen" in invited.text
    link = LINK.search(invited.text)
    assert link, invited.text
    path = "/app/invite/" + link.group(1).rsplit("/", 1)[1]
    assert "eingeladen" in owner.get("/app/team").text
    with httpx.Client(base_url=live_server.url) as invitee:
        form = invitee.get(path)
        assert form.status_code == 200 and "neu@praxis.test" in form.text
        data = {"new_password": "kurz", "new_password_repeat": "kurz"}
        short = invitee.post(path, data=data | {"csrf_token": csrf_of(form.text)})
        assert short.status_code == 400 and "mindestens 12 Zeichen" in short.text
        chosen = "mein-eigenes-passwort"
        data = {"new_password": chosen, "new_password_repeat": chosen}
        done = invitee.post(path, data=data | {"csrf_token": csrf_of(form.text)})
        assert done.status_code == 303 and done.headers["location"] == "/app"
        assert invitee.get("/app/review").status_code == 200
        again = invitee.get(path)
        assert again.status_code == 404 and "ungültig, abgelaufen" in again.text
    with httpx.Client(base_url=live_server.url) as fresh:
        assert log_in(fresh, "neu@praxis.test", "mein-eigenes-passwort").status_code == 303
    taken = _invite(owner, a.staff_email)
    assert taken.status_code == 400 and "kann nicht eingeladen werden" in taken.text


def test_staff_cannot_manage_the_team(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    staff = login_as(a.staff_email)
    assert 'href="/app/team"' not in staff.get("/app").text
    assert staff.get("/app/team").status_code == 403
    refused = _invite(staff, "neu@praxis.test")
    assert refused.status_code == 403 and "Nur Inhaberinnen und Inhaber" in refused.text


def test_deactivating_ends_the_users_sessions_and_refuses_the_login(
    live_server: LiveServer,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    owner = login_as(a.owner_email)
    staff = login_as(a.staff_email)
    staff_id = _user_id(owner, a.staff_email)
    done = owner.post(f"/app/team/{staff_id}/deactivate", data={"csrf_token": token(owner)})
    assert done.status_code == 303
    assert "Das Konto ist deaktiviert" in owner.get(done.headers["location"]).text
    assert staff.get("/app/review").status_code == 303  # the open session ended
    with httpx.Client(base_url=live_server.url) as client:
        refused = log_in(client, a.staff_email)
        assert refused.status_code == 403 and "deaktiviert" in refused.text
    owner.post(f"/app/team/{staff_id}/reactivate", data={"csrf_token": token(owner)})
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.staff_email).status_code == 303


def test_an_owner_cannot_reach_another_practices_users_or_drop_the_last_owner(
    practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, b = practices
    owner_a = login_as(a.owner_email)
    owner_b = login_as(b.owner_email)
    theirs = _user_id(owner_b, b.staff_email)
    for action in ("deactivate", "unlock", "reactivate", "reinvite"):
        response = owner_a.post(f"/app/team/{theirs}/{action}", data={"csrf_token": token(owner_a)})
        assert response.status_code == 404, action
    response = owner_a.post(
        f"/app/team/{theirs}/role", data={"role": "owner", "csrf_token": token(owner_a)}
    )
    assert response.status_code == 404
    assert b.staff_email not in owner_a.get("/app/team").text
    mine = _user_id(owner_a, a.staff_email)
    owner_a.post(f"/app/team/{mine}/role", data={"role": "owner", "csrf_token": token(owner_a)})
    owner_a.post(f"/app/team/{mine}/role", data={"role": "staff", "csrf_token": token(owner_a)})
    page = owner_a.get("/app/team").text
    assert re.search(rf'data-user="{re.escape(a.staff_email)}".*?selected>Mitarbeiter', page, re.S)


def test_the_lock_out_says_how_long_and_reads_alike_for_unknown_e_mails(
    live_server: LiveServer,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    answers: dict[str, list[tuple[int, str]]] = {}
    with httpx.Client(base_url=live_server.url) as client:
        for email in (a.staff_email, "niemand@nirgends.test"):
            replies = [log_in(client, email, "falsches-passwort-1") for _ in range(6)]
            answers[email] = [
                (r.status_code, CLOCK.sub("HH:MM", ERROR.search(r.text).group(1)))  # type: ignore[union-attr]
                for r in replies
            ]
    known, unknown = answers[a.staff_email], answers["niemand@nirgends.test"]
    assert known == unknown
    assert [status for status, _ in known] == [401] * 5 + [429]
    assert "für 15 Minuten gesperrt (bis HH:MM Uhr)" in known[-1][1]
    owner = login_as(a.owner_email)
    page = owner.get("/app/team").text
    assert "gesperrt bis" in page
    staff_id = _user_id(owner, a.staff_email)
    owner.post(f"/app/team/{staff_id}/unlock", data={"csrf_token": token(owner)})
    with httpx.Client(base_url=live_server.url) as client:
        assert log_in(client, a.staff_email, PASSWORD).status_code == 303
