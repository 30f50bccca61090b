"""What a person does to a review item: each action calls the owning domain and is audited."""

from __future__ import annotations

from sqlalchemy.orm import Session

from frontdesk.accounts import audit
from frontdesk.accounts import service as accounts_service
from frontdesk.accounts.models import User
from frontdesk.calls.models import Call
from frontdesk.dashboard import ports
from frontdesk.dashboard.errors import ActionRefused, NotFound
from frontdesk.dashboard.queries.review import candidates
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.followup import service as followup_service
from frontdesk.followup.models import ReviewItem
from frontdesk.names.validator import validate_name
from frontdesk.scheduling.models import PENDING, Appointment

NOTE_MAX = 2000


def _actor(session: Session, company_id: int, user_id: int) -> User:
    user = accounts_service.get(session=session, company_id=company_id, user_id=user_id)
    if user is None:
        raise NotFound()
    return user


def _call(session: Session, company_id: int, item: ReviewItem) -> Call | None:
    call = session.get(Call, item.call_id) if item.call_id else None
    return call if call is not None and call.company_id == company_id else None


def _open_item(session: Session, company_id: int, item_id: int) -> ReviewItem:
    item = get_owned(session, ReviewItem, item_id, company_id)
    if item.status != "open":
        raise ActionRefused("Dieser Eintrag ist bereits erledigt.")
    return item


def add_note(*, session: Session, company_id: int, user_id: int, item_id: int, text: str) -> None:
    item = get_owned(session, ReviewItem, item_id, company_id)
    note = text.strip()[:NOTE_MAX]
    if not note:
        raise ActionRefused("Die Notiz ist leer.")
    user = _actor(session, company_id, user_id)
    audit.record(
        session=session,
        company_id=company_id,
        review_item_id=item.id,
        user=user,
        action="note",
        details={"text": note},
    )


def assign(
    *, session: Session, company_id: int, user_id: int, item_id: int, assignee_id: int | None
) -> None:
    item = get_owned(session, ReviewItem, item_id, company_id)
    user = _actor(session, company_id, user_id)
    assignee = _actor(session, company_id, assignee_id) if assignee_id else None
    item.assigned_to = assignee.email if assignee else None
    audit.record(
        session=session,
        company_id=company_id,
        review_item_id=item.id,
        user=user,
        action="assign",
        details={"assignee": item.assigned_to},
    )


def link_to_candidate(
    *, session: Session, company_id: int, user_id: int, item_id: int, customer_id: int
) -> None:
    """Fold the call's provisional customer into a listed candidate (identity's merge)."""
    item = _open_item(session, company_id, item_id)
    chosen = [
        c
        for c in candidates(session=session, company_id=company_id, details=item.details)
        if c.customer.id == customer_id
    ]
    if not chosen or item.customer_id is None:
        raise NotFound()
    user = _actor(session, company_id, user_id)
    from_id = item.customer_id
    with ports.refusals():
        audit_id = ports.merge_into(
            session=session,
            company_id=company_id,
            call=_call(session, company_id, item),
            from_id=from_id,
            into_id=customer_id,
            actor=user.email,
        )
    followup_service.resolve(session=session, item=item, resolution="linked")
    audit.record(
        session=session,
        company_id=company_id,
        review_item_id=item.id,
        user=user,
        action="link",
        details={"from_customer_id": from_id, "customer_id": customer_id, "merge_id": audit_id},
    )


def undo_link(*, session: Session, company_id: int, user_id: int, item_id: int) -> None:
    """Undo the item's last link exactly (identity's undo) and reopen the item."""
    item = get_owned(session, ReviewItem, item_id, company_id)
    last = audit.last_of(
        session=session, company_id=company_id, review_item_id=item.id, action="link"
    )
    undone = audit.last_of(
        session=session, company_id=company_id, review_item_id=item.id, action="undo_link"
    )
    if last is None or item.resolution != "linked" or (undone and undone.id > last.id):
        raise ActionRefused("Hier gibt es keine Zuordnung zum Rückgängigmachen.")
    user = _actor(session, company_id, user_id)
    with ports.refusals():
        ports.undo_merge(
            session=session,
            company_id=company_id,
            audit_id=int(last.details["merge_id"]),
            actor=user.email,
        )
    item.status, item.resolution, item.resolved_at = "open", None, None
    item.customer_id = int(last.details["from_customer_id"])
    audit.record(
        session=session,
        company_id=company_id,
        review_item_id=item.id,
        user=user,
        action="undo_link",
        details={"merge_id": last.details["merge_id"]},
    )


def new_customer(
    *,
    session: Session,
    company_id: int,
    user_id: int,
    item_id: int,
    name: str,
    agent_names: tuple[str, ...] = (),
) -> None:
    """Make the provisional record a real customer under a validated name."""
    item = _open_item(session, company_id, item_id)
    verdict = validate_name(name, agent_names=agent_names)
    if verdict.name is None or verdict.last_name is None:
        raise ActionRefused(f"Das ist kein gültiger Name ({verdict.reason or 'unbekannt'}).")
    if item.customer_id is None:
        raise ActionRefused("An diesem Eintrag hängt kein vorläufiger Kunde.")
    user = _actor(session, company_id, user_id)
    with ports.refusals():
        ports.promote(
            session=session,
            company_id=company_id,
            call=_call(session, company_id, item),
            customer_id=item.customer_id,
            first_name=verdict.first_name,
            last_name=verdict.last_name,
        )
    followup_service.resolve(session=session, item=item, resolution="new_customer")
    audit.record(
        session=session,
        company_id=company_id,
        review_item_id=item.id,
        user=user,
        action="new_customer",
        details={"name": verdict.name, "customer_id": item.customer_id},
    )


def no_identifying_data(*, session: Session, company_id: int, user_id: int, item_id: int) -> None:
    item = _open_item(session, company_id, item_id)
    user = _actor(session, company_id, user_id)
    followup_service.resolve(session=session, item=item, resolution="no_identifying_data")
    audit.record(
        session=session,
        company_id=company_id,
        review_item_id=item.id,
        user=user,
        action="no_identifying_data",
    )


def decide_appointment(
    *,
    session: Session,
    company_id: int,
    user_id: int,
    item_id: int,
    appointment_id: int,
    confirm: bool,
) -> None:
    """Confirm or cancel the appointment hanging on the item (scheduling's rules)."""
    item = get_owned(session, ReviewItem, item_id, company_id)
    appointment = get_owned(session, Appointment, appointment_id, company_id)
    if item.call_id is None or appointment.call_id != item.call_id:
        raise NotFound()
    user = _actor(session, company_id, user_id)
    with ports.refusals():
        if confirm:
            if appointment.status != PENDING:
                raise ActionRefused("Der Termin ist nicht unbestätigt.")
            ports.confirm_pending(session=session, company_id=company_id, call_id=item.call_id)
        else:
            ports.cancel_appointment(
                session=session, company_id=company_id, appointment_id=appointment.id
            )
    if item.status == "open" and item.reason == "pending_confirmation":
        resolution = "confirmed" if confirm else "cancelled"
        followup_service.resolve(session=session, item=item, resolution=resolution)
    audit.record(
        session=session,
        company_id=company_id,
        review_item_id=item.id,
        user=user,
        action="confirm_appointment" if confirm else "cancel_appointment",
        details={"appointment_id": appointment.id},
    )
