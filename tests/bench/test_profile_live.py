"""bench/profile_live.py's in-process statement count and listing (SQLite, a small practice)."""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT


def _profile_live() -> ModuleType:
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        return importlib.import_module("profile_live")
    finally:
        sys.path.remove(str(REPO_ROOT / "bench"))


def test_statements_are_counted_per_phase_and_listed_for_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = _profile_live()
    url = f"sqlite:///{tmp_path}/bench.db"
    rng = random.Random(3)
    sample = profile.bench.prepare(url, 300, rng)
    per_request = profile.count_statements(url, sample, rng, 2, "book_appointment")
    assert per_request["identify_caller"] > 0
    assert per_request["book_appointment"] > per_request["identify_caller"]
    listing = capsys.readouterr().out
    header = next(line for line in listing.splitlines() if line.startswith("book_appointment:"))
    count = int(header.split()[1])
    statements = [
        line for line in listing.splitlines() if line.startswith("  ") and " ms  " in line
    ]
    assert count == len(statements) and count > 0
    assert any("INSERT INTO appointments" in line for line in statements)
    assert "check_availability:" not in listing  # only the phases asked for
