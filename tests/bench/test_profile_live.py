"""bench/profile_live.py's in-process statement count and listing (SQLite, a small practice).

Run in a child process: the app it builds configures logging on the streams of the moment,
which in a test are capture buffers closed after it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

SCRIPT = """
import json, random, sys
sys.path.insert(0, sys.argv[1])
import profile_live
rng = random.Random(3)
url = f"sqlite:///{sys.argv[2]}/bench.db"
sample = profile_live.bench.prepare(url, 300, rng)
per_request = profile_live.count_statements(url, sample, rng, 2, "book_appointment")
print("COUNTS " + json.dumps(per_request))
"""


def test_statements_are_counted_per_phase_and_listed_for_one(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(REPO_ROOT / "bench"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = done.stdout.splitlines()
    per_request = json.loads(next(x for x in lines if x.startswith("COUNTS "))[len("COUNTS ") :])
    assert per_request["identify_caller"] > 0
    assert per_request["book_appointment"] > per_request["identify_caller"]
    header = next(line for line in lines if line.startswith("book_appointment:"))
    count = int(header.split()[1])
    statements = [line for line in lines if line.startswith("  ") and " ms  " in line]
    assert count == len(statements) and count > 0
    assert any("INSERT INTO appointments" in line for line in statements)
    assert not any(line.startswith("check_availability:") for line in lines)
