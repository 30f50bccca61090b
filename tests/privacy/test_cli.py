"""`frontdesk privacy export|erase|purge` over a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from frontdesk import cli
from frontdesk.cli import privacy as privacy_cli
from frontdesk.db.core import Database
from frontdesk.identity.models import Customer
from frontdesk.privacy.erasure import ERASED_STATUS
from tests.dashboard.seed import Seeded
from tests.privacy.conftest import dump, tables_with_traces
from tests.privacy.seed import EMAIL, Person

World = tuple[Seeded, Seeded, Person]
OTHER = "Zahnarzt Regenbogen"  # practice B of the dashboard seed


@pytest.fixture(autouse=True)
def _test_database(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(privacy_cli, "database", lambda: database)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli.app, ["privacy", *args], input=stdin)


def test_export_to_stdout_and_to_a_file(world: World, tmp_path: Path) -> None:
    _a, _b, person = world
    result = run("export", "--customer", str(person.person_id))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["customer"]["email"] == EMAIL and len(document["calls"]) == 1
    out = tmp_path / "export.json"
    result = run("export", "--customer", str(person.folded_id), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["customer"]["id"] == person.person_id


def test_erase_asks_unless_told_yes(database: Database, world: World) -> None:
    _a, _b, person = world
    refused = run("erase", "--customer", str(person.person_id), stdin="n\n")
    assert refused.exit_code == 1
    assert tables_with_traces(dump(database))
    result = run("erase", "--customer", str(person.person_id), "--actor", "DSB", "--yes")
    assert result.exit_code == 0, result.output
    assert "erased: customer" in result.stdout
    assert tables_with_traces(dump(database)) == {}
    again = run("erase", "--customer", str(person.person_id), "--yes")
    assert again.exit_code == 0 and "already erased" in again.stdout


def test_a_customer_of_another_company_is_refused(database: Database, world: World) -> None:
    _a, _b, person = world
    for command in ("export", "erase"):
        extra = ["--yes"] if command == "erase" else []
        result = run(command, "--customer", str(person.person_id), "--company", OTHER, *extra)
        assert result.exit_code == 1
        assert "no customer" in result.stderr
    with database.sessions() as session:
        customer = session.get(Customer, person.person_id)
        assert customer is not None and customer.status != ERASED_STATUS
    assert run("export", "--customer", "999999").exit_code == 1


def test_purge_dry_run_and_json(world: World) -> None:
    result = run("purge", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dry_run"] is True and set(report["totals"]) == {"calls", "messages", "events"}
    result = run("purge")
    assert result.exit_code == 0 and result.stdout.startswith("purged:")
