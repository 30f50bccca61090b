"""Prüfliste: the queue with its filters, one item with all items of its call, and the actions
on them (each audited). An action that closes an item opens the next one with a German
confirmation ("Erledigt: … – nächster Eintrag")."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import actions, review_workflow
from frontdesk.dashboard.deps import CurrentViewer, DbSession, StorableText
from frontdesk.dashboard.labels import LABELS
from frontdesk.dashboard.queries import review, review_filters, review_queue
from frontdesk.dashboard.rendering import render
from frontdesk.db.core import utcnow
from frontdesk.followup import stakes

router = APIRouter(prefix="/review")


def _back(item_id: int) -> Response:
    return RedirectResponse(f"/app/review/{item_id}", status_code=303)


def _next(session: DbSession, viewer: CurrentViewer, done_id: int) -> Response:
    """Open the most urgent open item, telling what was just done; the list when none is left.
    An item the action left open (e.g. an appointment decided on another item) stays shown."""
    done = review_queue.closed_item(session=session, company_id=viewer.company_id, item_id=done_id)
    if done is None or done.status == "open":
        return _back(done_id)
    next_id = review_queue.next_item_id(session=session, company_id=viewer.company_id, now=utcnow())
    target = f"/app/review/{next_id}" if next_id is not None else "/app/review"
    return RedirectResponse(f"{target}?{urlencode({'done': done_id})}", status_code=303)


def _done_id(request: Request) -> int | None:
    raw = request.query_params.get("done", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


@router.get("")
def queue(request: Request, session: DbSession, viewer: CurrentViewer) -> Response:
    now = utcnow()
    kinds = list(LABELS["review_reason"])
    found, parsed = review_queue.queue_page(
        session=session,
        company_id=viewer.company_id,
        params=request.query_params,
        kinds=kinds,
        viewer_email=viewer.email,
        now=now,
    )
    return render(
        request,
        "review_list.html",
        {
            "queue": found,
            "filters": parsed.filters,
            "errors": parsed.errors,
            "kinds": kinds,
            "ages": review_filters.AGES,
            "sorts": review_filters.SORTS,
            "priority_names": stakes.PRIORITY_NAMES,
            "done": review.confirmation(
                session=session, company_id=viewer.company_id, item_id=_done_id(request)
            ),
            "resolved": review.recently_resolved(session=session, company_id=viewer.company_id),
            "now": now,
        },
        status_code=400 if parsed.errors else 200,
    )


@router.get("/{item_id}")
def item(request: Request, session: DbSession, viewer: CurrentViewer, item_id: int) -> Response:
    now = utcnow()
    view = review.item_view(
        session=session,
        company_id=viewer.company_id,
        item_id=item_id,
        agent_names=viewer.agent_names,
        now=now,
    )
    return render(
        request,
        "review_item.html",
        {
            "view": view,
            "done": review.confirmation(
                session=session, company_id=viewer.company_id, item_id=_done_id(request)
            ),
            "now": now,
        },
    )


@router.post("/{item_id}/close")
def close(
    session: DbSession,
    viewer: CurrentViewer,
    item_id: int,
    resolution: Annotated[str, Form(max_length=20)] = "done",
    note: Annotated[StorableText, Form(max_length=2000)] = "",
) -> Response:
    """Erledigt / zurückgerufen: this item and all open items of its call, with the note."""
    review_workflow.close_with_call(
        session=session,
        company_id=viewer.company_id,
        user_id=viewer.user_id,
        item_id=item_id,
        resolution=resolution,
        note=note,
    )
    return _next(session, viewer, item_id)


@router.post("/{item_id}/link")
def link(
    session: DbSession, viewer: CurrentViewer, item_id: int, customer_id: Annotated[int, Form()]
) -> Response:
    actions.link_to_candidate(
        session=session,
        company_id=viewer.company_id,
        user_id=viewer.user_id,
        item_id=item_id,
        customer_id=customer_id,
    )
    return _next(session, viewer, item_id)


@router.post("/{item_id}/undo")
def undo(session: DbSession, viewer: CurrentViewer, item_id: int) -> Response:
    actions.undo_link(
        session=session, company_id=viewer.company_id, user_id=viewer.user_id, item_id=item_id
    )
    return _back(item_id)


@router.post("/{item_id}/new-customer")
def new_customer(
    session: DbSession,
    viewer: CurrentViewer,
    item_id: int,
    name: Annotated[str, Form(max_length=200)],
) -> Response:
    actions.new_customer(
        session=session,
        company_id=viewer.company_id,
        user_id=viewer.user_id,
        item_id=item_id,
        name=name,
        agent_names=viewer.agent_names,
    )
    return _next(session, viewer, item_id)


@router.post("/{item_id}/no-data")
def no_data(session: DbSession, viewer: CurrentViewer, item_id: int) -> Response:
    actions.no_identifying_data(
        session=session, company_id=viewer.company_id, user_id=viewer.user_id, item_id=item_id
    )
    return _next(session, viewer, item_id)


@router.post("/{item_id}/appointment")
def appointment(
    session: DbSession,
    viewer: CurrentViewer,
    item_id: int,
    appointment_id: Annotated[int, Form()],
    decision: Annotated[str, Form(pattern="^(confirm|cancel)$")],
) -> Response:
    actions.decide_appointment(
        session=session,
        company_id=viewer.company_id,
        user_id=viewer.user_id,
        item_id=item_id,
        appointment_id=appointment_id,
        confirm=decision == "confirm",
    )
    return _next(session, viewer, item_id)


@router.post("/{item_id}/note")
def note(
    session: DbSession,
    viewer: CurrentViewer,
    item_id: int,
    text: Annotated[StorableText, Form(max_length=2000)],
) -> Response:
    actions.add_note(
        session=session,
        company_id=viewer.company_id,
        user_id=viewer.user_id,
        item_id=item_id,
        text=text,
    )
    return _back(item_id)


@router.post("/{item_id}/assign")
def assign(
    session: DbSession,
    viewer: CurrentViewer,
    item_id: int,
    assignee_id: Annotated[int | None, Form()] = None,
    to_me: Annotated[str | None, Form()] = None,
) -> Response:
    actions.assign(
        session=session,
        company_id=viewer.company_id,
        user_id=viewer.user_id,
        item_id=item_id,
        assignee_id=viewer.user_id if to_me else assignee_id,
    )
    return _back(item_id)
