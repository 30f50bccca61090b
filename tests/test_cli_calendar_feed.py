"""`frontdesk calendar feed create|list|revoke`: the commands over a real database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner, Result

from frontdesk import cli
from frontdesk.cli import calendar as calendar_cli
from frontdesk.db.core import Database
from frontdesk.scheduling import lookup
from frontdesk.scheduling.calendar_feed import feed_for_token
from frontdesk.scheduling.models import CalendarFeed
from frontdesk.settings import get_settings
from tests.scheduling.conftest import PRACTICE, load_text

BASE_URL = "https://praxis.example"
OURS, THEIRS = "Testpraxis", "Nachbarpraxis"


@dataclass
class Companies:
    ours: int
    theirs: int
    sommer: int  # a staff member of ours
    their_sommer: int


@pytest.fixture
def companies(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Companies]:
    """Two practices; the commands use the test database and a public base URL."""
    with database.unit_of_work() as session:
        ours = load_text(session, PRACTICE).company_id
        other = PRACTICE.replace(OURS, THEIRS).replace("+4930555000111", "+4930555000222")
        theirs = load_text(session, other).company_id
        found = Companies(
            ours=ours,
            theirs=theirs,
            sommer=lookup.get_staff_or_raise(session=session, company_id=ours, staff="sommer").id,
            their_sommer=lookup.get_staff_or_raise(
                session=session, company_id=theirs, staff="sommer"
            ).id,
        )
    monkeypatch.setattr(calendar_cli, "database", lambda: database)
    monkeypatch.setenv("FRONTDESK_PUBLIC_BASE_URL", BASE_URL + "/")
    get_settings.cache_clear()
    yield found
    get_settings.cache_clear()


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.app, ["calendar", "feed", *args])


def create(*args: str) -> dict[str, object]:
    result = run("create", "--json", *args)
    assert result.exit_code == 0, result.output
    row: dict[str, object] = json.loads(result.stdout)
    return row


def listed(company: str = OURS) -> list[dict[str, object]]:
    result = run("list", "--company", company, "--json")
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_create_prints_path_and_url_and_keeps_the_live_feed(
    database: Database, companies: Companies
) -> None:
    text = run("create", "--company", OURS)
    assert text.exit_code == 0, text.output
    with database.sessions() as session:
        feed = session.query(CalendarFeed).one()
        token = feed.token
        assert feed_for_token(session, token) is not None
    assert f"path: /calendar/{token}.ics" in text.stdout
    assert f"url:  {BASE_URL}/calendar/{token}.ics" in text.stdout
    assert "whole practice" in text.stdout and "(new)" in text.stdout
    again = create("--company", OURS)
    assert again["token"] == token and again["created"] is False
    assert again["path"] == f"/calendar/{token}.ics"
    assert again["url"] == f"{BASE_URL}/calendar/{token}.ics"
    assert again["staff"] is None and again["company"] == OURS


def test_create_for_a_staff_member_by_id_key_or_name(companies: Companies) -> None:
    by_id = create("--company", OURS, "--staff", str(companies.sommer))
    assert by_id["staff_id"] == companies.sommer and by_id["staff"] == "Dr. Anna Sommer"
    assert by_id["created"] is True
    assert create("--company", OURS, "--staff", "sommer")["id"] == by_id["id"]
    assert create("--company", OURS, "--staff", "Anna Sommer")["id"] == by_id["id"]
    whole = create("--company", OURS)
    assert whole["id"] != by_id["id"] and whole["staff"] is None


def test_new_revokes_the_live_token_and_makes_another(
    database: Database, companies: Companies
) -> None:
    old = create("--company", OURS)
    new = create("--company", OURS, "--new")
    assert new["created"] is True and new["token"] != old["token"]
    with database.sessions() as session:
        assert feed_for_token(session, str(old["token"])) is None
        assert feed_for_token(session, str(new["token"])) is not None
    assert [row["revoked_at"] is not None for row in listed()] == [True, False]


def test_list_never_prints_a_whole_token(companies: Companies) -> None:
    whole = create("--company", OURS)
    staff = create("--company", OURS, "--staff", "sommer")
    rows = listed()
    assert [(r["id"], r["staff"], r["revoked_at"]) for r in rows] == [
        (whole["id"], None, None),
        (staff["id"], "Dr. Anna Sommer", None),
    ]
    assert rows[0]["token_prefix"] == str(whole["token"])[:6]
    assert all(set(r) == {"id", "staff_id", "staff", "created_at", "revoked_at", "token_prefix"}
               for r in rows)  # fmt: skip
    table = run("list", "--company", OURS)
    assert table.exit_code == 0, table.output
    assert "whole practice" in table.stdout and "Dr. Anna Sommer" in table.stdout
    assert str(whole["token"])[:6] in table.stdout
    for row in (whole, staff):
        assert str(row["token"]) not in table.stdout + json.dumps(rows)
        assert str(row["token"])[:12] not in table.stdout


def test_revoke_by_id_token_or_url_then_refuses_again(
    database: Database, companies: Companies
) -> None:
    for how in ("id", "token", "url"):
        feed = create("--company", OURS, "--new")
        ref = {"id": str(feed["id"]), "token": str(feed["token"]), "url": str(feed["url"])}[how]
        result = run("revoke", ref, "--company", OURS)
        assert result.exit_code == 0, (how, result.output)
        assert f"calendar feed {feed['id']} of 'Testpraxis' revoked" in result.stdout
        with database.sessions() as session:
            assert feed_for_token(session, str(feed["token"])) is None
        again = run("revoke", ref, "--company", OURS)
        assert again.exit_code == 1
        assert "already revoked" in again.stderr


def test_unknown_feed_or_company_is_an_error(companies: Companies) -> None:
    for ref in ("999", "x" * 43):
        result = run("revoke", ref, "--company", OURS)
        assert result.exit_code == 1 and "no calendar feed" in result.stderr
    for args in (["list"], ["create"], ["revoke", "1"]):
        result = run(*args, "--company", "Niemandspraxis")
        assert result.exit_code == 1 and "no company named" in result.stderr
    result = run("create", "--company", OURS, "--staff", "Dr. Niemand")
    assert result.exit_code == 1 and "no staff member" in result.stderr


def test_a_company_never_lists_nor_revokes_another_companys_feeds(
    database: Database, companies: Companies
) -> None:
    theirs = create("--company", THEIRS)
    their_staff = create("--company", THEIRS, "--staff", str(companies.their_sommer))
    ours = create("--company", OURS)
    assert [r["id"] for r in listed(OURS)] == [ours["id"]]
    table = run("list", "--company", OURS).stdout
    for feed in (theirs, their_staff):
        assert str(feed["token"])[:6] not in table
        for ref in (str(feed["id"]), str(feed["token"]), str(feed["url"])):
            result = run("revoke", ref, "--company", OURS)
            assert result.exit_code == 1, ref
            assert "no calendar feed" in result.stderr
    refused = run("create", "--company", OURS, "--staff", str(companies.their_sommer))
    assert refused.exit_code == 1 and "no staff member" in refused.stderr
    with database.sessions() as session:
        for feed in (theirs, their_staff):
            assert feed_for_token(session, str(feed["token"])) is not None
    assert [r["revoked_at"] for r in listed(THEIRS)] == [None, None]
