"""The fault suite's short profile (bench/faults.py), run as CI runs it: a 2 + 2 cluster on a
throwaway PostgreSQL database and Redis, calls played with Retell's retries and duplicates while
processes, the database connections and Redis fail, then nothing lost and nothing done twice.

Runs in the PostgreSQL pass only (a cluster refuses SQLite); bounded by a timeout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import redis

from frontdesk.cluster.supervisor import HAPROXY
from tests.conftest import REPO_ROOT, backend

pytestmark = [
    pytest.mark.db,
    pytest.mark.alone,
    pytest.mark.skipif(backend() != "postgres", reason="a cluster runs on PostgreSQL only"),
]

SUITE = REPO_ROOT / "bench" / "faults.py"
BOUND_S = 600  # the short profile takes 1-3 minutes, depending on the machine's load
FAULTS = ("app_sigkill", "worker_sigkill", "pg_terminate", "redis_flushdb", "app_pause")


def _redis_url() -> str:
    server = os.environ.get("FRONTDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    return server.rsplit("/", 1)[0] + "/14"  # the suite FLUSHDBs its db: not the tests' db 15


def _needs(redis_url: str) -> None:
    missing = []
    if not Path(HAPROXY).exists():
        missing.append("haproxy (sh scripts/ensure-haproxy.sh)")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        missing.append(f"Redis at {redis_url}: {exc}")
    if missing and os.environ.get("CI"):
        pytest.fail("the fault suite needs " + ", ".join(missing))
    if missing:
        pytest.skip("the fault suite needs " + ", ".join(missing))


# A request that got no answer within Retell's retries, with nothing lost or done twice: which
# request meets a paused process, and whether its retries land behind that process's row locks
# until after Retell's timeouts, depends on the faults' timing (a known weakness: before its
# claim, a retry waits on the call row without a bound). Such a run is played once more, and
# that run must be clean. Any other violation fails at once.
TIMING_ONLY = frozenset({"undelivered_requests"})


def _play(folder: Path, redis_url: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    done = subprocess.run(
        [
            sys.executable,
            str(SUITE),
            "--profile",
            "short",
            "--redis-url",
            redis_url,
            "--postgres-url",
            os.environ["FRONTDESK_TEST_POSTGRES_URL"],
            "--keep-logs",
            str(folder / "logs"),
        ],
        capture_output=True,
        text=True,
        timeout=BOUND_S,
        cwd=REPO_ROOT,
    )
    assert done.stdout, done.stderr[-3000:]
    return done, json.loads(done.stdout)


def test_short_fault_profile_loses_nothing_and_does_nothing_twice(tmp_path: Path) -> None:
    redis_url = _redis_url()
    _needs(redis_url)
    done, summary = _play(tmp_path / "first", redis_url)
    violated = {kind for kind, n in summary["violations"].items() if n}
    if violated and violated <= TIMING_ONLY:
        print("first run, played again:", summary["violation_examples"])
        done, summary = _play(tmp_path / "second", redis_url)
    assert summary["violations"] and not any(summary["violations"].values()), summary[
        "violation_examples"
    ]
    assert done.returncode == 0 and summary["ok"] is True, done.stderr[-3000:]
    assert summary["lost"] == 0
    assert summary["calls"] == 32 and summary["not_played"] == 0
    assert all(summary["faults"].get(kind, 0) >= 1 for kind in FAULTS), summary["faults"]
    wire = summary["wire"]
    assert wire["inflight_retries"] >= 1 and wire["webhook_duplicates"] >= 1, wire
    assert wire["webhook_retries"] + wire["function_retries"] >= 1, wire
    assert summary["bookings_announced"] >= 1 and summary["events_sent"] >= 1
