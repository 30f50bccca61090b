"""German date understanding: quality on a gold set and parse time per phrase.

    python bench/dates_bench.py [GOLD.jsonl]

Quality uses the shared scorer (`score.py` beside the gold file, else the shared one). Timing
compares `parse_wish` with a trivial baseline (`str.lower()` + `split()`) on the same phrases,
measured in the same run with time.perf_counter.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from frontdesk.scheduling.dates import parse_wish
from frontdesk.scheduling.dates_batch import parse_file

sys.path.insert(0, str(Path(__file__).parent))
from dev_scoring import score_last_line

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "data" / "dates" / "dev.jsonl"
ROUNDS = 50


RANGE_FIELDS = ("time_from", "time_to")
ALL_FIELDS = ("date_from", "date_to", "time", *RANGE_FIELDS, "daypart", "ask")


def quality(gold: Path) -> str:
    line = score_last_line(gold, parse_file(gold), DEFAULT_GOLD)
    return line + "\n" + range_quality(gold) if _has_ranges(gold) else line


def _has_ranges(gold: Path) -> bool:
    """Sets for the new forms (tests/scheduling/data/new_forms_conventions.md) carry
    time_from/time_to, which the shared five-field scorer does not look at."""
    lines = gold.read_text(encoding="utf-8").splitlines()
    return any(
        field in json.loads(line)["gold"] for line in lines if line for field in RANGE_FIELDS
    )


def range_quality(gold: Path) -> str:
    """Accuracy over all seven fields (a missing key reads as null, as in the shared scorer)."""
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    predictions = {p["id"]: p for p in parse_file(gold, all_fields=True)}
    correct = 0
    for record in records:
        got, want = predictions.get(record["id"], {}), record["gold"]
        same = (
            type(got.get(f)) is type(want.get(f)) and got.get(f) == want.get(f) for f in ALL_FIELDS
        )
        correct += all(same)
    return f"dates+ranges: accuracy={correct / len(records):.3f} records={len(records)}"


def per_phrase_ms(
    fn: Callable[[str, datetime], object], cases: list[tuple[str, datetime]]
) -> list[float]:
    samples: list[float] = []
    for _ in range(ROUNDS):
        for text, now in cases:
            start = time.perf_counter()
            fn(text, now)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return samples


def baseline(text: str, now: datetime) -> object:
    return text.lower().split()


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_GOLD
    print(f"gold: {gold.resolve()}")
    print(quality(gold))
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    cases = [(str(r["text"]), datetime.fromisoformat(str(r["now"]))) for r in records]
    print(f"{'operation':30} {'median ms':>10} {'p99 ms':>10}   ({len(cases)} phrases x {ROUNDS})")
    for name, fn in (("parse_wish", parse_wish), ("baseline lower+split", baseline)):
        samples = per_phrase_ms(fn, cases)
        p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
        print(f"{name:30} {statistics.median(samples):10.4f} {p99:10.4f}")


if __name__ == "__main__":
    main()
