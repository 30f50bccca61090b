"""Import of a customer base and the batch matcher, including the development set targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.identity.batch import ImportFileError, import_customers, match_queries
from frontdesk.identity.models import Customer
from tests.conftest import SHARED

CSV = """customer_id,company,first_name,last_name,phone,email,birth_date
c1,Praxis A,Anna,Schreiber,030/1234567,anna@web.de,1984-03-12
c2,Praxis A,Ayşe,Yılmaz,,,
c3,Praxis A,Kai,,,,
c4,Praxis A,Bernd,Koch,12,,
c5,Praxis A,Olga,Wolf,,keine,1984-01-01
c6,Praxis A,Karl,Klein,,,1984-13-40
c7,Praxis A,Ernst,Vogel,,,2999-01-01
c8,Unbekannt,Tom,Lang,,,
,Praxis A,Max,Fuchs,,,
"""
DEV = SHARED / "data" / "linking" / "dev"


def test_import_reports_bad_rows_keeps_good_and_is_idempotent(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(CSV, encoding="utf-8")
    report = import_customers(session, path, create_companies=False)
    assert report.created == 0 and {line for line, _ in report.errors} == set(range(2, 11))
    report = import_customers(session, path, create_companies=True)
    assert report.created == 3  # c1, c2 and c8 (its company created on request)
    assert [line for line, _ in report.errors] == [4, 5, 6, 7, 8, 10]
    again = import_customers(session, path, create_companies=True)
    assert (again.created, again.unchanged) == (0, 3)
    assert session.scalar(select(func.count()).select_from(Customer)) == 3
    anna = session.scalars(select(Customer).where(Customer.external_id == "c1")).one()
    assert (anna.phone_e164, anna.last_name_norm) == ("+49301234567", "schreiber")


def test_wrong_header_is_refused(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,name\n1,x\n", encoding="utf-8")
    with pytest.raises(ImportFileError):
        import_customers(session, path)


@pytest.mark.skipif(not DEV.exists(), reason="the shared development set is not present")
def test_dev_set_meets_the_linking_targets(session: Session, tmp_path: Path) -> None:
    report = import_customers(session, DEV / "customers.csv", create_companies=True)
    assert report.ok and report.created == 3000
    predictions = tmp_path / "pred.jsonl"
    with predictions.open("w") as out:
        for row in match_queries(session, DEV / "queries.jsonl"):
            out.write(json.dumps(row) + "\n")
    result = subprocess.run(
        [
            sys.executable,
            str(DEV.parent / "score.py"),
            str(DEV / "customers.csv"),
            str(DEV / "queries.jsonl"),
            str(DEV / "gold.jsonl"),
            str(predictions),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    last = result.stdout.strip().splitlines()[-1]
    figures = dict(item.split("=") for item in last.removeprefix("linking: ").split())
    assert int(figures["cross_tenant_links"]) == 0
    assert float(figures["auto_link_precision"]) >= 0.995
    assert float(figures["auto_link_recall"]) >= 0.90
    assert float(figures["review_rate"]) <= 0.10
