"""Name extraction: quality on a gold set and the speed of validation and extraction.

    python bench/names_bench.py [GOLD.jsonl]

Quality uses the shared scorer (`score.py` beside the gold file); timing uses perf_counter only.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from frontdesk.names.batch import extract_file
from frontdesk.names.extraction import Turn, extract_names
from frontdesk.names.validator import validate_name

sys.path.insert(0, str(Path(__file__).parent))
from dev_scoring import score_last_line

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO / ".." / "shared" / "data" / "names" / "dev.jsonl"
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


def quality(gold: Path) -> str:
    return score_last_line(gold, extract_file(gold), DEFAULT_GOLD)


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_GOLD
    print(f"gold: {gold.resolve()}")
    print(quality(gold))
    turns = synthetic_call()
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
        ("baseline str.split (same text)", *timings(words.split, 200), "-"),
    ]
    print(f"{'operation':34} {'median ms':>10} {'p99 ms':>10} {'budget ms':>10}")
    for name, median, p99, budget in rows:
        print(f"{name:34} {median:10.4f} {p99:10.4f} {budget:>10}")


if __name__ == "__main__":
    main()
