"""What one live request costs, function by function, and where that cost goes.

Sets up the same practice as bench/functions_bench.py (100,000 customers, a busy calendar),
starts `frontdesk serve` in a subprocess and drives it from one client, one request at a time,
phase by phase: first every call's call_inbound, then every call's call_started, then every
call's identify_caller, and so on through the live functions to call_ended, with phases of
`GET /healthz` (the framework's floor) before and after. Each phase is one request kind, so the
server process's CPU time over the phase divided by its requests is that kind's CPU per request
(read from /proc, so the profiler's own work is not in it); the server-side latency comes from
the `Server-Timing` header.

Then the same phases run again for fresh calls with py-spy attached to the server (sampling
only threads holding the GIL, so idle waiting is not counted) and each phase's top costs are
printed: the frontdesk functions with the largest share of the phase's samples (inclusive),
and the hottest leaf functions of any library (self).

Usage: .venv/bin/python bench/profile_live.py [--backend sqlite|postgres] [--customers N]
       [--calls 200] [--top 12] [--no-profile] [--postgres ADMIN_URL]
       [--list-statements PHASE]   (each statement of one such request, timed at the driver)
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
import functions_bench as bench
from frontdesk.voice.retell.payloads import call_event, inbound_event, phone_call
from frontdesk.voice.retell.signing import sign

FLOOR = "(floor) GET /healthz"
PY_SPY = bench.ROOT / ".venv" / "bin" / "py-spy"


@dataclass
class LiveCall:
    """One simulated call's state, carried from phase to phase."""

    person: dict[str, Any]
    call: dict[str, Any]
    from_number: str
    slots: list[dict[str, Any]] = field(default_factory=list)
    appointment_id: str | None = None


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    payload: dict[str, Any] | None = None


Step = Callable[[LiveCall, random.Random], Request | None]
Reader = Callable[[LiveCall, dict[str, Any]], None]


def new_call(person: dict[str, Any], rng: random.Random) -> LiveCall:
    call_id = "call_" + uuid.uuid4().hex[:28]
    withheld = rng.random() < 0.72 or not person.get("phone_e164")
    from_number = "anonymous" if withheld else person["phone_e164"]
    call = phone_call(
        call_id=call_id,
        from_number=from_number,
        to_number=bench.NUMBER,
        start_timestamp=int(time.time() * 1000),
    )
    return LiveCall(person=person, call=call, from_number=from_number)


def function(name: str, args: Callable[[LiveCall, random.Random], dict[str, Any] | None]) -> Step:
    def step(live: LiveCall, rng: random.Random) -> Request | None:
        chosen = args(live, rng)
        if chosen is None:
            return None
        payload = {"name": name, "call": live.call, "args": chosen}
        return Request("POST", f"/retell/functions/{name}", payload)

    return step


def _birth_date(live: LiveCall, _rng: random.Random) -> dict[str, Any] | None:
    born = live.person.get("birth_date")
    return {"birth_date": born.strftime("%d.%m.%Y")} if born else None


def _ended(live: LiveCall, _rng: random.Random) -> Request:
    started = int(live.call["start_timestamp"])
    ended = {
        **live.call,
        "end_timestamp": started + 60_000,
        "duration_ms": 60_000,
        "disconnection_reason": "user_hangup",
    }
    return Request("POST", "/retell/webhook", call_event("call_ended", ended))


def _keep_slots(live: LiveCall, reply: dict[str, Any]) -> None:
    live.slots = reply.get("slots") or []


def _keep_appointment(live: LiveCall, reply: dict[str, Any]) -> None:
    live.appointment_id = reply.get("appointment_id")


# (label, request for a call or None to skip it, what to keep from the reply)
PHASES: list[tuple[str, Step, Reader | None]] = [
    (FLOOR, lambda _live, _rng: Request("GET", "/healthz"), None),
    (
        "(webhook) call_inbound",
        lambda live, _rng: Request(
            "POST",
            "/retell/inbound",
            inbound_event(
                from_number=live.from_number, to_number=bench.NUMBER, call_id=live.call["call_id"]
            ),
        ),
        None,
    ),
    (
        "(webhook) call_started",
        lambda live, _rng: Request(
            "POST", "/retell/webhook", call_event("call_started", live.call)
        ),
        None,
    ),
    ("identify_caller", function("identify_caller", lambda _live, _rng: {}), None),
    (
        "save_caller_data (name)",
        function(
            "save_caller_data",
            lambda live, _rng: {"name": f"{live.person['first_name']} {live.person['last_name']}"},
        ),
        None,
    ),
    ("save_caller_data (birth date)", function("save_caller_data", _birth_date), None),
    (
        "check_availability",
        function(
            "check_availability",
            lambda _live, rng: {
                "service": rng.choice(bench.SERVICES),
                "date": rng.choice(bench.DATES),
                "time": rng.choice(bench.TIMES),
            },
        ),
        _keep_slots,
    ),
    (
        "book_appointment",
        function(
            "book_appointment",
            lambda live, _rng: {"slot_id": live.slots[0]["slot_id"]} if live.slots else None,
        ),
        _keep_appointment,
    ),
    ("list_appointments", function("list_appointments", lambda _live, _rng: {}), None),
    ("get_context", function("get_context", lambda _live, _rng: {}), None),
    (
        "request_callback",
        function("request_callback", lambda _live, _rng: {"reason": "Rückfrage zur Rechnung"}),
        None,
    ),
    (
        "cancel_appointment",
        function(
            "cancel_appointment",
            lambda live, _rng: (
                {"appointment_id": live.appointment_id} if live.appointment_id else None
            ),
        ),
        None,
    ),
    ("(webhook) call_ended", lambda live, _rng: _ended(live, _rng), None),
    (FLOOR, lambda _live, _rng: Request("GET", "/healthz"), None),
]


@dataclass
class PhaseResult:
    server_ms: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    errors: int = 0
    statements: int = 0
    samples: Counter[str] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return len(self.server_ms)


def send(client: httpx.Client, request: Request) -> tuple[httpx.Response, float]:
    if request.payload is None:
        response = client.request(request.method, request.path)
    else:
        body = json.dumps(request.payload, ensure_ascii=False).encode()
        headers = {"x-retell-signature": sign(body, bench.KEY), "content-type": "application/json"}
        response = client.request(request.method, request.path, content=body, headers=headers)
    timing = response.headers.get("server-timing", "")
    server_ms = float(timing.split("dur=")[1].split(",")[0]) if "dur=" in timing else float("nan")
    return response, server_ms


def start_profiler(pid: int, output: Path, rate: int) -> subprocess.Popen[bytes]:
    command = [str(PY_SPY), "record", "--pid", str(pid), "--rate", str(rate), "--gil"]
    command += ["--format", "raw", "--output", str(output)]
    profiler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)  # py-spy attaches before the phase starts
    return profiler


def stop_profiler(profiler: subprocess.Popen[bytes], output: Path) -> Counter[str]:
    profiler.send_signal(signal.SIGINT)
    profiler.wait(timeout=30)
    stacks: Counter[str] = Counter()
    if output.exists():
        for line in output.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            if stack and count.isdigit():
                stacks[stack] += int(count)
    return stacks


@dataclass
class Target:
    """One server under test: requests of its own calls, its CPU from its pid (if known)."""

    client: httpx.Client
    calls: list[LiveCall]
    pid: int | None = None
    results: list[tuple[str, PhaseResult]] = field(default_factory=list)


def run_phases(
    targets: list[Target],
    rng: random.Random,
    *,
    profile_rate: int | None = None,
    folder: Path | None = None,
    statements: list[int] | None = None,
) -> None:
    """Every phase for every call of every target, the targets' requests interleaved (so a
    change in the machine's load meets them alike); CPU from each target's pid, SQL statements
    from a counter that an in-process engine's listener increments; py-spy on the first."""
    for index, (label, step, reader) in enumerate(PHASES):
        # The floor is cheap: three times the requests for a CPU figure of equal precision.
        repeats = 3 if label == FLOOR else 1
        work = [
            [(live, step(live, rng)) for live in target.calls for _ in range(repeats)]
            for target in targets
        ]
        phase = [PhaseResult() for _ in targets]
        profiler = output = None
        first_pid = targets[0].pid
        if profile_rate and first_pid is not None and folder is not None:
            output = folder / f"phase{index}.txt"
            profiler = start_profiler(first_pid, output, profile_rate)
        cpu_before = [bench.cpu_seconds(t.pid) if t.pid is not None else 0.0 for t in targets]
        statements_before = statements[0] if statements is not None else 0
        for position in range(max(len(items) for items in work)):
            for target, items, result in zip(targets, work, phase, strict=True):
                if position >= len(items) or items[position][1] is None:
                    continue
                live, request = items[position]
                assert request is not None
                response, server_ms = send(target.client, request)
                result.server_ms.append(server_ms)
                if response.status_code >= 300:
                    result.errors += 1
                elif reader is not None:
                    reader(live, response.json())
        for target, result, before in zip(targets, phase, cpu_before, strict=True):
            if target.pid is not None:
                result.cpu_seconds = bench.cpu_seconds(target.pid) - before
            target.results.append((label, result))
        if statements is not None:
            phase[0].statements = statements[0] - statements_before
        if profiler is not None and output is not None:
            phase[0].samples = stop_profiler(profiler, output)


def list_statements(
    client: Any, engine: Any, sample: list[dict[str, Any]], rng: random.Random, wanted: str
) -> None:
    """One fresh call through every phase; for the phases whose label contains `wanted`, each
    statement of the request with its time at the driver (on psycopg the first one carries
    the transaction's BEGIN)."""
    from sqlalchemy import event

    timed: list[tuple[float, str]] = []
    started: list[float] = []

    def before(*_args: Any) -> None:
        started.append(time.perf_counter())

    def after(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        timed.append(((time.perf_counter() - started.pop()) * 1000, " ".join(statement.split())))

    live = new_call(rng.choice(sample), rng)
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        for label, step, reader in PHASES:
            request = step(live, rng)
            if request is None:
                continue
            timed.clear()
            response, _ = send(client, request)
            if reader is not None and response.status_code < 300:
                reader(live, response.json())
            if wanted in label and label != FLOOR:
                print(f"\n{label}: {len(timed)} statements, {sum(ms for ms, _ in timed):.2f} ms")
                for ms, statement in timed:
                    print(f"  {ms:7.3f} ms  {statement[:150]}")
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def count_statements(
    url: str,
    sample: list[dict[str, Any]],
    rng: random.Random,
    calls: int,
    listed: str | None = None,
) -> dict[str, float]:
    """SQL statements per request of each phase, from the app run in-process (TestClient);
    with `listed`, also the statements of one request of the phases named so."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from frontdesk.app import create_app
    from frontdesk.db.core import Database
    from frontdesk.settings import Settings

    db = Database(url)
    counter = [0]

    def count(*_args: Any) -> None:
        counter[0] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    settings = Settings(database_url=url, retell_api_key=bench.KEY, log_level="WARNING")
    app = create_app(settings, db)
    try:
        with TestClient(app) as client:
            target = Target(client, [new_call(rng.choice(sample), rng) for _ in range(calls)])
            run_phases([target], rng, statements=counter)
            if listed is not None:
                list_statements(client, db.engine, sample, rng, listed)
    finally:
        db.dispose()
    per_request: dict[str, float] = {}
    for label, result in target.results:
        if result.requests and label not in per_request:
            per_request[label] = result.statements / result.requests
    return per_request


def print_costs(results: list[tuple[str, PhaseResult]], statements: dict[str, float]) -> None:
    floors = [r for label, r in results if label == FLOOR]
    floor_ms = statistics.median([ms for r in floors for ms in r.server_ms])
    floor_cpu = sum(r.cpu_seconds for r in floors) / sum(r.requests for r in floors) * 1000
    print(
        f"{'request':32} {'n':>5} {'server p50':>10} {'server p99':>10} {'x floor':>8} "
        f"{'CPU ms/req':>10} {'x floor':>8} {'SQL/req':>7} {'errors':>6}"
    )
    for label, result in results:
        if not result.requests:
            continue
        median = statistics.median(result.server_ms)
        cpu_ms = result.cpu_seconds / result.requests * 1000
        print(
            f"{label:32} {result.requests:5d} {median:10.2f} {bench.p99(result.server_ms):10.2f} "
            f"{median / floor_ms:7.1f}x {cpu_ms:10.2f} {cpu_ms / floor_cpu:7.1f}x "
            f"{statements.get(label, float('nan')):7.1f} {result.errors:6d}"
        )


def _frame_name(frame: str) -> str:
    """'handler (frontdesk/x.py:12)' -> 'frontdesk/x.py:handler' (lines dropped)."""
    name, _, where = frame.partition(" (")
    path = where.rsplit(":", 1)[0].rstrip(")")
    for marker in ("/site-packages/", "/src/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{name}"


# Where a sample's time goes: the first of these met walking from the leaf to the root.
BUCKETS: list[tuple[str, tuple[str, ...]]] = [
    ("signature check", ("retell/verify.py:check_signature",)),
    ("body read + JSON parse", ("request_body.py:read_body", "retell/routes.py:parse_json")),
    ("logging", ("structlog/",)),
    ("raw event stored", ("calls/inbox.py:store_raw",)),
    ("company lookup", ("tenancy/service.py:get",)),
    ("live handler (domain work)", ("conversations/live", "conversations/inbound.py")),
    ("call opened/folded", ("functions.py:_find_or_open_call", "call_events.py:handle_call_event")),
    ("invocation record/claim", ("calls/invocations.py:",)),
    ("commit", ("orm/session.py:Session.commit",)),
    ("session open/close", ("orm/session.py:Session.close", "orm/session.py:sessionmaker")),
    ("JSON response", ("starlette/responses.py:JSONResponse",)),
    ("rest of the request (routing, payload validation, inbox.process)", ("frontdesk/voice/",)),
]
FRAMEWORK = "HTTP server, ASGI, middleware, event loop, thread hand-off"


def bucket_of(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, markers in BUCKETS:
            if any(marker in frame for marker in markers):
                return name
    return FRAMEWORK


def print_profile(label: str, samples: Counter[str], top: int) -> None:
    total = sum(samples.values())
    if not total:
        return
    inclusive: Counter[str] = Counter()
    leaf: Counter[str] = Counter()
    buckets: Counter[str] = Counter()
    for stack, count in samples.items():
        frames = [_frame_name(f) for f in stack.split(";")]
        for name in set(frames):
            if name.startswith("frontdesk/") and not name.startswith("frontdesk/cli/"):
                inclusive[name] += count
        leaf[frames[-1]] += count
        buckets[bucket_of(frames)] += count
    print(f"\n{label}: {total} samples holding the GIL")
    print("  where the time goes:")
    for name, count in buckets.most_common():
        print(f"    {100 * count / total:5.1f}%  {name}")
    print("  frontdesk functions, inclusive:")
    for name, count in inclusive.most_common(top):
        print(f"    {100 * count / total:5.1f}%  {name}")
    print("  leaf functions, self:")
    for name, count in leaf.most_common(top):
        print(f"    {100 * count / total:5.1f}%  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=200, help="calls per measured set")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--rate", type=int, default=1000, help="py-spy samples per second")
    parser.add_argument("--no-profile", action="store_true", help="measure only, no py-spy")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a source tree of an earlier revision (git archive REV | tar -x -C DIR): its app "
        "is served beside this one on the same database, requests interleaved",
    )
    parser.add_argument(
        "--list-statements",
        metavar="PHASE",
        help="print each SQL statement of one request of the phases whose label contains "
        "PHASE (e.g. book_appointment), with its time at the driver (in-process run)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with (
        bench.database(args.backend, args.postgres) as url,
        tempfile.TemporaryDirectory() as folder,
        ExitStack() as stack,
    ):
        sample = bench.prepare(url, args.customers, rng)
        statements = count_statements(url, sample, rng, min(args.calls, 20), args.list_statements)
        targets: dict[str, Target] = {}
        sources = {"this tree": None, "baseline": args.baseline} if args.baseline else {"": None}
        for name, source in sources.items():
            served = stack.enter_context(bench.server(url, source))
            client = stack.enter_context(httpx.Client(base_url=served.base, timeout=30))
            bench.run_load(served.base, sample, 2, 2, args.seed + 1, 0.0)  # warm-up
            calls = [new_call(rng.choice(sample), rng) for _ in range(args.calls)]
            targets[name] = Target(client, calls, served.pid)
        run_phases(list(targets.values()), rng)
        profiled = Target(targets[next(iter(targets))].client, [], targets[next(iter(targets))].pid)
        if not args.no_profile:
            profiled.calls = [new_call(rng.choice(sample), rng) for _ in range(args.calls)]
            run_phases([profiled], rng, profile_rate=args.rate, folder=Path(folder))
    for name, target in targets.items():
        print(
            f"\n{args.backend}, {args.customers} customers, {args.calls} calls, one request at a "
            f"time{f' ({name})' if name else ''}; CPU = server process CPU over the phase / its "
            "requests; SQL/req = statements per request (this tree, in-process run)"
        )
        print_costs(target.results, statements)
    for label, result in profiled.results:
        if label != FLOOR:
            print_profile(label, result.samples, args.top)


if __name__ == "__main__":
    main()
