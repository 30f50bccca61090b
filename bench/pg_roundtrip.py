"""What one PostgreSQL round trip costs the live path, by how long the server sat idle before it.

A live function runs Python between its statements (0.1-0.5 ms of ORM and domain work), so the
database backend has gone idle by the time the next statement arrives. This script times a
`SELECT 1` round trip after a busy client-side gap of a given length (the client spins, as the
app's Python does, instead of sleeping), through raw psycopg and through SQLAlchemy Core on the
same pooled connection, with SQLite's in-process `SELECT 1` as the baseline in the same run.
What the gap adds to a round trip is the machine's wake-up cost (the backend process and the
client's thread are rescheduled), which no statement rewrite removes: only fewer round trips do.

Usage: .venv/bin/python bench/pg_roundtrip.py [--postgres URL] [--runs 400]
       [--gaps 0,0.05,0.2,0.5,1,2]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import psycopg
from sqlalchemy import create_engine, text

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def spin(ms: float) -> None:
    """Busy-wait `ms` milliseconds, holding the CPU as the app's Python does."""
    until = time.perf_counter() + ms / 1000
    while time.perf_counter() < until:
        pass


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def timed(statement: Callable[[], object], gap_ms: float, runs: int) -> list[float]:
    """Milliseconds per call of `statement`, each after `gap_ms` of spinning (not timed)."""
    for _ in range(20):  # warm-up: connection, prepared-statement caches
        statement()
    samples = []
    for _ in range(runs):
        spin(gap_ms)
        started = time.perf_counter()
        statement()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def targets(url: str) -> dict[str, Callable[[], object]]:
    raw = psycopg.connect(url, autocommit=True)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    core = engine.connect()
    select_one = text("SELECT 1")
    sqlite = create_engine("sqlite://").connect()
    return {
        "SQLite, SQLAlchemy Core (baseline)": lambda: sqlite.execute(select_one).scalar(),
        "PostgreSQL, raw psycopg": lambda: raw.execute("SELECT 1").fetchone(),
        "PostgreSQL, SQLAlchemy Core": lambda: core.execute(select_one).scalar(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=400)
    parser.add_argument("--gaps", default="0,0.05,0.2,0.5,1,2", help="idle gaps in ms")
    args = parser.parse_args()
    gaps = [float(gap) for gap in args.gaps.split(",")]
    print(f"SELECT 1 round trip, ms (median / p99), {args.runs} runs after each busy gap")
    print(f"{'path':36}" + "".join(f"{f'gap {gap:g} ms':>18}" for gap in gaps))
    for name, statement in targets(args.postgres).items():
        cells = []
        for gap in gaps:
            samples = timed(statement, gap, args.runs)
            cells.append(f"{statistics.median(samples):8.3f} /{p99(samples):7.3f}")
        print(f"{name:36}" + "".join(f"{cell:>18}" for cell in cells))


if __name__ == "__main__":
    main()
