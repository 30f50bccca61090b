"""The blind held-out set for the new date forms (written from the conventions by a writer who
never saw the parser; scored, never tuned on): accuracy over all seven fields and no wrong day."""

from __future__ import annotations

import json
from pathlib import Path

from frontdesk.scheduling.dates_batch import parse_record

HELDOUT = Path(__file__).parent / "data" / "heldout_new_forms.jsonl"
FIELDS = ("date_from", "date_to", "time", "time_from", "time_to", "daypart", "ask")


def test_the_held_out_new_forms_score_at_least_097_with_no_wrong_day() -> None:
    records = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    right = wrong_days = 0
    for record in records:
        answer = parse_record(record, all_fields=True)
        gold = record["gold"]
        right += all(answer.get(f) == gold[f] for f in FIELDS)
        wrong_days += answer["date_from"] is not None and answer["date_from"] != gold["date_from"]
    assert len(records) == 90
    assert wrong_days == 0
    assert right / len(records) >= 0.97
