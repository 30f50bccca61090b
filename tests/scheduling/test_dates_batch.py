"""The batch face against the shared dev set and our own held-out set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from frontdesk.scheduling.dates_batch import parse_file, parse_record

FIELDS = ("date_from", "date_to", "time", "daypart", "ask")
DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dates" / "dev.jsonl"
EXTRA = Path(__file__).resolve().parent / "data" / "extra_dates.jsonl"


def score(path: Path) -> tuple[float, int, list[str]]:
    """Accuracy, wrong dates and the ids of wrong records, as the shared scorer counts them."""
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    predictions = {p["id"]: p for p in parse_file(path)}
    wrong: list[str] = []
    wrong_dates = 0
    for record in gold:
        want: dict[str, Any] = record["gold"]
        got = predictions[record["id"]]
        if any(type(got[f]) is not type(want[f]) or got[f] != want[f] for f in FIELDS):
            wrong.append(record["id"])
        if got["date_from"] is not None and got["date_from"] != want["date_from"]:
            wrong_dates += 1
    return 1 - len(wrong) / len(gold), wrong_dates, wrong


@pytest.mark.skipif(not DEV.exists(), reason="shared dev set not present beside the repo")
def test_dev_set() -> None:
    accuracy, wrong_dates, wrong = score(DEV)
    assert wrong_dates == 0, wrong
    assert accuracy >= 0.97, wrong


def test_extra_set() -> None:
    lines = EXTRA.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 80
    accuracy, wrong_dates, wrong = score(EXTRA)
    assert wrong_dates == 0, wrong
    assert accuracy >= 0.97, wrong


def test_record_shape_ignores_gold_and_category() -> None:
    record = {
        "id": "x1",
        "text": "Am 31.11. um halb drei",
        "now": "2026-11-25T10:15:00+01:00",
        "gold": {"date_from": "2026-12-01"},
        "category": "ask_impossible",
    }
    assert parse_record(record) == {
        "id": "x1",
        "date_from": None,
        "date_to": None,
        "time": "14:30",
        "daypart": None,
        "ask": True,
    }


def test_record_with_range_and_daypart() -> None:
    record = {"id": "x2", "text": "nächste Woche nachmittags", "now": "2026-03-29T01:30:00+01:00"}
    assert parse_record(record) == {
        "id": "x2",
        "date_from": "2026-03-30",
        "date_to": "2026-04-05",
        "time": None,
        "daypart": "afternoon",
        "ask": False,
    }
