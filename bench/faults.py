"""The fault suite: the simulator's default mix against a cluster while processes, PostgreSQL,
Redis and the wire fail, then proof from the database that nothing was lost or done twice.

    python bench/faults.py --profile short     # CI: about a minute
    python bench/faults.py --profile long      # by hand: more calls, more faults,
                                               # PostgreSQL restarted for real

Needs haproxy (`sh scripts/ensure-haproxy.sh`), PostgreSQL (an admin URL: --postgres-url,
default FRONTDESK_TEST_POSTGRES_URL; a throwaway database is created and dropped) and Redis
(--redis-url; the fault FLUSHDBs it, so the default is db 14 on FRONTDESK_TEST_REDIS_URL's server,
a db no test uses). Everything runs on this machine: `frontdesk cluster`'s supervisor starts 2
app processes behind haproxy and 2 workers; a local Twilio-compatible server takes the SMS.

While the calls play, at set shares of the calls done, it injects:
- app_sigkill: SIGKILL of an app process, restarted a second later;
- worker_sigkill: SIGKILL of a worker (its job's lease runs out, the job runs again), restarted;
- pg_terminate: every connection of the apps and workers to the database terminated
  (pg_terminate_backend; the short profile's stand-in for a restart, since CI shares PostgreSQL
  with the test suite), and pg_restart (long profile): `pg_ctlcluster ... restart` of the local
  cluster on the admin URL's port. It drops every database's connections on that server: give
  the long profile a server of its own when others use it (docs/benchmarks.md shows how);
- redis_flushdb: the queue's Redis db flushed (the outbox sweep finds the jobs again);
- app_pause: an app process stopped (SIGSTOP) for longer than Retell's timeouts, then resumed:
  its answers come after Retell gave up and retried elsewhere;
- on the wire, all the time (bench/fault_wire.py): Retell's retries (3 per webhook, 2 per
  function call) after a timeout or a 5xx, the same webhook delivered 1 + 3 times at once, and a
  function call retried while its first attempt still runs.

Then it restores every process, runs `frontdesk replay --failed` (and replays any event still
unprocessed), lets the workers drain the outbox (the outbox sweep, every 2 s here instead of
every minute, finds what a flushed Redis lost; a job whose attempt a fault failed runs its retry
within the drain) and checks the jobs as of the drain's end (bench/fault_checks.py). It prints a
JSON summary and exits 1 on any violation.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import redis
from sqlalchemy import select
from sqlalchemy.engine import make_url

import frontdesk.tables
from fault_checks import (
    Verdict,
    check_calls,
    check_events,
    check_jobs,
    due_jobs_open,
    event_statuses,
)
from fault_wire import RetellWire, WirePlan
from frontdesk.calls.models import CallEvent
from frontdesk.cli.common import DEMO_COMPANY as COMPANY
from frontdesk.cli.common import DEMO_NUMBER as NUMBER
from frontdesk.cluster.supervisor import Cluster, ClusterSpec
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.jobs.queue import JobQueue
from frontdesk.settings import Settings
from frontdesk.simulator import demo as sim_demo
from frontdesk.simulator import run as run_mod
from frontdesk.simulator import truth as truth_mod
from frontdesk.simulator.local import demo_key
from frontdesk.simulator.player import Outcome
from frontdesk.sms.twilio.local_server import LocalTwilio
from frontdesk.tenancy import service as tenancy_service
from frontdesk.worker import huey_for

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/15"
FAULT_REDIS_DB = 14
SMS_NUMBER = "+4930120045679"
RESTART_AFTER_S = 1.0


@dataclass(frozen=True)
class Profile:
    calls: int
    concurrency: int
    days: int
    pause_s: float  # app_pause: longer than Retell's function (8 s) and webhook (10 s) timeouts
    drain_s: float  # at most this long for the workers to drain the outbox afterwards
    faults: tuple[tuple[float, str, int], ...]  # (share of calls done, fault, process index)


SHORT = Profile(
    calls=32,
    concurrency=8,
    days=3,
    pause_s=11.0,
    drain_s=45.0,
    faults=(
        (0.08, "app_sigkill", 0),
        (0.18, "worker_sigkill", 0),
        (0.28, "pg_terminate", 0),
        (0.38, "redis_flushdb", 0),
        (0.45, "app_pause", 1),
        (0.75, "app_sigkill", 1),
        (0.85, "worker_sigkill", 1),
    ),
)
_CYCLE = (
    "app_sigkill",
    "worker_sigkill",
    "pg_terminate",
    "redis_flushdb",
    "app_pause",
    "pg_restart",
)
LONG = Profile(
    calls=300,
    concurrency=12,
    days=7,
    pause_s=12.0,
    drain_s=75.0,
    faults=tuple(
        (round(0.04 + 0.9 * n / 17, 3), _CYCLE[n % len(_CYCLE)], n % 2) for n in range(18)
    ),
)
PROFILES = {"short": SHORT, "long": LONG}


def frontdesk(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "frontdesk"), *args]


def default_redis() -> str:
    """FRONTDESK_TEST_REDIS_URL's server, db 14: FLUSHDB must not touch the tests' db."""
    url = os.environ.get("FRONTDESK_TEST_REDIS_URL", DEFAULT_REDIS)
    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
    return f"{base}/{FAULT_REDIS_DB}"


class ThrowawayDatabase:
    """A fresh PostgreSQL database beside the admin URL's, dropped afterwards."""

    def __init__(self, admin_url: str) -> None:
        url = make_url(admin_url)
        self.admin_dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.name = f"frontdesk_faults_{uuid.uuid4().hex[:8]}"
        self.port = url.port or 5432
        self.url = url.set(database=self.name, drivername="postgresql+psycopg").render_as_string(
            hide_password=False
        )

    def __enter__(self) -> ThrowawayDatabase:
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *_exc: object) -> None:
        for _ in range(20):  # PostgreSQL may still be coming back from a restart
            try:
                with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
                return
            except psycopg.OperationalError:
                time.sleep(0.5)

    def terminate_connections(self) -> int:
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (self.name,),
            ).fetchall()
        return len(rows)


def local_cluster(port: int) -> tuple[str, str]:
    """(version, name) of the Debian PostgreSQL cluster listening on `port`."""
    listing = subprocess.run(
        ["pg_lsclusters", "--no-header"], check=True, capture_output=True, text=True
    ).stdout
    for line in listing.splitlines():
        version, name, listens, *_ = line.split()
        if int(listens) == port:
            return version, name
    raise RuntimeError(f"no local PostgreSQL cluster listens on port {port}")


def restart_postgres(port: int) -> str:
    """Restart the server itself (every connection of every database on it drops)."""
    version, name = local_cluster(port)
    started = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"],
        check=True,
        capture_output=True,
    )
    return f"PostgreSQL {version}/{name} restarted in {time.monotonic() - started:.1f} s"


class Injector:
    """Fires each fault of the profile when its share of the calls is done, in a thread of
    its own (a pause must not hold back the next fault)."""

    def __init__(
        self,
        profile: Profile,
        cluster: Cluster,
        database: ThrowawayDatabase,
        redis_url: str,
        total: int,
    ) -> None:
        self.profile, self.cluster, self.database = profile, cluster, database
        self.redis_url, self.total = redis_url, total
        self.done = 0
        self.started = time.monotonic()
        self.counts: Counter[str] = Counter()
        self.log: list[str] = []
        self.problems: list[str] = []
        self._threads: list[threading.Thread] = []
        self._next = 0
        self._lock = threading.Lock()

    def call_done(self, _outcome: Outcome) -> None:
        with self._lock:
            self.done += 1
            while self._next < len(self.profile.faults):
                share, kind, index = self.profile.faults[self._next]
                if self.done < share * self.total:
                    break
                self._next += 1
                thread = threading.Thread(target=self._fire, args=(kind, index), daemon=True)
                self._threads.append(thread)
                thread.start()

    def _note(self, text: str) -> None:
        line = f"{time.monotonic() - self.started:6.1f} s  {text}"
        self.log.append(line)
        print(f"faults: {line} ({self.done}/{self.total} calls done)", file=sys.stderr)

    def _fire(self, kind: str, index: int) -> None:
        try:
            self._inject(kind, index)
            self.counts[kind] += 1
        except Exception as exc:  # a fault that could not be injected is reported, not hidden
            self.problems.append(f"{kind}: {type(exc).__name__}: {exc}")

    def _inject(self, kind: str, index: int) -> None:
        cluster = self.cluster
        if kind == "app_sigkill":
            cluster.kill_app(index)
            self._note(f"app-{index} SIGKILL")
            time.sleep(RESTART_AFTER_S)
            cluster.start_app(index)
            self._note(f"app-{index} restarted")
        elif kind == "worker_sigkill":
            cluster.kill_worker(index)
            self._note(f"worker-{index} SIGKILL")
            time.sleep(RESTART_AFTER_S)
            cluster.start_worker(index)
            self._note(f"worker-{index} restarted")
        elif kind == "pg_terminate":
            killed = self.database.terminate_connections()
            self._note(f"pg_terminate_backend: {killed} connections")
        elif kind == "pg_restart":
            self._note(restart_postgres(self.database.port))
        elif kind == "redis_flushdb":
            client = redis.Redis.from_url(self.redis_url)
            pending = client.dbsize()
            client.flushdb()
            self._note(f"Redis FLUSHDB ({pending} keys)")
        elif kind == "app_pause":
            pid = cluster.apps[index].pid
            if pid is None:
                raise RuntimeError(f"app-{index} is not running")
            os.kill(pid, signal.SIGSTOP)
            self._note(f"app-{index} SIGSTOP for {self.profile.pause_s:.0f} s")
            try:
                time.sleep(self.profile.pause_s)
            finally:
                try:
                    os.kill(pid, signal.SIGCONT)
                except ProcessLookupError:
                    # A later fault's SIGKILL ended the stopped process first (faults fire by
                    # calls done, so on a fast run they overlap): the pause happened all the same.
                    self._note(f"app-{index} was killed while stopped")
                    return
            self._note(f"app-{index} SIGCONT")
        else:
            raise ValueError(kind)

    def finish(self) -> int:
        """Fire the faults the calls did not reach (they then hit the drain), wait for every
        fault's end; returns how many fired after the calls."""
        with self._lock:
            late = self.profile.faults[self._next :]
            self._next = len(self.profile.faults)
        for _share, kind, index in late:
            thread = threading.Thread(target=self._fire, args=(kind, index), daemon=True)
            self._threads.append(thread)
            thread.start()
        for thread in self._threads:
            thread.join(timeout=120)
        return len(late)


def child_env(key: str, queue: str, twilio: LocalTwilio) -> dict[str, str]:
    return {
        "FRONTDESK_RETELL_API_KEY": key,
        "FRONTDESK_QUEUE_NAME": queue,
        "FRONTDESK_JOB_LEASE_SECONDS": "2",
        "FRONTDESK_TWILIO_ACCOUNT_SID": twilio.account_sid,
        "FRONTDESK_TWILIO_AUTH_TOKEN": twilio.auth_token,
        "FRONTDESK_TWILIO_FROM_NUMBER": SMS_NUMBER,
        "FRONTDESK_TWILIO_API_BASE_URL": twilio.base_url,
        "FRONTDESK_SMS_QUIET_HOURS": "",
        "FRONTDESK_LOG_LEVEL": "WARNING",
        "FRONTDESK_LOG_JSON": "true",
    }


def run_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        frontdesk(*args), env={**os.environ, **env}, capture_output=True, text=True, timeout=300
    )
    return (done.stdout + done.stderr).strip()[-400:]


def play(
    sim: sim_demo.Simulation,
    url: str,
    key: str,
    plan: WirePlan,
    on_done: Callable[[Outcome], None],
) -> tuple[run_mod.RunResult, RetellWire]:
    wires: list[RetellWire] = []

    def wire(client: httpx.AsyncClient, base: str, api_key: str) -> RetellWire:
        wires.append(RetellWire(client, base, api_key, plan))
        return wires[-1]

    result = asyncio.run(
        run_mod.play_all(
            sim_demo.plans(sim),
            url=url,
            api_key=key,
            practice=sim_demo.practice(sim),
            concurrency=sim.concurrency,
            on_done=on_done,
            variant_name_early=sim.mix.variant_name_early,
            transport_factory=wire,
        )
    )
    return result, wires[0]


def drain(database: Database, env: dict[str, str], seconds: float) -> dict[str, Any]:
    """The cluster's workers drain the outbox; the sweep that a worker runs every minute runs
    every 2 s here, so jobs whose queue entries a flushed Redis or a killed worker lost are
    found again within the run. Jobs due before the deadline are waited for, so a job whose
    attempt a fault failed runs its retry (backoff 30 s) within a drain longer than that.
    Returns the figures and the instant the jobs are checked as of."""
    settings = Settings(
        database_url=database.url,
        redis_url=env["FRONTDESK_REDIS_URL"],
        queue_name=env["FRONTDESK_QUEUE_NAME"],
    )
    queue = JobQueue(huey_for(settings), database)
    started = time.monotonic()
    deadline = datetime.now(UTC) + timedelta(seconds=seconds)
    swept = 0
    while time.monotonic() - started < seconds and due_jobs_open(database, by=deadline):
        swept += queue.sweep()
        time.sleep(2.0)
    as_of = datetime.now(UTC)
    return {
        "open": due_jobs_open(database, by=as_of),
        "requeued_by_sweep": swept,
        "seconds": round(time.monotonic() - started, 1),
        "as_of": as_of.isoformat(),
    }


def unprocessed_calls(database: Database) -> list[str]:
    with database.sessions() as session:
        rows = session.scalars(
            select(CallEvent.provider_call_id).where(CallEvent.status.in_(("failed", "received")))
        )
        return sorted({row for row in rows if row})


def company_id(database: Database) -> int:
    with database.sessions() as session:
        row = tenancy_service.get_by_name(session=session, name=COMPANY)
        assert row is not None
        return row.id


def run(args: argparse.Namespace) -> dict[str, Any]:
    profile = PROFILES[args.profile]
    if args.no_faults:
        profile = dataclasses.replace(profile, faults=())
    calls = args.calls or profile.calls
    started = time.monotonic()
    key = demo_key()
    queue = f"faults-{uuid.uuid4().hex[:8]}"
    summary: dict[str, Any] = {"profile": args.profile, "seed": args.seed}
    phases: dict[str, float] = {}
    with (
        ThrowawayDatabase(args.postgres_url) as throwaway,
        LocalTwilio(answer_delay=0.01, callbacks=False) as twilio,
        tempfile.TemporaryDirectory(prefix="frontdesk-faults-") as logs,
    ):
        upgrade(throwaway.url)
        database = Database(throwaway.url)
        sim_demo.seed_practice(database, COMPANY, NUMBER)
        sim_demo.seed_customers(database)
        phases["setup_s"] = round(time.monotonic() - started, 1)
        env = {**child_env(key, queue, twilio), "FRONTDESK_DATABASE_URL": throwaway.url}
        env["FRONTDESK_REDIS_URL"] = args.redis_url
        spec = ClusterSpec(
            apps=2,
            workers=2,
            database_url=throwaway.url,
            redis_url=args.redis_url,
            env=env,
            restart=False,
            log_dir=Path(args.keep_logs or logs),
        )
        with Cluster(spec) as cluster:
            phases["cluster_start_s"] = round(time.monotonic() - started - phases["setup_s"], 1)
            sim = sim_demo.Simulation(
                url=cluster.url,
                api_key=key,
                company=COMPANY,
                number=NUMBER,
                calls=calls,
                days=profile.days,
                concurrency=args.concurrency or profile.concurrency,
                seed=args.seed,
                customers_file=sim_demo.example_file(sim_demo.DEMO_CUSTOMERS_FILE),
                practice_file=sim_demo.example_file(sim_demo.DEMO_PRACTICE_FILE),
            )
            faults = Injector(profile, cluster, throwaway, args.redis_url, calls)
            played_at = time.monotonic()
            not_ready: list[str] = []
            result, wire = play(sim, cluster.url, key, WirePlan(seed=args.seed), faults.call_done)
            summary["faults_after_calls"] = faults.finish()
            phases["play_s"] = round(time.monotonic() - played_at, 1)
            recovery_at = time.monotonic()
            failed_before = event_statuses(database)
            # The replay needs only the database: it runs while the processes come back.
            replaying = subprocess.Popen(
                frontdesk("replay", "--failed"),
                env={**os.environ, **env},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for i in range(spec.apps):
                cluster.start_app(i)
            for i in range(spec.workers):
                cluster.start_worker(i)
            try:
                cluster.wait_ready(60)
            except TimeoutError as exc:
                not_ready.append(str(exc))
            replay = (replaying.communicate(timeout=300)[0] or "").strip()[-300:]
            for call in unprocessed_calls(database):
                # An orphan younger than replay's one-minute cut-off: replayed by its call.
                replay += " | " + run_cli(env, "replay", "--call", call)
            jobs = drain(database, env, profile.drain_s)
            phases["recovery_s"] = round(time.monotonic() - recovery_at, 1)
        checked_at = time.monotonic()
        company = company_id(database)
        outcomes = result.outcomes
        verdict = Verdict()
        check_calls(database, company, outcomes, verdict)
        check_events(database, verdict)
        sms_log = [
            (r.form.get("To", ""), r.form.get("Body", ""))
            for r in twilio.requests
            if r.method == "POST"
        ]
        check_jobs(database, sms_log, verdict, datetime.fromisoformat(jobs["as_of"]))
        verdict.count("undelivered_requests", wire.counts.undelivered)
        verdict.count("inflight_retry_mismatches", wire.counts.mismatches)
        verdict.count("faults_not_injected", faults.problems)
        verdict.count("cluster_not_ready_after_faults", not_ready)
        truth = truth_mod.check(database, outcomes, company)
        database.dispose()
        phases["check_s"] = round(time.monotonic() - checked_at, 1)
    sim_summary = run_mod.summary(result)
    summary.update(
        {
            "seconds": round(time.monotonic() - started, 1),
            "phases": phases,
            "calls": len(outcomes),
            "not_played": len(result.not_played),
            "requests": sim_summary["requests"],
            "events_sent": sim_summary["events_sent"],
            "function_calls": sim_summary["function_calls"],
            "faults": dict(sorted(faults.counts.items())),
            "faults_injected": sum(faults.counts.values()),
            "fault_log": faults.log,
            "wire": wire.counts.as_dict(),
            "events_failed_before_replay": failed_before.get("failed", 0),
            "events_unprocessed_before_replay": failed_before.get("received", 0),
            "replay": replay,
            "jobs_drain": jobs,
            **verdict.figures,
            "function_latency_ms": sim_summary["function_latency_ms"],
            "violations": verdict.violations,
            "lost": sum(
                verdict.violations.get(k, 0)
                for k in ("lost_events", "lost_function_results", "calls_lost")
            ),
            "violation_examples": verdict.examples[:20],
            "truth": truth.figures,
            "truth_differences": truth.differences[:20],
            "truth_difference_count": len(truth.differences),
        }
    )
    summary["ok"] = not any(verdict.violations.values()) and not result.not_played
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", choices=sorted(PROFILES), default="short")
    parser.add_argument("--calls", type=int, default=0, help="Override the profile's calls.")
    parser.add_argument("--concurrency", type=int, default=0)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("FRONTDESK_TEST_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--redis-url", default=default_redis())
    parser.add_argument("--no-faults", action="store_true", help="A baseline: the wire only.")
    parser.add_argument("--keep-logs", default="", help="Directory for the processes' logs.")
    args = parser.parse_args()
    summary = run(args)
    print(json.dumps(summary, indent=2, ensure_ascii=False, default=str))
    if not summary["ok"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
