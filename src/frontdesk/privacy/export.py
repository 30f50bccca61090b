"""Export: everything held about a person, as one JSON-ready document (GDPR Art. 15 and 20).

Rows are written column by column from the table definitions, so a column added later is
exported without anyone remembering to add it here."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import DeclarativeBase, Session

from frontdesk.db.core import utcnow
from frontdesk.privacy import holdings
from frontdesk.privacy.erasure import LINKED_FIELDS
from frontdesk.scheduling.models import Appointment

FORMAT = "frontdesk.privacy.export/1"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        # Raw provider bodies are UTF-8 as received; anything else is kept exactly, in base64.
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def row(obj: DeclarativeBase) -> dict[str, Any]:
    """Every column of a mapped row, JSON-ready."""
    return {c.key: _plain(getattr(obj, c.key)) for c in obj.__table__.columns}


def rows(objs: Iterable[DeclarativeBase]) -> list[dict[str, Any]]:
    return [row(o) for o in objs]


def _appointment(appointment: Appointment) -> dict[str, Any]:
    data = row(appointment)
    data["service_name"] = appointment.service.name
    data["staff_name"] = appointment.staff.name
    return data


def _linked(session: Session, held: holdings.Holdings) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for name in LINKED_FIELDS:
        table = holdings.linked_table(name)
        if table is not None:
            query = (
                select(table).where(holdings.linked_rows(table, held)).order_by(*table.primary_key)
            )
            found[name] = [
                {k: _plain(v) for k, v in r.items()} for r in session.execute(query).mappings()
            ]
    return found


def export_person(session: Session, *, company_id: int, customer_id: int) -> dict[str, Any]:
    """The export document; raises holdings.PersonNotFound for an id not of this company."""
    held = holdings.find(session, company_id=company_id, customer_id=customer_id)
    return {
        "format": FORMAT,
        "exported_at": utcnow().isoformat(),
        "company_id": company_id,
        "requested_customer_id": customer_id,
        "customer": row(held.person),
        "merged_customers": rows(held.customers[1:]),
        "calls": rows(held.calls),
        "function_invocations": rows(held.invocations),
        "call_enrichment": rows(held.enrichment),
        "raw_events": rows(held.events),
        "messages": rows(held.messages),
        "sms_opt_outs": rows(held.opt_outs),
        "appointments": [_appointment(a) for a in held.appointments],
        "review_items": rows(held.review_items),
        "review_actions": rows(held.review_actions),
        "merge_audits": rows(held.merges),
        **_linked(session, held),
    }
