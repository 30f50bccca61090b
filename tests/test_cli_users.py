"""`frontdesk users create|set-password`: the commands over a real database."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner, Result

from frontdesk import cli
from frontdesk.accounts import service as accounts_service
from frontdesk.cli import users as users_cli
from frontdesk.db.core import Database
from frontdesk.tenancy import service as tenancy_service

OURS, THEIRS = "Testpraxis", "Nachbarpraxis"
EMAIL, THEIR_EMAIL = "empfang@testpraxis.de", "empfang@nachbarpraxis.de"
PASSWORD = "altes-passwort-123"
SHOWN_ONCE = re.compile(r"password \(shown once\): (\S+)")


@pytest.fixture
def users(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Two practices with one user each; the commands use the test database."""
    with database.unit_of_work() as session:
        for name, email in ((OURS, EMAIL), (THEIRS, THEIR_EMAIL)):
            company = tenancy_service.create(session=session, name=name)
            accounts_service.create_user(
                session=session, company_id=company.id, email=email, role="staff", password=PASSWORD
            )
    monkeypatch.setattr(users_cli, "database", lambda: database)
    yield


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli.app, ["users", *args], input=stdin)


def logs_in(database: Database, email: str, password: str) -> bool:
    with database.unit_of_work() as session:
        user = accounts_service.authenticate(session=session, email=email, password=password)
        return user is not None


def version(database: Database, email: str) -> int:
    with database.sessions() as session:
        user = accounts_service.get_by_email(session=session, email=email)
        assert user is not None
        return user.session_version


def test_create_prints_a_generated_password_once(database: Database, users: None) -> None:
    result = run("create", "--company", OURS, "--email", "neu@testpraxis.de")
    assert result.exit_code == 0, result.output
    shown = SHOWN_ONCE.findall(result.stdout)
    assert len(shown) == 1 and len(shown[0]) >= 20
    assert logs_in(database, "neu@testpraxis.de", shown[0])


def test_set_password_generates_one_prints_it_once_and_ends_every_session(
    database: Database, users: None
) -> None:
    before = version(database, EMAIL)
    result = run("set-password", EMAIL.upper(), "--company", OURS)
    assert result.exit_code == 0, result.output
    assert f"password of {EMAIL} of 'Testpraxis' set" in result.stdout
    shown = SHOWN_ONCE.findall(result.stdout)
    assert len(shown) == 1 and len(shown[0]) >= 20
    assert version(database, EMAIL) == before + 1
    assert logs_in(database, EMAIL, shown[0])
    assert not logs_in(database, EMAIL, PASSWORD)
    assert logs_in(database, THEIR_EMAIL, PASSWORD)  # the other practice's user is untouched


def test_set_password_reads_the_password_from_stdin(database: Database, users: None) -> None:
    result = run(
        "set-password", EMAIL, "--company", OURS, "--password-stdin", stdin="eigenes-passwort-9\n"
    )
    assert result.exit_code == 0, result.output
    assert "shown once" not in result.stdout and "eigenes-passwort-9" not in result.stdout
    assert logs_in(database, EMAIL, "eigenes-passwort-9")
    short = run("set-password", EMAIL, "--company", OURS, "--password-stdin", stdin="kurz\n")
    assert short.exit_code == 1 and "at least 12 characters" in short.stderr
    assert logs_in(database, EMAIL, "eigenes-passwort-9")


def test_set_password_for_an_unknown_user_or_company_is_an_error(
    database: Database, users: None
) -> None:
    before = version(database, THEIR_EMAIL)
    unknown_company = run("set-password", EMAIL, "--company", "Niemandspraxis")
    assert unknown_company.exit_code == 1
    assert "no company named 'Niemandspraxis'" in unknown_company.stderr
    for email in ("niemand@testpraxis.de", THEIR_EMAIL):  # another practice's user is unknown
        result = run("set-password", email, "--company", OURS)
        assert result.exit_code == 1, email
        assert f"no user '{email}' of 'Testpraxis'" in result.stderr
        assert "shown once" not in result.stdout
    assert version(database, THEIR_EMAIL) == before
    assert logs_in(database, THEIR_EMAIL, PASSWORD)


def lock_out(database: Database, email: str) -> None:
    for _ in range(5):
        logs_in(database, email, "falsches-passwort-1")
    with pytest.raises(accounts_service.AccountLocked):
        logs_in(database, email, PASSWORD)


def test_reset_password_prints_a_new_one_once_and_lifts_the_lock_out(
    database: Database, users: None
) -> None:
    lock_out(database, EMAIL)
    before = version(database, EMAIL)
    result = run("reset-password", EMAIL, "--company", OURS)
    assert result.exit_code == 0, result.output
    shown = SHOWN_ONCE.findall(result.stdout)
    assert len(shown) == 1 and len(shown[0]) >= 20
    assert version(database, EMAIL) == before + 1
    assert logs_in(database, EMAIL, shown[0])
    refused = run("reset-password", THEIR_EMAIL, "--company", OURS)
    assert refused.exit_code == 1 and "shown once" not in refused.stdout


def test_unlock_lifts_the_lock_out_and_keeps_the_password(database: Database, users: None) -> None:
    lock_out(database, EMAIL)
    lock_out(database, THEIR_EMAIL)
    result = run("unlock", EMAIL, "--company", OURS)
    assert result.exit_code == 0, result.output
    assert logs_in(database, EMAIL, PASSWORD)
    other = run("unlock", THEIR_EMAIL, "--company", OURS)  # another practice's user is unknown
    assert other.exit_code == 1 and f"no user '{THEIR_EMAIL}'" in other.stderr
    with pytest.raises(accounts_service.AccountLocked):
        logs_in(database, THEIR_EMAIL, PASSWORD)


def test_list_shows_roles_and_states(database: Database, users: None) -> None:
    lock_out(database, EMAIL)
    result = run("list", "--company", OURS)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"{EMAIL}\tstaff\tactive,locked"]
