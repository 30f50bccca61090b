"""A simulated day after the call: SMS confirmations, replies and reminders, with the worker
killed mid-run.

    python bench/sms_day.py [--calls 150] [--seed 7] [--json]

Everything runs for real on this machine: a fresh SQLite database, the app served on loopback,
the simulator playing calls into it exactly as Retell would, a local Twilio-compatible server
(`frontdesk.sms.twilio.local_server`) answering the real Twilio SDK, and `frontdesk worker`
as its own process. Phases:

1. the simulator plays `--calls` calls (bookings, pending ones for withheld numbers);
2. `frontdesk worker` sends the confirmations; it is killed with SIGKILL after a few SMS and
   restarted with `--burst`;
3. simulated patients answer by SMS, signed as Twilio signs: pending bookings reply with their
   name, some confirmed ones with JA, ABSAGEN or STOP;
4. the reminder jobs run, each at its own time (the clock jumps to the evening before), twice.

It then checks from the database and the Twilio server's log: every job done (0 lost), no
appointment with two confirmations or two reminders, every name reply linked (link method
sms_reply) and its booking confirmed, every ABSAGEN cancelled with no second note, and no SMS to
a number after its STOP. Quiet hours are off here (the run happens at any hour); tests cover
them with a controlled clock.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

import frontdesk.tables
from frontdesk.calls.models import Call, CallEvent
from frontdesk.cli.common import DEMO_COMPANY as COMPANY
from frontdesk.cli.common import DEMO_NUMBER as NUMBER
from frontdesk.conversations import work
from frontdesk.conversations.sms import SmsSetup
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.jobs.models import DONE, Job
from frontdesk.jobs.runner import run_one
from frontdesk.messaging.models import Message, SmsOptOut
from frontdesk.scheduling.models import Appointment
from frontdesk.settings import Settings
from frontdesk.simulator import demo as sim_demo
from frontdesk.simulator.local import demo_key, serve_locally
from frontdesk.simulator.player import Outcome
from frontdesk.sms.twilio.gateway import TwilioGateway
from frontdesk.sms.twilio.local_server import LocalTwilio, incoming_sms_params, signed_form_post

FROM_NUMBER = "+4930120045679"  # the practice's SMS number


@dataclass
class Figures:
    calls: int = 0
    bookings: int = 0
    worker_killed_after_sms: int = 0
    jobs: int = 0
    jobs_lost: int = 0
    confirmations_sent: int = 0
    confirmations_twice: int = 0
    replies: Counter[str] = field(default_factory=Counter)
    named_linked_by_sms: int = 0
    named_confirmed: int = 0
    cancelled_by_sms: int = 0
    extra_cancel_notes: int = 0
    opted_out_numbers: int = 0
    sms_after_stop: int = 0
    reminders_sent: int = 0
    reminders_twice: int = 0
    unknown_after_kill: int = 0
    no_mobile_number: int = 0
    reply_outcomes: dict[str, int] = field(default_factory=dict)
    reply_events: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def settings_for(tmp: Path, key: str, twilio: LocalTwilio) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp / 'day.db'}",
        retell_api_key=key,
        queue_path=str(tmp / "queue.db"),
        job_lease_seconds=1,
        twilio_account_sid=twilio.account_sid,
        twilio_auth_token=twilio.auth_token,
        twilio_from_number=FROM_NUMBER,
        twilio_api_base_url=twilio.base_url,
        sms_quiet_hours="",
        log_level="WARNING",
        orphan_sweep_seconds=0,
    )


def worker_env(settings: Settings) -> dict[str, str]:
    fields = (
        "database_url",
        "queue_path",
        "job_lease_seconds",
        "twilio_account_sid",
        "twilio_auth_token",
        "twilio_from_number",
        "twilio_api_base_url",
        "sms_quiet_hours",
        "log_level",
    )
    values = {f"FRONTDESK_{name.upper()}": str(getattr(settings, name)) for name in fields}
    return {**os.environ, **values}


def frontdesk(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "frontdesk"), *args]


def play_calls(base: str, key: str, calls: int, seed: int) -> list[Outcome]:
    sim = sim_demo.Simulation(
        url=base,
        api_key=key,
        company=COMPANY,
        number=NUMBER,
        calls=calls,
        days=1,
        seed=seed,
        customers_file=sim_demo.example_file(sim_demo.DEMO_CUSTOMERS_FILE),
        practice_file=sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
    )
    return sim_demo.play(sim, sim_demo.plans(sim)).outcomes


def run_worker_with_a_kill(settings: Settings, twilio: LocalTwilio, figures: Figures) -> None:
    env = worker_env(settings)
    worker = subprocess.Popen(
        frontdesk("worker"), env=env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while len(twilio.requests) < 5 and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.01)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    figures.worker_killed_after_sms = len(twilio.requests)
    time.sleep(1.2)  # the killed worker's lease runs out
    subprocess.run(frontdesk("worker", "--burst"), env=env, check=True, stdout=subprocess.DEVNULL)


def reply(base: str, token: str, sid: str, sender: str, body: str) -> None:
    url = f"{base}/sms/twilio"
    headers, content = signed_form_post(
        url, incoming_sms_params(sid, sender, FROM_NUMBER, body), token
    )
    answer = httpx.post(url, headers=headers, content=content, timeout=10)
    answer.raise_for_status()


@dataclass(frozen=True)
class Conversation:
    number: str
    appointment_id: int
    pending: bool
    name: str | None  # the persona's real name (ground truth)


def conversations(database: Database, outcomes: list[Outcome]) -> list[Conversation]:
    by_call = {o.plan.call_id: o for o in outcomes}
    found = []
    with database.sessions() as session:
        rows = session.execute(
            select(Message, Appointment, Call)
            .join(Appointment, Appointment.id == Message.appointment_id)
            .join(Call, Call.id == Appointment.call_id)
            .where(Message.purpose == "confirmation")
        ).all()
        for message, appointment, call in rows:
            outcome = by_call.get(call.provider_call_id)
            person = outcome.plan.patient or outcome.plan.caller if outcome else None
            found.append(
                Conversation(
                    number=message.number,
                    appointment_id=appointment.id,
                    pending=appointment.status == "pending_confirmation",
                    name=person.full_name if person else None,
                )
            )
    return found


def answer_by_sms(
    base: str, twilio: LocalTwilio, talks: list[Conversation], seed: int, figures: Figures
) -> dict[str, list[Conversation]]:
    rng = random.Random(seed)
    chosen: dict[str, list[Conversation]] = {"name": [], "JA": [], "ABSAGEN": [], "STOP": []}
    seen_numbers: set[str] = set()
    for talk in talks:
        if talk.number in seen_numbers:
            continue  # one reply per number: a reply answers the number's latest message
        seen_numbers.add(talk.number)
        roll = rng.random()
        if talk.pending and talk.name:
            kind = "name"
        elif roll < 0.15:
            kind = "ABSAGEN"
        elif roll < 0.30:
            kind = "JA"
        elif roll < 0.38:
            kind = "STOP"
        else:
            continue
        body = talk.name if kind == "name" and talk.name else kind
        reply(base, twilio.auth_token, twilio.account_sid, talk.number, body)
        chosen[kind].append(talk)
        figures.replies[kind] += 1
    return chosen


def run_reminders(database: Database, twilio: LocalTwilio, rounds: int = 2) -> None:
    """Each reminder job at its own time: the clock jumps to the evening before."""
    now = {"at": datetime.now()}
    setup = SmsSetup(
        gateway=TwilioGateway(twilio.account_sid, twilio.auth_token, api_base_url=twilio.base_url),
        sender=FROM_NUMBER,
        quiet=None,
        clock=lambda: now["at"],
    )
    handlers = work.handlers(setup)
    for _ in range(rounds):
        with database.sessions() as session:
            due = session.execute(
                select(Job.id, Job.run_at).where(Job.kind == "sms.reminder").order_by(Job.run_at)
            ).all()
        for job_id, run_at in due:
            now["at"] = run_at
            run_one(database=database, job_id=job_id, handlers=handlers, clock=lambda: now["at"])


def check(
    database: Database, twilio: LocalTwilio, chosen: dict[str, list[Conversation]], figures: Figures
) -> None:
    posts = [r.form for r in twilio.requests if r.method == "POST"]
    with database.sessions() as session:
        jobs = session.scalars(select(Job)).all()
        figures.jobs = len(jobs)
        figures.jobs_lost = sum(1 for j in jobs if j.status != DONE)
        messages = session.scalars(select(Message).where(Message.direction == "outbound")).all()
        per_purpose = Counter(
            (m.purpose, m.appointment_id) for m in messages if m.status not in ("skipped",)
        )
        figures.confirmations_sent = sum(
            1 for (p, _), n in per_purpose.items() if p == "confirmation"
        )
        figures.reminders_sent = sum(1 for (p, _), n in per_purpose.items() if p == "reminder")
        figures.unknown_after_kill = sum(1 for m in messages if m.status == "unknown")
        bodies = Counter((p["To"], p["Body"]) for p in posts)
        figures.confirmations_twice = sum(
            1
            for (_, body), n in bodies.items()
            if n > 1 and "Termin" in body and "erinnern" not in body
        )
        figures.reminders_twice = sum(
            1 for (_, body), n in bodies.items() if n > 1 and "erinnern" in body
        )
        for talk in chosen["name"]:
            appointment = session.get(Appointment, talk.appointment_id)
            call = session.get(Call, appointment.call_id) if appointment else None
            if call is not None and call.link_method == "sms_reply":
                figures.named_linked_by_sms += 1
            if appointment is not None and appointment.status == "confirmed":
                figures.named_confirmed += 1
        inbound = session.scalars(select(Message).where(Message.direction == "inbound")).all()
        figures.reply_outcomes = dict(Counter(m.status for m in inbound))
        events = session.scalars(select(CallEvent).where(CallEvent.provider == "twilio")).all()
        figures.reply_events = dict(Counter(e.status for e in events))
        for message in inbound:
            if message.status != "cancelled":
                continue
            appointment = session.get(Appointment, message.appointment_id)
            figures.cancelled_by_sms += bool(appointment and appointment.status == "cancelled")
        by_sms = {t.appointment_id for t in chosen["ABSAGEN"]}
        figures.extra_cancel_notes = sum(
            1
            for m in messages
            if m.purpose == "cancelled" and m.appointment_id in by_sms and m.status != "skipped"
        )
        figures.no_mobile_number = sum(
            1
            for j in jobs
            if j.kind == "appointment.changed"
            and (j.result or {}).get("reason") == "no_mobile_number"
        )
        stopped = {o.number for o in session.scalars(select(SmsOptOut))}
        figures.opted_out_numbers = len(stopped)
        after = [
            m
            for m in messages
            if m.number in stopped and m.purpose == "reminder" and m.status != "skipped"
        ]
        figures.sms_after_stop = len(after)
        figures.bookings = session.query(Appointment).count()
    if not figures.bookings or not figures.confirmations_sent:
        figures.problems.append("no booking or no confirmation: nothing was tested")
    if figures.jobs_lost:
        figures.problems.append(f"{figures.jobs_lost} jobs not done")
    if figures.confirmations_twice or figures.reminders_twice:
        figures.problems.append("an SMS went out twice")
    if figures.named_linked_by_sms != len(chosen["name"]):
        figures.problems.append("a name reply did not link")
    answered = figures.reply_outcomes.get("cancelled", 0) + figures.reply_outcomes.get(
        "nothing_open", 0
    )
    if answered != len(chosen["ABSAGEN"]) or figures.extra_cancel_notes:
        figures.problems.append("an ABSAGEN did not cancel, or a second note went out")
    if sum(figures.reply_events.values()) != sum(figures.replies.values()):
        figures.problems.append("a reply was not stored or not processed")
    if figures.sms_after_stop:
        figures.problems.append("an SMS went to a number after STOP")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = Figures()
    with (
        tempfile.TemporaryDirectory() as tmp_dir,
        LocalTwilio(answer_delay=0.02, callbacks=False) as twilio,
    ):
        tmp = Path(tmp_dir)
        key = demo_key()
        settings = settings_for(tmp, key, twilio)
        upgrade(settings.database_url)
        database = Database(settings.database_url)
        sim_demo.seed_practice(database, COMPANY, NUMBER)
        sim_demo.seed_customers(database)
        with serve_locally(settings, database) as base:
            outcomes = play_calls(base, key, args.calls, args.seed)
            figures.calls = len(outcomes)
            run_worker_with_a_kill(settings, twilio, figures)
            chosen = answer_by_sms(
                base, twilio, conversations(database, outcomes), args.seed, figures
            )
            subprocess.run(
                frontdesk("worker", "--burst"),
                env=worker_env(settings),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        run_reminders(database, twilio)
        check(database, twilio, chosen, figures)
        database.dispose()
    report: dict[str, Any] = {**figures.__dict__, "replies": dict(figures.replies)}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for name, value in report.items():
            print(f"{name:28} {value}")
    if figures.problems:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
