"""History entries as German sentences: what a person (or the machine) did to a review item
or to a customer record, e.g. "owner@praxis.de hat den Anruf Markus Richter (geb. 12.06.1992)
zugeordnet – rückgängig gemacht um 10:14".

Ids in the audit rows are resolved to names and birth dates within the rows' own company only:
a name of another company is never read, whatever an id points at."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from frontdesk.accounts.models import ReviewAction
from frontdesk.dashboard.formats import day_label
from frontdesk.dashboard.labels import label
from frontdesk.identity.models import Customer, MergeAudit
from frontdesk.scheduling.models import Appointment

# Who acted when no person did (identity.resolution.SYSTEM_ACTOR and friends start so).
_MACHINE_PREFIX = "frontdesk"
MACHINE = "Die Assistenz"
_Row = TypeVar("_Row", Customer, Appointment, MergeAudit)


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    action: str  # the stored action, for markup and tests
    sentence: str


def who(actor: str | None) -> str:
    if not actor or actor.startswith(_MACHINE_PREFIX):
        return MACHINE
    return actor


def person(customer: Customer | None, customer_id: object = None) -> str:
    """ "Markus Richter (geb. 12.06.1992)"; a record without a name by its label or number."""
    if customer is None:
        return f"Kunde {customer_id}" if customer_id is not None else "eine unbekannte Person"
    name = customer.full_name or customer.label or f"Kunde {customer.id}"
    if customer.birth_date is not None:
        return f"{name} (geb. {customer.birth_date.strftime('%d.%m.%Y')})"
    return name


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _by_id(
    session: Session, model: type[_Row], company_id: int, ids: Iterable[int | None]
) -> dict[int, _Row]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.scalars(
        select(model).where(model.company_id == company_id, model.id.in_(wanted))
    )
    return {row.id: row for row in rows}


class _Context:
    """The company's records the rows refer to, loaded once for all rows."""

    def __init__(
        self, session: Session, company_id: int, actions: Sequence[ReviewAction], tz: ZoneInfo
    ) -> None:
        self.tz = tz
        details = [a.details if isinstance(a.details, dict) else {} for a in actions]
        self.merges = _by_id(
            session, MergeAudit, company_id, (_int(d.get("merge_id")) for d in details)
        )
        customer_ids = [
            _int(d.get(key)) for d in details for key in ("customer_id", "from_customer_id")
        ] + [m.into_customer_id for m in self.merges.values()]
        self.customers = _by_id(session, Customer, company_id, customer_ids)
        self.appointments = _by_id(
            session, Appointment, company_id, (_int(d.get("appointment_id")) for d in details)
        )

    def customer(self, value: object) -> str:
        customer_id = _int(value)
        return person(self.customers.get(customer_id or 0), customer_id)

    def appointment(self, value: object) -> str:
        appointment = self.appointments.get(_int(value) or 0)
        if appointment is None:
            return "den Termin"
        start = appointment.starts_at.astimezone(self.tz)
        return (
            f"den Termin {day_label(start.date())}, {start.strftime('%H:%M')} "
            f"({appointment.service.name})"
        )

    def clock(self, moment: datetime) -> str:
        return moment.astimezone(self.tz).strftime("%H:%M")


def _undone(actions: Sequence[ReviewAction]) -> dict[object, ReviewAction]:
    """The undo of each link, by the merge it undid."""
    return {
        (a.details or {}).get("merge_id"): a
        for a in actions
        if a.action == "undo_link" and (a.details or {}).get("merge_id") is not None
    }


def _sentence(action: ReviewAction, ctx: _Context, undone: dict[object, ReviewAction]) -> str:
    actor = who(action.actor)
    d: dict[str, Any] = action.details if isinstance(action.details, dict) else {}
    match action.action:
        case "note":
            return f"{actor} hat notiert: „{d.get('text', '')}“"
        case "assign":
            assignee = d.get("assignee")
            if not assignee:
                return f"{actor} hat die Zuweisung aufgehoben"
            return f"{actor} hat den Eintrag {who(str(assignee))} zugewiesen"
        case "link":
            text = f"{actor} hat den Anruf {ctx.customer(d.get('customer_id'))} zugeordnet"
            undo = undone.get(d.get("merge_id"))
            if undo is not None and undo.id > action.id:
                text += f" – rückgängig gemacht um {ctx.clock(undo.created_at)}"
            return text
        case "undo_link":
            merge = ctx.merges.get(_int(d.get("merge_id")) or 0)
            into = ctx.customer(merge.into_customer_id) if merge is not None else None
            target = f" zu {into}" if into else ""
            return f"{actor} hat die Zuordnung{target} rückgängig gemacht"
        case "new_customer":
            name = d.get("name") or ctx.customer(d.get("customer_id"))
            return f"{actor} hat {name} als neuen Kunden angelegt"
        case "no_identifying_data":
            return f"{actor} hat den Eintrag ohne Angaben zur Person abgeschlossen"
        case "confirm_appointment":
            return f"{actor} hat {ctx.appointment(d.get('appointment_id'))} bestätigt"
        case "cancel_appointment":
            return f"{actor} hat {ctx.appointment(d.get('appointment_id'))} abgesagt"
        case "done":
            return _with_note(f"{actor} hat den Eintrag erledigt", d)
        case "called_back":
            return _with_note(f"{actor} hat zurückgerufen", d)
    # An action this module does not know yet: its label, and a note if one came with it.
    return _with_note(f"{actor}: {label(action.action, 'audit_action')}", d)


def _with_note(text: str, details: dict[str, Any]) -> str:
    note = details.get("note") or details.get("text")
    return f"{text} – „{note}“" if isinstance(note, str) and note else text


def action_lines(
    *, session: Session, company_id: int, actions: Sequence[ReviewAction], tz: ZoneInfo
) -> list[HistoryLine]:
    """A review item's audit rows as sentences, in the order given."""
    own = [a for a in actions if a.company_id == company_id]
    ctx = _Context(session, company_id, own, tz)
    undone = _undone(own)
    return [HistoryLine(a.created_at, a.action, _sentence(a, ctx, undone)) for a in own]


def merge_lines(
    *, session: Session, company_id: int, merges: Sequence[MergeAudit], tz: ZoneInfo
) -> list[HistoryLine]:
    """Merges of customer records as sentences, e.g. "Die Assistenz hat Jutta Maier mit
    Jutta Meyer (geb. 02.04.1971) zusammengeführt (Übereinstimmung)"."""
    own = [m for m in merges if m.company_id == company_id]
    customers = _by_id(
        session,
        Customer,
        company_id,
        [m.from_customer_id for m in own] + [m.into_customer_id for m in own],
    )
    lines = []
    for m in own:
        # The folded record keeps its own name until erased; its "before" snapshot is exact.
        source = customers.get(m.from_customer_id)
        text = (
            f"{who(m.actor)} hat {person(source, m.from_customer_id)} mit "
            f"{person(customers.get(m.into_customer_id), m.into_customer_id)} zusammengeführt"
        )
        if m.reason:
            text += f" ({label(m.reason, 'match_reason')})"
        if m.undone_at is not None:
            text += (
                f" – rückgängig gemacht um {m.undone_at.astimezone(tz).strftime('%H:%M')}"
                f" von {who(m.undone_by)}"
            )
        lines.append(HistoryLine(m.created_at, "merge", text))
    return lines


def lines_for_rows(actions: Sequence[ReviewAction], tz: ZoneInfo) -> list[HistoryLine]:
    """For templates that get audit rows from a query they do not own: the rows' own session
    and company (all rows of one list belong to one item, hence one company)."""
    if not actions:
        return []
    session = object_session(actions[0])
    if session is None:
        return [HistoryLine(a.created_at, a.action, f"{who(a.actor)}: {a.action}") for a in actions]
    return action_lines(session=session, company_id=actions[0].company_id, actions=actions, tz=tz)
