"""Load and scaling: sustained calls/s and function p50/p99 at 1, 2 and 4 app processes.

Each size runs as `frontdesk cluster` runs it (`frontdesk.cluster.Cluster`: haproxy in front,
one worker, PostgreSQL, Redis) over a throwaway PostgreSQL database holding the demo practice
and N generated customers (bench/identity_latency.py's population, COPY-loaded). The simulator
is the load generator: it plays the default call mix through haproxy as Retell would, with its
--concurrency raised step by step (2, 4, 8, ...) until the function p99 (client-side round
trip through haproxy) passes the limit (250 ms). A size's sustained rate is the best calls/s
of a step within the limit. Each step also records where the CPU went (app processes, worker,
haproxy, PostgreSQL backends, the load generator itself) from /proc, so the table can say why
the curve flattens.

Usage: .venv/bin/python bench/scaling.py [--apps 1,2,4] [--customers 100000]
       [--concurrency 2,4,8,16,32] [--calls-per-slot 4] [--p99-limit 250]
       [--postgres ADMIN_URL] [--redis redis://127.0.0.1:6379/13] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import identity_latency as population
from frontdesk.cluster.supervisor import Cluster, ClusterSpec
from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.scheduling import practice
from frontdesk.simulator import demo as sim_demo
from frontdesk.simulator.run import summary
from frontdesk.tenancy import service as tenancy_service

ROOT = Path(__file__).resolve().parents[1]
PRACTICE = ROOT / "examples" / "praxis-sonnenschein.yaml"
COMPANY = "Praxis Sonnenschein"
NUMBER = "+4930120045670"
KEY = "bench-key-" + uuid.uuid4().hex
TICKS = os.sysconf("SC_CLK_TCK")


@contextmanager
def throwaway_database(admin_url: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"frontdesk_scaling_{uuid.uuid4().hex[:8]}"
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


def prepare(url: str, n_customers: int, seed: int) -> None:
    """Migrate, load the demo practice and `n_customers` generated customers."""
    upgrade(url)
    db = Database(url)
    with db.unit_of_work() as session:
        practice.load_file(session=session, path=PRACTICE)
        company_id = tenancy_service.get_by_name_or_raise(session=session, name=COMPANY).id
    rng = random.Random(seed)
    pool = population.surname_pool(20_000, rng)
    rows = population.customers(company_id, n_customers, rng, pool)
    population.load(db, rows, [], rng)
    population.index_surnames(db, company_id)
    db.dispose()


# -- where the CPU went ------------------------------------------------------------------------


def _proc_cpu(pid: int) -> float:
    """utime + stime of one process, in seconds (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _postgres_pids(database: str) -> list[int]:
    """PostgreSQL backends serving `database` (their title names it; others' are not ours)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if title.startswith("postgres:") and f" {database} " in title:
                pids.append(int(entry.name))
    return pids


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return float(sum(values) - idle), float(sum(values))


@dataclass
class CpuSample:
    apps: float
    worker: float
    haproxy: float
    postgres: float
    generator: float
    machine_busy: float
    machine_total: float

    @classmethod
    def take(cls, cluster: Cluster) -> CpuSample:
        busy, total = _machine_busy()
        database = cluster.spec.database_url.rsplit("/", 1)[-1]
        return cls(
            apps=sum(_proc_cpu(c.pid) for c in cluster.apps if c.pid),
            worker=sum(_proc_cpu(c.pid) for c in cluster.workers if c.pid),
            haproxy=_proc_cpu(cluster.balancer.pid)
            if cluster.balancer and cluster.balancer.pid
            else 0.0,
            postgres=sum(_proc_cpu(p) for p in _postgres_pids(database)),
            generator=sum(os.times()[:2]),
            machine_busy=busy,
            machine_total=total,
        )


def cpu_share(before: CpuSample, after: CpuSample, seconds: float) -> dict[str, float]:
    """CPU cores used per part during the step (1.0 = one core busy the whole time)."""
    share = {
        name: round((getattr(after, name) - getattr(before, name)) / seconds, 2)
        for name in ("apps", "worker", "haproxy", "postgres", "generator")
    }
    total = after.machine_total - before.machine_total
    cores = os.cpu_count() or 1
    share["machine"] = round((after.machine_busy - before.machine_busy) / total * cores, 2)
    # Everything else on the machine (other people's tests share these cores).
    ours = sum(share[k] for k in ("apps", "worker", "haproxy", "postgres", "generator"))
    share["others"] = round(max(0.0, share["machine"] - ours), 2)
    return share


class WaitSampler:
    """What PostgreSQL's backends of our database are doing, sampled every 50 ms during a
    step: running (on CPU), or waiting on a lock, a light-weight lock, IO, or the client."""

    def __init__(self, database_url: str) -> None:
        from sqlalchemy.engine import make_url

        url = make_url(database_url)
        self.database = url.database or ""
        self.dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.counts: dict[str, int] = {}
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WaitSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        query = (
            "SELECT coalesce(wait_event_type, 'CPU'), count(*) FROM pg_stat_activity "
            "WHERE datname = %s AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1"
        )
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            while not self._stop.wait(0.05):
                self.samples += 1
                for kind, n in conn.execute(query, (self.database,)).fetchall():
                    self.counts[str(kind)] = self.counts.get(str(kind), 0) + int(n)

    def averages(self) -> dict[str, float]:
        """Mean number of active backends per state (Lock > 0: rows or tables waited for)."""
        return {k: round(v / max(self.samples, 1), 2) for k, v in sorted(self.counts.items())}


# -- one step, one size ------------------------------------------------------------------------


@dataclass
class Step:
    concurrency: int
    calls: int
    seconds: float
    calls_per_second: float
    function_p50_ms: float
    function_p99_ms: float
    http_errors: int
    cpu_cores: dict[str, float]
    load_average: float
    # Mean active PostgreSQL backends by what they did: CPU, Lock, LWLock, IO, Client, ...
    postgres_active: dict[str, float] = field(default_factory=dict)


@dataclass
class SizeResult:
    apps: int
    steps: list[Step] = field(default_factory=list)

    def sustained(self, limit_ms: float) -> Step | None:
        within = [s for s in self.steps if s.function_p99_ms <= limit_ms and not s.http_errors]
        return max(within, key=lambda s: s.calls_per_second) if within else None


def play_step(cluster: Cluster, concurrency: int, calls: int, seed: int) -> Step:
    sim = sim_demo.Simulation(
        url=cluster.url,
        api_key=KEY,
        company=COMPANY,
        number=NUMBER,
        calls=calls,
        days=7,
        concurrency=concurrency,
        seed=seed,
        practice_file=PRACTICE,
    )
    planned = sim_demo.plans(sim)
    before = CpuSample.take(cluster)
    started = time.monotonic()
    with WaitSampler(cluster.spec.database_url) as waits:
        result = sim_demo.play(sim, planned)
    seconds = time.monotonic() - started
    after = CpuSample.take(cluster)
    figures = summary(result)
    return Step(
        concurrency=concurrency,
        calls=figures["calls"],
        seconds=round(seconds, 2),
        calls_per_second=figures["calls_per_second"],
        function_p50_ms=figures["function_latency_ms"]["p50"],
        function_p99_ms=figures["function_latency_ms"]["p99"],
        http_errors=figures["http_errors"],
        cpu_cores=cpu_share(before, after, seconds),
        postgres_active=waits.averages(),
        load_average=round(os.getloadavg()[0], 1),
    )


def run_size(
    url: str,
    redis_url: str,
    apps: int,
    levels: list[int],
    per_slot: int,
    limit_ms: float,
    min_steps: int,
) -> SizeResult:
    spec = ClusterSpec(
        apps=apps,
        workers=1,
        database_url=url,
        redis_url=redis_url,
        env={
            "FRONTDESK_RETELL_API_KEY": KEY,
            "FRONTDESK_LOG_LEVEL": "WARNING",
            "FRONTDESK_QUEUE_NAME": f"scaling-{uuid.uuid4().hex[:8]}",
        },
        log_dir=Path(os.environ.get("TMPDIR", "/tmp")) / "frontdesk-scaling-logs",
    )
    result = SizeResult(apps=apps)
    cluster = Cluster(spec, haproxy=os.environ.get("HAPROXY", "/usr/sbin/haproxy"))
    # Generous: four apps importing at once on a busy two-core machine take a while.
    cluster.start(timeout=300)
    try:
        # One short warm-up (imports, caches, connection pools), not counted.
        play_step(cluster, 2, 4, seed=apps * 1000)
        for i, level in enumerate(levels):
            step = play_step(cluster, level, max(8, level * per_slot), seed=apps * 1000 + i + 1)
            result.steps.append(step)
            print(
                f"apps={apps} concurrency={level}: {step.calls} calls in {step.seconds} s = "
                f"{step.calls_per_second} calls/s, function p50 {step.function_p50_ms} ms "
                f"p99 {step.function_p99_ms} ms, errors {step.http_errors}, "
                f"cores {step.cpu_cores}, load {step.load_average}, "
                f"PostgreSQL active {step.postgres_active}",
                flush=True,
            )
            if step.function_p99_ms > limit_ms and len(result.steps) >= min_steps:
                break
    finally:
        cluster.stop()
    return result


SERVER_PARTS = ("apps", "worker", "haproxy", "postgres")


def cpu_ms_per_call(step: Step) -> tuple[float, float]:
    """(server side: apps + worker + haproxy + PostgreSQL, load generator) CPU ms per call."""
    server = sum(step.cpu_cores[k] for k in SERVER_PARTS) * step.seconds / max(step.calls, 1)
    generator = step.cpu_cores["generator"] * step.seconds / max(step.calls, 1)
    return round(server * 1000, 1), round(generator * 1000, 1)


def table(results: list[SizeResult], limit_ms: float) -> str:
    base = results[0].sustained(limit_ms)
    lines = [
        "| app processes | concurrency | calls/s | function p50 ms | function p99 ms | "
        "scaling | cores used: apps / PostgreSQL / generator / others / machine | "
        "CPU ms per call: server / generator |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in results:
        best = size.sustained(limit_ms)
        if best is None:
            worst = min(size.steps, key=lambda s: s.function_p99_ms) if size.steps else None
            if worst is None:
                lines.append(f"| {size.apps} | - | - | - | - | - | no step ran | - |")
                continue
            server, generator = cpu_ms_per_call(worst)
            cores = worst.cpu_cores
            lines.append(
                f"| {size.apps} | {worst.concurrency} (lowest p99, over {limit_ms:.0f} ms) | "
                f"{worst.calls_per_second} | {worst.function_p50_ms} | {worst.function_p99_ms} | "
                f"- | {cores['apps']} / {cores['postgres']} / {cores['generator']} / "
                f"{cores['others']} / {cores['machine']} | {server} / {generator} |"
            )
            continue
        ratio = best.calls_per_second / base.calls_per_second if base else float("nan")
        cores = best.cpu_cores
        lines.append(
            f"| {size.apps} | {best.concurrency} | {best.calls_per_second} | "
            f"{best.function_p50_ms} | {best.function_p99_ms} | {ratio:.2f}x | "
            f"{cores['apps']} / {cores['postgres']} / {cores['generator']} / "
            f"{cores['others']} / {cores['machine']} | "
            + "{} / {} |".format(*cpu_ms_per_call(best))
        )
    return "\n".join(lines)


def steps_table(results: list[SizeResult]) -> str:
    """Every step of every size, for the record."""
    lines = [
        "| apps | concurrency | calls | calls/s | p50 ms | p99 ms | errors | "
        "cores apps / worker / PostgreSQL / generator / others | CPU ms per call | load avg | "
        "PostgreSQL active backends |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in results:
        for st in size.steps:
            c = st.cpu_cores
            server, generator = cpu_ms_per_call(st)
            lines.append(
                f"| {size.apps} | {st.concurrency} | {st.calls} | {st.calls_per_second} | "
                f"{st.function_p50_ms} | {st.function_p99_ms} | {st.http_errors} | "
                f"{c['apps']} / {c['worker']} / {c['postgres']} / {c['generator']} / "
                f"{c['others']} | {server} + {generator} | {st.load_average} | "
                + (", ".join(f"{k} {v}" for k, v in st.postgres_active.items()) or "-")
                + " |"
            )
    return "\n".join(lines)


def load_results(path: Path) -> list[SizeResult]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [SizeResult(apps=r["apps"], steps=[Step(**st) for st in r["steps"]]) for r in raw]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", default="1,2,4")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--concurrency", default="2,4,8,16,32")
    parser.add_argument("--calls-per-slot", type=int, default=4, help="calls per concurrency")
    parser.add_argument("--p99-limit", type=float, default=250.0)
    parser.add_argument("--min-steps", type=int, default=1, help="steps to run even past the limit")
    parser.add_argument("--table-from", type=Path, default=None, help="a --json file: its table")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if args.table_from is not None:
        print(table(load_results(args.table_from), args.p99_limit))
        print(steps_table(load_results(args.table_from)))
        return
    sizes = [int(n) for n in args.apps.split(",")]
    levels = [int(n) for n in args.concurrency.split(",")]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)
    with throwaway_database(args.postgres) as url:
        started = time.monotonic()
        prepare(url, args.customers, args.seed)
        print(
            f"prepared {args.customers} customers in {time.monotonic() - started:.0f} s",
            flush=True,
        )
        results = [
            run_size(
                url, args.redis, n, levels, args.calls_per_slot, args.p99_limit, args.min_steps
            )
            for n in sizes
        ]
    print(table(results, args.p99_limit))
    print(steps_table(results))
    if args.json is not None:
        args.json.write_text(
            json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
