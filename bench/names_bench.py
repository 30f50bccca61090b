"""Name extraction: quality on the gold sets, the lexicons' cost, and the speed of both faces.

    python bench/names_bench.py [GOLD.jsonl ...]

Without arguments: the development set, the blind corpus's tuning part, its fresh batches and
its sealed part (tests/names/data/), each scored by the shared scorer (`score.py`) with a table
per category.
Score the sealed part once per design change; never tune on it. Timing uses perf_counter only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frontdesk.names import knowledge
from frontdesk.names.batch import extract_file
from frontdesk.names.extraction import Turn, extract_names
from frontdesk.names.validator import validate_name

sys.path.insert(0, str(Path(__file__).parent))
from dev_scoring import score_last_line

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / ".." / "shared" / "data" / "names" / "dev.jsonl"
BLIND = REPO / "tests" / "names" / "data"
# fresh/: batches scored once at first sight, then read whole and tuned on (never split).
DEFAULT_SETS = (
    DEFAULT_GOLD,
    BLIND / "tuning.jsonl",
    *sorted((BLIND / "fresh").glob("*.jsonl")),
    BLIND / "sealed.jsonl",
)
AGENTS = ("Anna",)
STAFF = ("Dr. Martin Lindner", "Frau Petersen")
NAMES = (
    "guten Tag",
    "Herr Dr. Weber",
    "von der Heide",
    "MÜLLER",
    "schreiber",
    "acht Uhr",
    "Anna",
    "Meier, nein, Maier mit a i",
    "M-A-I-E-R",
    "Petrović, Dragan",
    "Friederike von der Heide",
    "S wie Siegfried, C wie Cäsar, H wie Heinrich, U wie Ulrich, L wie Ludwig, Z wie Zeppelin",
    "ich hätte gern einen Termin",
    "Anonym mous",
    "Müller-Lüdenscheidt",
    "Jung",
    "Frau Dr.",
)


def synthetic_call(minutes: int = 30) -> list[Turn]:
    """About 400 turns: a name early on, then long small talk about appointments."""
    turns = [
        Turn("agent", "Hausarztpraxis Dr. Lindner, guten Tag, hier ist Anna. Wie kann ich helfen?"),
        Turn("user", "Guten Tag, mein Name ist Katrin Becker. Ich bräuchte mehrere Termine."),
    ]
    filler = [
        Turn("agent", "Gerne, Frau Becker. Am Dienstag um 9:15 Uhr wäre bei Dr. Lindner frei."),
        Turn("user", "Dienstag geht leider nicht, da bin ich bei der Arbeit, eher nachmittags."),
        Turn("agent", "Dann vielleicht Donnerstag um 16 Uhr? Bringen Sie die Karte mit."),
        Turn("user", "Donnerstag sechzehn Uhr passt, und ich hab noch eine Frage zum Rezept."),
    ]
    while len(turns) < minutes * 13:
        turns.extend(filler)
    return turns


def timings(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and p99 in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def norm(name: str | None) -> str | None:
    if name is None:
        return None
    return " ".join(unicodedata.normalize("NFC", name).casefold().replace("ß", "ss").split())


def outcome(pred: str | None, gold: str | None) -> str:
    """The scorer's outcome for one field (README: found, surname, false, missed, null)."""
    p, g = norm(pred), norm(gold)
    if p is None:
        return "null" if g is None else "missed"
    if p == g:
        return "found"
    words = (gold or "").split()
    if len(words) > 1 and words[0][:1].isupper() and p == norm(" ".join(words[1:])):
        return "surname"
    return "false"


def by_category(gold: Path, predictions: list[dict[str, Any]]) -> str:
    """Caller outcomes and false names (caller + patient) per category."""
    records = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    rows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record, pred in zip(records, predictions, strict=True):
        row = rows[record.get("category", "-")]
        row["calls"] += 1
        caller = outcome(pred["caller_name"], record["gold"]["caller_name"])
        patient = outcome(pred["patient_name"], record["gold"]["patient_name"])
        row[caller] += 1
        row["false_names"] += (caller == "false") + (patient == "false")
    head = f"{'category':20} {'calls':>5} {'found':>5} {'surname':>7} {'missed':>6} {'false':>5}"
    lines = [head]
    for category in sorted(rows):
        r = rows[category]
        lines.append(
            f"{category:20} {r['calls']:5} {r['found']:5} {r['surname']:7} {r['missed']:6} "
            f"{r['false_names']:5}"
        )
    return "\n".join(lines)


def quality(gold: Path) -> str:
    predictions = list(extract_file(gold))
    last = score_last_line(gold, predictions, DEFAULT_GOLD)
    return f"{last}\n{by_category(gold, predictions)}"


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 1e6


def lexicon_cost() -> str:
    """Memory and load time of the compiled lexicon table (loaded fresh, not the cached one)."""
    before = _rss_mb()
    started = time.perf_counter()
    table = knowledge.load()
    seconds = time.perf_counter() - started
    return (
        f"lexicon: {len(table)} words, load {seconds * 1000:.0f} ms, "
        f"resident memory +{_rss_mb() - before:.0f} MB ({table.meta['versions']})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Names quality per set and extraction speed.")
    parser.add_argument(
        "gold", nargs="*", type=Path, help="JSONL sets with gold (default: dev, tuning, sealed)"
    )
    golds = parser.parse_args().gold or [p for p in DEFAULT_SETS if p.exists()]
    print(lexicon_cost())
    for gold in golds:
        print(f"gold: {gold.resolve()}")
        print(quality(gold))
    turns = synthetic_call()
    # The same call as a recogniser that writes the caller in lower case delivers it.
    lower = [Turn(t.role, t.content.lower()) if t.role == "user" else t for t in turns]
    words = " ".join(t.content for t in turns)
    cycle = iter(NAMES * 10_000)
    rows = [
        (
            "validate_name (1 name)",
            *timings(
                lambda: validate_name(next(cycle), agent_names=AGENTS, staff_names=STAFF), 20_000
            ),
            "0.1",
        ),
        (
            f"extract_names ({len(turns)} turns)",
            *timings(lambda: extract_names(turns, agent_names=AGENTS, staff_names=STAFF), 200),
            "5",
        ),
        (
            f"extract_names ({len(turns)} turns, lower)",
            *timings(lambda: extract_names(lower, agent_names=AGENTS, staff_names=STAFF), 200),
            "5",
        ),
        ("baseline str.split (same text)", *timings(words.split, 200), "-"),
    ]
    print(f"{'operation':40} {'median ms':>10} {'p99 ms':>10} {'budget ms':>10}")
    for name, median, p99, budget in rows:
        print(f"{name:40} {median:10.4f} {p99:10.4f} {budget:>10}")


if __name__ == "__main__":
    main()
