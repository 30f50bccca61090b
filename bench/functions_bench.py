"""Latency of the agent's live functions through real HTTP on loopback.

Sets up the demo practice with 100,000 customers and a busy calendar, starts `frontdesk serve`
(uvicorn, one process) in a subprocess, and plays 20 concurrent simulated calls against it:
call_inbound, call_started, then every live function in a realistic order, then call_ended.
Server-side durations come from the app's `Server-Timing` header; a bare endpoint of the same
app (`GET /healthz`), hit by the same threads in between, is the framework's floor.

Usage: .venv/bin/python bench/functions_bench.py [--backend sqlite|postgres] [--customers N]
       [--concurrency 20] [--calls-per-worker 6] [--postgres ADMIN_URL]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).parent))
import identity_latency as population
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.scheduling import booking, lookup, practice, slots
from frontdesk.scheduling.errors import SchedulingError
from frontdesk.tenancy import service as tenancy_service
from frontdesk.voice.retell.payloads import call_event, inbound_event, phone_call
from frontdesk.voice.retell.signing import sign

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "examples" / "praxis-sonnenschein.yaml"
NUMBER = "+4930120045670"
KEY = "bench-key-" + uuid.uuid4().hex
DATES = [
    "morgen",
    "übermorgen",
    "nächste Woche Dienstag",
    "nächsten Donnerstag",
    "Freitag",
    "nächste Woche",
    "in zwei Wochen",
    "Anfang nächster Woche",
]
TIMES = ["vormittags", "nachmittags", "um zehn", "halb drei", "14 Uhr", None]
SERVICES = ["Kontrolle", "Beratung", "PZR", "Akutsprechstunde", "Füllung"]


@contextmanager
def database(backend: str, admin_url: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    import psycopg

    name = f"frontdesk_bench_{uuid.uuid4().hex[:8]}"
    url = make_url(admin_url)
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name, drivername="postgresql+psycopg").render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(url: str, n_customers: int, rng: random.Random) -> list[dict[str, Any]]:
    """Migrate, load the practice, the customers and a busy calendar; returns sample customers."""
    upgrade(url)
    db = Database(url)
    with db.unit_of_work() as session:
        practice.load_file(session=session, path=PRACTICE)
        company = tenancy_service.get_by_name_or_raise(session=session, name="Praxis Sonnenschein")
        company_id = company.id
    sample: list[dict[str, Any]] = []
    pool = population.surname_pool(20_000, rng)
    population.load(db, population.customers(company_id, n_customers, rng, pool), sample, rng)
    population.index_surnames(db, company_id)
    booked = fill_calendar(db, company_id, rng)
    print(
        f"prepared: {n_customers} customers, {booked} appointments in the next 14 days", flush=True
    )
    db.dispose()
    return sample


def fill_calendar(db: Database, company_id: int, rng: random.Random) -> int:
    """Fill the next 14 days: book most free slots in order (overlapping ones are refused)."""
    now = datetime.now(UTC)
    count = 0
    with db.unit_of_work() as session:
        company = tenancy_service.get(session=session, company_id=company_id)
        assert company is not None
        service = lookup.get_service_or_raise(
            session=session, company_id=company_id, service="Kontrolle"
        )
        staff = list(lookup.staff_of(session=session, company_id=company_id))
        today = now.date()
        free = slots.free_slots(
            session=session,
            company=company,
            service=service,
            staff=[m for m in staff if service in m.services],
            first_day=today,
            last_day=today + timedelta(days=14),
            now=now,
        )
        taken: set[tuple[int, datetime]] = set()
        for slot in free:
            if rng.random() > 0.8:
                continue
            if (slot.staff_id, slot.starts_at) in taken:
                continue
            try:
                booking.book(session=session, company_id=company_id, slot_id=slot.id, now=now)
            except SchedulingError:
                continue
            taken.add((slot.staff_id, slot.starts_at))
            count += 1
    return count


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Served:
    base: str
    pid: int


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far (all its threads, live or ended)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(url: str, source: Path | None = None) -> Iterator[Served]:
    """`frontdesk serve` on `url`; with `source`, the app from that source tree (its `src` put
    first on the path), probed at /healthz since it may not know the newest migrations."""
    port = free_port()
    env = {
        **os.environ,
        "FRONTDESK_DATABASE_URL": url,
        "FRONTDESK_RETELL_API_KEY": KEY,
        "FRONTDESK_LOG_LEVEL": "WARNING",
    }
    if source is not None:
        env["PYTHONPATH"] = str(source / "src")
    probe = "/readyz" if source is None else "/healthz"
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "frontdesk"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a loaded machine starts the app slowly
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + probe, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("server did not become ready")
        yield Served(base, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


class Recorder:
    def __init__(self) -> None:
        self.server_ms: dict[str, list[float]] = defaultdict(list)
        self.client_ms: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def add(self, name: str, response: httpx.Response, client_ms: float) -> None:
        timing = response.headers.get("server-timing", "")
        server_ms = float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")
        with self.lock:
            self.server_ms[name].append(server_ms)
            self.client_ms[name].append(client_ms)
            if response.status_code >= 300:
                self.errors.append(f"{name}: {response.status_code} {response.text[:200]}")


def post(
    client: httpx.Client, rec: Recorder, label: str, path: str, payload: dict[str, Any]
) -> dict[str, Any]:
    body = json.dumps(payload, ensure_ascii=False).encode()
    started = time.perf_counter()
    response = client.post(
        path,
        content=body,
        headers={"x-retell-signature": sign(body, KEY), "content-type": "application/json"},
    )
    rec.add(label, response, (time.perf_counter() - started) * 1000)
    return response.json() if response.content else {}


def floor(client: httpx.Client, rec: Recorder) -> None:
    started = time.perf_counter()
    response = client.get("/healthz")
    rec.add("(floor) GET /healthz", response, (time.perf_counter() - started) * 1000)


def one_call(
    client: httpx.Client, rec: Recorder, person: dict[str, Any], rng: random.Random, pause: float
) -> None:
    call_id = "call_" + uuid.uuid4().hex[:28]
    withheld = rng.random() < 0.72
    from_number = "anonymous" if withheld or not person.get("phone_e164") else person["phone_e164"]
    start_ms = int(time.time() * 1000)
    call = phone_call(
        call_id=call_id, from_number=from_number, to_number=NUMBER, start_timestamp=start_ms
    )
    post(
        client,
        rec,
        "(webhook) call_inbound",
        "/retell/inbound",
        inbound_event(from_number=from_number, to_number=NUMBER, call_id=call_id),
    )
    post(client, rec, "(webhook) call_started", "/retell/webhook", call_event("call_started", call))

    def fn(function: str, /, **args: Any) -> dict[str, Any]:
        if pause:
            time.sleep(rng.uniform(0.5 * pause, 1.5 * pause))  # the caller talks meanwhile
        floor(client, rec)
        return post(
            client,
            rec,
            function,
            f"/retell/functions/{function}",
            {"name": function, "call": call, "args": args},
        )

    fn("identify_caller")
    fn("save_caller_data", name=f"{person['first_name']} {person['last_name']}")
    if person.get("birth_date"):
        fn("save_caller_data", birth_date=person["birth_date"].strftime("%d.%m.%Y"))
    offer = fn(
        "check_availability",
        service=rng.choice(SERVICES),
        date=rng.choice(DATES),
        time=rng.choice(TIMES),
    )
    offered = offer.get("slots") or []
    if offered:
        booked = fn("book_appointment", slot_id=offered[0]["slot_id"])
        if booked.get("appointment_id") and rng.random() < 0.2:
            fn("cancel_appointment", appointment_id=booked["appointment_id"])
    fn("list_appointments")
    fn("get_context")
    if rng.random() < 0.1:
        fn("request_callback", reason="Rückfrage zur Rechnung")
    ended = {
        **call,
        "end_timestamp": start_ms + 60_000,
        "duration_ms": 60_000,
        "disconnection_reason": "user_hangup",
    }
    post(client, rec, "(webhook) call_ended", "/retell/webhook", call_event("call_ended", ended))


def run_load(
    base: str, sample: list[dict[str, Any]], workers: int, per_worker: int, seed: int, pause: float
) -> tuple[Recorder, float]:
    rec = Recorder()

    def worker(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(per_worker):
                one_call(client, rec, rng.choice(sample), rng, pause)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return rec, time.perf_counter() - started


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def report(label: str, rec: Recorder, seconds: float, calls: int, cpu: float) -> None:
    floor_median = statistics.median(rec.server_ms["(floor) GET /healthz"])
    requests = sum(len(values) for values in rec.server_ms.values())
    print(
        f"\n{label}: {calls} calls in {seconds:.1f} s ({calls / seconds:.1f} calls/s), "
        f"errors: {len(rec.errors)}; server CPU {cpu:.2f} s for {requests} requests "
        f"({cpu / requests * 1000:.2f} ms per request, /healthz included)"
    )
    print(
        f"{'endpoint':34} {'n':>5} {'server p50':>11} {'server p99':>11} {'x floor':>8} "
        f"{'client p50':>11} {'client p99':>11}"
    )
    for name in sorted(rec.server_ms):
        server = rec.server_ms[name]
        client = rec.client_ms[name]
        print(
            f"{name:34} {len(server):5d} {statistics.median(server):10.2f}  {p99(server):10.2f} "
            f"{statistics.median(server) / floor_median:7.1f}x {statistics.median(client):10.2f} "
            f" {p99(client):10.2f}"
        )
    for line in rec.errors[:5]:
        print("  error:", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--calls-per-worker", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--pause",
        type=float,
        default=1.0,
        help="mean seconds between a call's function calls (0: back to back)",
    )
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with database(args.backend, args.postgres) as url:
        sample = prepare(url, args.customers, rng)
        with server(url) as served:
            run_load(served.base, sample, 2, 1, args.seed + 1, 0.0)  # warm-up, not reported
            cpu_before = cpu_seconds(served.pid)
            rec, seconds = run_load(
                served.base, sample, args.concurrency, args.calls_per_worker, args.seed, args.pause
            )
            cpu = cpu_seconds(served.pid) - cpu_before
        report(
            f"{args.backend}, {args.customers} customers, {args.concurrency} concurrent calls, "
            f"mean pause {args.pause:.1f} s between a call's requests",
            rec,
            seconds,
            args.concurrency * args.calls_per_worker,
            cpu,
        )


if __name__ == "__main__":
    main()
