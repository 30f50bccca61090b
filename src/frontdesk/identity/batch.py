"""Batch faces of identity: importing a customer base, matching a file of queries."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.identity import records, training
from frontdesk.identity.linking import evidence_from, match
from frontdesk.identity.matcher import Evidence
from frontdesk.identity.models import Customer
from frontdesk.identity.normalise import normalise_email
from frontdesk.names.validator import validate_name
from frontdesk.phones import normalise_phone
from frontdesk.storable_text import storable, unstorable
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company

HEADER = ("customer_id", "company", "first_name", "last_name", "phone", "email", "birth_date")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    companies_created: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, problem)
    changed_by_company: dict[str, int] = field(default_factory=dict)
    weights_trained: dict[str, int] = field(default_factory=dict)  # company -> new version

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(ValueError):
    """The file cannot be imported at all (e.g. wrong header)."""


def _birth_date(raw: str) -> date | None:
    """Registered birth dates are ISO; an unparsable one is a bad row, not a silent None."""
    if not raw:
        return None
    try:
        born = date.fromisoformat(raw)
    except ValueError as exc:
        raise ValueError(f"birth_date {raw!r} is not YYYY-MM-DD") from exc
    if born > date.today():
        raise ValueError(f"birth_date {raw!r} lies in the future")
    return born


def _row_fields(row: dict[str, str], region: str) -> dict[str, Any]:
    """Validated fields of one CSV row; raises ValueError with the problem."""
    first, last = row["first_name"].strip(), row["last_name"].strip()
    if not last:
        raise ValueError("last_name is empty")
    # Registered names are authoritative: the validator may only refuse obvious non-names
    # (placeholders such as "Anrufer"), never tidy a real customer's name away.
    verdict = validate_name(f"{first} {last}".strip())
    if verdict.reason in {"placeholder", "number", "empty"}:
        raise ValueError(f"name {first} {last!s} is not a name ({verdict.reason})")
    phone_raw, email_raw = row["phone"].strip(), row["email"].strip()
    phone = normalise_phone(phone_raw, region) if phone_raw else None
    if phone_raw and phone is None:
        raise ValueError(f"phone {phone_raw!r} is not a phone number")
    email = normalise_email(email_raw) if email_raw else None
    if email_raw and email is None:
        raise ValueError(f"email {email_raw!r} is not an e-mail address")
    return {
        "first_name": first or None,
        "last_name": last,
        "phone_e164": phone,
        "email": email,
        "birth_date": _birth_date(row["birth_date"].strip()),
    }


def _company(
    session: Session, name: str, create: bool, report: ImportReport, cache: dict[str, Company]
) -> Company:
    if name in cache:
        return cache[name]
    company = tenancy_service.get_by_name(session=session, name=name)
    if company is None:
        if not create:
            raise ValueError(f"unknown company {name!r} (use --create-companies)")
        company = tenancy_service.create(session=session, name=name)
        report.companies_created.append(name)
    cache[name] = company
    return company


def _upsert(
    session: Session,
    company: Company,
    external_id: str,
    values: dict[str, Any],
    report: ImportReport,
) -> bool:
    """Create or update one customer; True when something changed."""
    existing = session.scalars(
        select(Customer).where(
            Customer.company_id == company.id, Customer.external_id == external_id
        )
    ).one_or_none()
    if existing is None:
        records.create_customer(
            session,
            company_id=company.id,
            status="active",
            external_id=external_id,
            source="import",
            **values,
        )
        report.created += 1
        return True
    if any(getattr(existing, k) != v for k, v in values.items()):
        records.update_customer(session, existing, **values)
        report.updated += 1
        return True
    report.unchanged += 1
    return False


def import_customers(
    session: Session, path: Path, create_companies: bool = False, learn: bool = True
) -> ImportReport:
    """Load a customer CSV; idempotent on (company, customer_id); bad rows reported, good kept.

    A large import (training.LARGE_BATCH changed customers of a company) re-estimates that
    company's match weights, unless `learn` is off."""
    report = ImportReport()
    companies: dict[str, Company] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            _import_rows(session, csv.DictReader(handle), create_companies, report, companies)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"the file is not UTF-8 text (at byte {exc.start}); nothing was imported"
        ) from exc
    session.flush()
    for name, changed in report.changed_by_company.items():
        if learn and changed >= training.LARGE_BATCH:
            version, _ = training.train(session, companies[name])
            report.weights_trained[name] = version
    return report


def _import_rows(
    session: Session,
    reader: csv.DictReader[str],
    create_companies: bool,
    report: ImportReport,
    companies: dict[str, Company],
) -> None:
    if tuple(reader.fieldnames or ()) != HEADER:
        raise ImportFileError(f"header must be {','.join(HEADER)}")
    for row in reader:
        line = reader.line_num
        try:
            if any(unstorable(v) for v in row.values() if isinstance(v, str)):
                # PostgreSQL stores neither; the row is refused whole, with a reason.
                raise ValueError("contains a NUL or an invalid character")
            external_id = (row["customer_id"] or "").strip()
            if not external_id:
                raise ValueError("customer_id is empty")
            company = _company(
                session, (row["company"] or "").strip(), create_companies, report, companies
            )
            values = _row_fields(row, company.region)
            with session.begin_nested():
                changed = _upsert(session, company, external_id, values, report)
            if changed:
                counts = report.changed_by_company
                counts[company.name] = counts.get(company.name, 0) + 1
        except (ValueError, TypeError, AttributeError) as exc:
            report.errors.append((line, str(exc)))


def _read_queries(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield storable(json.loads(line))  # "\u0000" decoded is no text to query with


def _evidence(query: Mapping[str, Any], company: Company) -> Evidence:
    """A query line's evidence: a full `name`, or `first_name` and `last_name` when the file
    keeps them apart (registers and exports often do)."""
    return evidence_from(
        name=query.get("name"),
        first_name=query.get("first_name"),
        last_name=query.get("last_name"),
        birth_date=query.get("birth_date"),
        email=query.get("email"),
        phone=query.get("from_number"),
        region=company.region,
    )


def learn_from_queries(session: Session, path: Path) -> dict[str, int]:
    """Re-estimate the weights of every company with a large batch in the file (its queries
    are its callers); returns company -> new version."""
    by_company: dict[str, list[dict[str, Any]]] = {}
    for query in _read_queries(path):
        by_company.setdefault(query.get("company") or "", []).append(query)
    trained: dict[str, int] = {}
    for name, queries in by_company.items():
        company = tenancy_service.get_by_name(session=session, name=name)
        if company is None or len(queries) < training.LARGE_BATCH:
            continue
        evidence = [(_evidence(q, company), None) for q in queries]
        trained[name], _ = training.train(session, company, evidence)
    return trained


def train_companies(
    session: Session, *, company: str | None = None, queries: Path | None = None
) -> list[tuple[str, int, dict[str, Any]]]:
    """`identity train`: a new weights version per company (or the one named), learnt from
    the calls' history or from a file of queries; TenancyError for an unknown company."""
    if company is not None:
        chosen = [tenancy_service.get_by_name_or_raise(session=session, name=company)]
    else:
        chosen = list(session.scalars(select(Company).order_by(Company.id)))
    lines = list(_read_queries(queries)) if queries else None
    results = []
    for target in chosen:
        evidence = None
        if lines is not None:
            mine = [q for q in lines if (q.get("company") or target.name) == target.name]
            evidence = [(_evidence(q, target), None) for q in mine]
        version, estimate = training.train(session, target, evidence)
        results.append((target.name, version, estimate.summary()))
    return results


def match_queries(session: Session, path: Path) -> Iterator[dict[str, Any]]:
    """One decision per query line, through the same matcher live calls use."""
    companies: dict[str, Company | None] = {}
    for query in _read_queries(path):
        name = query.get("company") or ""
        if name not in companies:
            companies[name] = tenancy_service.get_by_name(session=session, name=name)
        company = companies[name]
        if company is None:
            yield {
                "query_id": query.get("query_id"),
                "decision": "review",
                "customer_id": None,
                "confidence": 0.0,
            }
            continue
        decision = match(session=session, company=company, evidence=_evidence(query, company))
        best = decision.best
        linked = decision.decision == "link" and best is not None
        yield {
            "query_id": query.get("query_id"),
            "decision": decision.decision,
            "customer_id": best.candidate.external_id if linked and best else None,
            "confidence": round(decision.confidence, 4),
            # The most probable customer and its probability, whatever was decided.
            "best_customer_id": best.candidate.external_id if best else None,
            "probability": round(best.probability, 6) if best else 0.0,
        }
