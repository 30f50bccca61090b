"""`frontdesk experiments create|list|stop|report` over a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from frontdesk import cli
from frontdesk.cli import experiments as experiments_cli
from frontdesk.db.core import Database
from frontdesk.experiments import stats
from tests.experiments.helpers import COMPANY, seed_company


@pytest.fixture
def company(database: Database, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(experiments_cli, "database", lambda: database)
    return seed_company(database)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.app, ["experiments", *args])


def test_create_with_options_and_a_computed_plan(company: int) -> None:
    result = run(
        "create", "--company", COMPANY, "--name", "Begrüßung", "--metric", "caller_identified",
        "--variant", "A", "--variant", "B:3",
        "--greeting", "B=Schön, dass Sie anrufen", "--name-question", "B=Wie heißen Sie?",
        "--agent-version", "B=4",
        "--baseline", "0.4", "--min-detectable-effect", "0.2", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["planned_per_variant"] == stats.sample_size(0.4, 0.6) == 145
    assert data["status"] == "running"
    a, b = data["variants"]
    assert (a["name"], a["weight"], a["greeting"]) == ("A", 1.0, None)
    assert (b["name"], b["weight"], b["greeting"]) == ("B", 3.0, "Schön, dass Sie anrufen")
    assert (b["name_question"], b["override_agent_version"]) == ("Wie heißen Sie?", 4)


def test_create_from_a_yaml_file_list_report_stop(company: int, tmp_path: Path) -> None:
    spec = tmp_path / "versuch.yaml"
    spec.write_text(
        "name: Namensfrage\nmetric: name_before_second_turn\nplanned_per_variant: 50\n"
        "variants:\n"
        "  - {name: A, greeting: Guten Tag}\n"
        "  - {name: B, greeting: Hallo, name_question: 'Mit wem habe ich das Vergnügen?'}\n",
        encoding="utf-8",
    )
    assert run("create", "--company", COMPANY, "--file", str(spec)).exit_code == 0
    listed = json.loads(run("list", "--company", COMPANY, "--json").stdout)
    assert [(e["name"], e["status"], e["planned_per_variant"]) for e in listed] == [
        ("Namensfrage", "running", 50)
    ]
    report = json.loads(run("report", "Namensfrage", "--company", COMPANY, "--json").stdout)
    assert report["reached"] is False
    assert report["verdict"]["text"] == (
        "Noch keine Aussage: geplant sind 50 Anrufe je Variante, bisher 0."
    )
    text = run("report", "Namensfrage", "--company", COMPANY)
    assert text.exit_code == 0 and "Noch keine Aussage" in text.stdout
    assert "Variante" in text.stdout
    assert run("stop", "Namensfrage", "--company", COMPANY).exit_code == 0
    listed = json.loads(run("list", "--company", COMPANY, "--json").stdout)
    assert listed[0]["status"] == "stopped" and listed[0]["stopped_at"]
    table = run("list", "--company", COMPANY)
    assert "Namensfrage" in table.stdout and "stopped" in table.stdout


def test_one_running_experiment_per_company(company: int) -> None:
    base = ["create", "--company", COMPANY, "--metric", "appointment_booked",
            "--variant", "A", "--variant", "B", "--planned-per-variant", "100"]  # fmt: skip
    assert run(*base, "--name", "eins").exit_code == 0
    second = run(*base, "--name", "zwei")
    assert second.exit_code == 1
    assert "still running" in second.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--metric", "happiness", "--variant", "A", "--variant", "B",
          "--planned-per-variant", "100"], "unknown metric"),
        (["--metric", "appointment_booked", "--variant", "A", "--variant", "B"],
         "--baseline and --min-detectable-effect"),
        (["--metric", "appointment_booked", "--variant", "A", "--planned-per-variant", "100"],
         "at least two variants"),
        (["--metric", "appointment_booked", "--variant", "A", "--variant", "B",
          "--greeting", "C=Hallo", "--planned-per-variant", "100"], "VARIANT=VALUE"),
        (["--metric", "appointment_booked", "--variant", "A", "--variant", "B:x",
          "--planned-per-variant", "100"], "must be a number"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_reason(company: int, args: list[str], message: str) -> None:
    result = run("create", "--company", COMPANY, "--name", "x", *args)
    assert result.exit_code != 0
    assert message in result.output


def test_unknown_experiment_or_company(company: int) -> None:
    assert "no experiment named" in run("report", "nix", "--company", COMPANY).output
    assert "no company named" in run("list", "--company", "Niemand").output
