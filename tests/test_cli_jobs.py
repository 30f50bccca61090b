"""`frontdesk jobs`, `frontdesk messages` and `calls show --json` over a real database."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from frontdesk import cli
from frontdesk.calls.models import Call
from frontdesk.cli import calls as calls_cli
from frontdesk.cli import jobs as jobs_cli
from frontdesk.cli import messages as messages_cli
from frontdesk.db.core import Database
from frontdesk.jobs.models import Job
from frontdesk.sms.twilio.local_server import LocalTwilio
from tests.conversations.helpers import MOBILE, Loop, book_call, load_practice, local_twilio


@pytest.fixture
def loop(database: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Loop]:
    for module in (calls_cli, jobs_cli, messages_cli):
        monkeypatch.setattr(module, "database", lambda: database)
    twilio: LocalTwilio
    with local_twilio() as twilio:
        yield Loop(database=database, practice=load_practice(database), twilio=twilio)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.app, list(args))


def test_jobs_list_and_messages_list_show_what_happened(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        book_call(session, loop.practice)
    loop.run_due()
    jobs = json.loads(run("jobs", "list", "--json").stdout)
    kinds = {j["kind"]: j for j in jobs}
    assert kinds["appointment.changed"]["status"] == "done"
    assert kinds["appointment.changed"]["result"]["sms"] == "sent"
    assert kinds["sms.reminder"]["status"] == "pending"
    assert json.loads(run("jobs", "list", "--failed", "--json").stdout) == []
    messages = json.loads(run("messages", "list", "--json").stdout)
    assert [(m["direction"], m["number"], m["status"]) for m in messages] == [
        ("outbound", MOBILE, "queued")
    ]


def test_calls_show_json_has_messages_and_enrichment(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        call_id = book_call(session, loop.practice).call_id
        provider_call_id = session.get(Call, call_id).provider_call_id  # type: ignore[union-attr]
    loop.run_due()
    story = json.loads(run("calls", "show", provider_call_id, "--json").stdout)
    assert [m["purpose"] for m in story["messages"]] == ["confirmation"]
    assert story["messages"][0]["body"].startswith("Testpraxis")
    assert story["enrichment"] == []
    only_call = json.loads(run("messages", "list", "--call", provider_call_id, "--json").stdout)
    assert len(only_call) == 1
    assert run("messages", "list", "--call", "nope").exit_code == 1


def test_jobs_retry_revives_a_failed_job(loop: Loop) -> None:
    with loop.database.unit_of_work() as session:
        book_call(session, loop.practice)
        job = session.scalars(select(Job)).one()
        job.status, job.attempts = "failed", 6
        job_id = job.id
    result = run("jobs", "retry", str(job_id))
    assert result.exit_code == 0 and "pending" in result.stdout
    loop.run_due()
    assert json.loads(run("jobs", "list", "--failed", "--json").stdout) == []
    assert run("jobs", "retry", "999999").exit_code == 1
