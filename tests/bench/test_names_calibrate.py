"""The names decision is never fitted on the unread holdout (fresh/UNREAD)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO_ROOT


def _calibrate() -> ModuleType:
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    try:
        return importlib.import_module("names_calibrate")
    finally:
        sys.path.remove(str(REPO_ROOT / "bench"))


def test_every_unread_batch_exists_and_none_is_fitted() -> None:
    calibrate = _calibrate()
    unread = calibrate.unread_batches()
    fresh = {p.name for p in calibrate.FRESH.glob("*.jsonl")}
    assert unread and unread <= fresh
    fitted = {Path(p).name for p in calibrate.SETS}
    assert not unread & fitted
    assert fresh - unread <= fitted


def test_the_listing_reads_names_and_skips_comments(tmp_path: Path) -> None:
    (tmp_path / "UNREAD").write_text("# held out\nblind-z9.jsonl\n\n blind-z10.jsonl \n")
    assert _calibrate().unread_batches(tmp_path) == {"blind-z9.jsonl", "blind-z10.jsonl"}
    assert _calibrate().unread_batches(tmp_path / "none") == frozenset()
