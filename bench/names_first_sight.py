"""Replay the first-sight predictions of the fresh blind batches, and rules against them.

    python bench/names_first_sight.py [--rules] [--keep]

Each batch in tests/names/data/fresh/ was scored once, before anyone read it, by the names code
of one commit (tests/names/data/README.md names it). Tuned code is right on the calls it was
tuned on, so its errors there say little about unseen calls; the first-sight predictions do.
This script checks each such commit out in a git worktree (a temporary folder), runs that
commit's extractor over its batches with the evidence of every chosen name, and reports how
often names with each piece of evidence were wrong.

With --rules it also replays the current code's abstentions on those predictions: how many
false and how many right names each would have removed. (The patient rule's condition that the
agent spoke after the name is not replayed: the predictions do not carry the turn.)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from frontdesk.names import extraction
from frontdesk.names.batch import _names, _turns
from frontdesk.names.decision import Candidate

sys.path.insert(0, str(Path(__file__).parent))
from names_bench import outcome

REPO = Path(__file__).resolve().parents[1]
FRESH = REPO / "tests" / "names" / "data" / "fresh"
WORKTREES = Path(tempfile.gettempdir()) / "frontdesk-first-sight"

# The commit whose names code scored each batch first (tests/names/data/README.md). z1 was
# scored right after z2, by code that gave z1 the same answers; both use z2's commit here.
FIRST_SIGHT = {
    "1f91c98": (1, 2),
    "95e4c79": (3, 4),
    "adee3bc": (5,),
    "9c3f1b1": (6,),
    "0667a3b": (7, 8),
    "451a114": (9,),
    "b764346": (10,),
    "1a7c851": (11, 12),
    "e1a46c0": (13, 14),
    "6b11d0f": (15, 16),
    "4f1bd18": (17, 18),
    "4105875": (19, 20),
    "39a2011": (21, 22, 23, 24),
    "e2cc8f3": (25, 26, 27, 28),
    "551b975": (29, 30, 31, 32),
    "9ed1920": (33, 34, 35, 36),
    "3b3288d": (37, 38, 39, 40),
    "0d59be4": (41, 42, 43, 44, 45, 46),
    "5d2e6f7": (47, 48, 49, 50),
    "8e30b7d": (51, 52, 53, 54),
    "afc5b85": (55, 56, 57, 58, 59, 60),
    "1acb702": (61, 62, 63, 64),
    "dfe0442": (65, 66, 67, 68),
    "a7b66db": (69, 70, 71, 72),
    "a06624f": (73, 74, 75, 76),
    "9ac4a52": (77, 78, 79, 80),
    "ddcec71": (81, 82, 83, 84),
    "57eb5c2": (85, 86, 87, 88),
    "9190234": (89, 90, 91, 92),
    "2ad065c": (93, 94, 95, 96),
}

# Run inside the old commit's code: every predicted name with the evidence it was chosen on.
CHILD = """
import json, sys
from frontdesk.names.batch import extract_record
rows = []
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        record = json.loads(line)
        result = extract_record(record, explain=True)
        for role in ("caller", "patient"):
            name = result[role + "_name"]
            if name is None:
                continue
            chosen = [c for c in result["candidates"]
                      if c["role"] == role and c["name"].casefold() == name.casefold()]
            rows.append({"id": record["id"], "role": role, "name": name,
                         "source": chosen[0]["source"] if chosen else "transcript",
                         "evidence": chosen[0]["evidence"] if chosen else {}})
print(json.dumps(rows))
"""

FEATURES = ("sources", "weak", "known", "conflict", "asked", "intro", "full", "spelled")


def _worktree(commit: str) -> Path:
    folder = WORKTREES / commit
    if not (folder / "src").exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "worktree", "add", "--force", "--detach", str(folder), commit],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
    return folder


def predictions(commit: str, batches: tuple[int, ...]) -> list[dict[str, Any]]:
    files = [FRESH / f"blind-z{n}.jsonl" for n in batches]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, files)],
        env={"PYTHONPATH": str(_worktree(commit) / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stdout))


def _records() -> dict[str, dict[str, Any]]:
    records = {}
    for numbers in FIRST_SIGHT.values():
        for n in numbers:
            for line in (FRESH / f"blind-z{n}.jsonl").read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    records[record["id"]] = record
    return records


def _rates(rows: list[dict[str, Any]]) -> None:
    for feature in FEATURES:
        counts: dict[float, list[int]] = defaultdict(lambda: [0, 0])
        for row in rows:
            value = float(row["evidence"].get(feature) or 0.0)
            counts[value][0] += 1
            counts[value][1] += row["wrong"]
        shown = ", ".join(f"{v:g}: {w}/{n}" for v, (n, w) in sorted(counts.items()))
        print(f"  {feature:9s} wrong/names by value: {shown}")


def _replay_rules(rows: list[dict[str, Any]], records: dict[str, dict[str, Any]]) -> None:
    with_patient = {row["id"] for row in rows if row["role"] == "patient"}
    removed = {"surname never taken up": [0, 0], "lone unconfirmed patient": [0, 0]}
    for row in rows:
        record = records[row["id"]]
        chosen = Candidate(row["name"], row["role"], row["source"], row["evidence"])
        if row["role"] == "caller" and row["id"] not in with_patient:
            call = extraction._Call(
                _turns(record), _names(record, "agent_names"), _names(record, "staff_names")
            )
            if extraction._surname_never_taken_up(chosen, call):
                removed["surname never taken up"][row["wrong"]] += 1
        if row["role"] == "patient":
            last_turn = len(_turns(record)) - 2  # the agent spoke after it (not replayed)
            call = extraction._Call(_turns(record), (), ())
            if extraction._lone_word_unconfirmed(chosen, call, last_turn):
                removed["lone unconfirmed patient"][row["wrong"]] += 1
    for rule, (right, wrong) in removed.items():
        print(f"  {rule}: removes {wrong} false and {right} right names")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", action="store_true", help="replay the current abstentions")
    parser.add_argument("--keep", action="store_true", help="keep the worktrees for a rerun")
    args = parser.parse_args()
    records = _records()
    rows: list[dict[str, Any]] = []
    try:
        for commit, batches in FIRST_SIGHT.items():
            for row in predictions(commit, batches):
                gold = records[row["id"]]["gold"][f"{row['role']}_name"]
                row["wrong"] = int(outcome(row["name"], gold) not in ("found", "surname"))
                rows.append(row)
    finally:
        if not args.keep:
            shutil.rmtree(WORKTREES, ignore_errors=True)
            subprocess.run(["git", "worktree", "prune"], cwd=REPO, check=False)
    calls = len(records)
    wrong = sum(row["wrong"] for row in rows)
    print(f"first sight: {calls} calls, {len(rows)} names predicted, {wrong} false")
    _rates(rows)
    if args.rules:
        _replay_rules(rows, records)


if __name__ == "__main__":
    main()
