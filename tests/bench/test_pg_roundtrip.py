"""bench/pg_roundtrip.py: each path is timed after each gap, median and p99 per cell
(PostgreSQL pass only: it needs the server the test run uses)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT, backend

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="times a PostgreSQL server")


def test_every_path_is_timed_after_every_gap() -> None:
    url = os.environ["FRONTDESK_TEST_POSTGRES_URL"]
    command = [sys.executable, str(REPO_ROOT / "bench" / "pg_roundtrip.py"), "--postgres", url]
    done = subprocess.run(
        [*command, "--runs", "5", "--gaps", "0,0.5"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    rows = [line for line in done.stdout.splitlines() if line.startswith(("SQLite", "Postgre"))]
    assert len(rows) == 3
    for row in rows:
        figures = [float(x) for x in row.replace("/", " ").split()[-4:]]  # two gaps' median, p99
        assert all(ms > 0 for ms in figures), row
        assert figures[0] <= figures[1] and figures[2] <= figures[3], row
