"""Editing a customer's name, birth date, phone and e-mail at the desk.

Every value passes the same checks as on the phone (the name validator, the birth-date reader,
phone and e-mail normalisation); the record is written through identity's one write path (match
keys and surname index kept in step). Each change is audited on the record: who, when, which
field from what to what, kept in `Customer.extra["edits"]` (privacy export shows it with the
record, erasure empties it with the record), plus a log line without the values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import structlog
from sqlalchemy.orm import Session

from frontdesk.dashboard.errors import ActionRefused
from frontdesk.dashboard.labels import label
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.db.core import utcnow
from frontdesk.identity import records
from frontdesk.identity.models import Customer
from frontdesk.identity.normalise import normalise_email, parse_birth_date
from frontdesk.names.validator import validate_name
from frontdesk.phones import normalise_phone

EDITS_KEY = "edits"
FIELD_NAMES = {
    "first_name": "Vorname",
    "last_name": "Nachname",
    "birth_date": "Geburtsdatum",
    "phone_e164": "Telefon",
    "email": "E-Mail",
}
_NOT_EDITABLE = ("merged", "erased")
log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class CustomerEdit:
    """The edit form as typed."""

    first_name: str = ""
    last_name: str = ""
    birth_date: str = ""
    phone: str = ""
    email: str = ""


class EditRefused(ActionRefused):
    """One or more fields do not pass; `errors` says why per field, in German."""

    status_code = 422

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def _clean(text: str) -> str:
    return " ".join(text.split())


def validated(
    edit: CustomerEdit, *, agent_names: tuple[str, ...], region: str, today: date
) -> dict[str, Any]:
    """The new field values, or EditRefused naming every field that does not pass."""
    errors: dict[str, str] = {}
    first, last = _clean(edit.first_name), _clean(edit.last_name)
    if not last:
        errors["last_name"] = "Bitte einen Nachnamen eingeben."
    else:
        verdict = validate_name(f"{first} {last}".strip(), agent_names=agent_names, addressed=True)
        if not verdict.ok:
            why = label(verdict.reason, "rejection_reason")
            errors["last_name"] = f"„{first} {last}“ ist kein gültiger Name ({why})."
    born: date | None = None
    if edit.birth_date.strip():
        born = parse_birth_date(edit.birth_date, today=today)
        if born is None:
            errors["birth_date"] = (
                f"„{edit.birth_date.strip()}“ ist kein gültiges Geburtsdatum (z. B. 12.06.1992)."
            )
    phone = None
    if edit.phone.strip():
        phone = normalise_phone(edit.phone, region)
        if phone is None:
            errors["phone_e164"] = f"„{edit.phone.strip()}“ ist keine gültige Telefonnummer."
    email = None
    if edit.email.strip():
        email = normalise_email(edit.email)
        if email is None:
            errors["email"] = f"„{edit.email.strip()}“ ist keine gültige E-Mail-Adresse."
    if errors:
        raise EditRefused(errors)
    return {
        "first_name": first or None,
        "last_name": last,
        "birth_date": born,
        "phone_e164": phone,
        "email": email,
    }


def _shown(value: object) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    return None if value is None else str(value)


def edit_customer(
    *,
    session: Session,
    company_id: int,
    user_id: int,
    actor: str,
    customer_id: int,
    edit: CustomerEdit,
    agent_names: tuple[str, ...] = (),
    region: str = "DE",
    today: date | None = None,
    now: datetime | None = None,
) -> list[str]:
    """Apply the edit; the names of the fields that changed (none: nothing written)."""
    now = now or utcnow()
    customer = get_owned(session, Customer, customer_id, company_id)
    if customer.status in _NOT_EDITABLE:
        raise ActionRefused(
            "Dieser Datensatz wurde zusammengeführt oder gelöscht und kann nicht bearbeitet werden."
        )
    values = validated(edit, agent_names=agent_names, region=region, today=today or now.date())
    changes = {
        name: [_shown(getattr(customer, name)), _shown(value)]
        for name, value in values.items()
        if getattr(customer, name) != value
    }
    if not changes:
        return []
    entry = {"at": now.isoformat(), "by": actor, "user_id": user_id, "changes": changes}
    extra = dict(customer.extra or {})
    extra[EDITS_KEY] = [*extra.get(EDITS_KEY, []), entry]  # a new list: the JSON is written
    records.update_customer(
        session, customer, **{name: values[name] for name in changes}, extra=extra
    )
    log.info(
        "customer_edited",
        company_id=company_id,
        customer_id=customer.id,
        fields=sorted(changes),
        user_id=user_id,
    )
    return sorted(changes)


@dataclass(frozen=True)
class EditLine:
    at: datetime
    by: str
    fields: list[str]  # German field names


def edit_history(customer: Customer) -> list[EditLine]:
    """The record's desk edits, newest first."""
    lines = []
    for entry in (customer.extra or {}).get(EDITS_KEY, []):
        try:
            at = datetime.fromisoformat(str(entry["at"]))
        except (KeyError, ValueError):
            continue
        given = entry.get("changes", {})  # PostgreSQL's JSONB does not keep the key order
        changed = [text for name, text in FIELD_NAMES.items() if name in given]
        lines.append(EditLine(at=at, by=str(entry.get("by", "")), fields=changed))
    return sorted(lines, key=lambda line: line.at, reverse=True)
