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


def test_a_row_with_nul_or_a_lone_surrogate_is_a_bad_row_not_a_crash(
    session: Session, tmp_path: Path
) -> None:
    """PostgreSQL stores neither; the import crashed with a DataError (issue 14, class of 2)."""
    path = tmp_path / "customers.csv"
    header = CSV.splitlines()[0]
    rows = ["n1,Praxis N,Jut\x00ta,Becker,,,", "n2,Praxis N,Anna,Lang,,,"]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    report = import_customers(session, path, create_companies=True)
    assert report.created == 1
    assert report.errors == [(2, "contains a NUL or an invalid character")]


def test_a_file_that_is_not_utf8_is_refused_with_a_reason(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_bytes(CSV.splitlines()[0].encode() + b"\nx1,Praxis N,Ann\xe9,Lang,,,\n")
    with pytest.raises(ImportFileError, match="not UTF-8"):
        import_customers(session, path, create_companies=True)


def test_match_queries_with_nul_are_answered(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "queries.jsonl"
    path.write_text(
        json.dumps({"query_id": "q1", "company": "Praxis\u0000", "name": "Anna\u0000"}) + "\n",
        encoding="utf-8",
    )
    assert [d["decision"] for d in match_queries(session, path)] == ["review"]


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
