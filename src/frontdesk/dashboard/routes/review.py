"""Prüfliste: the queue, one item, and the actions on it (each audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import actions
from frontdesk.dashboard.deps import CurrentViewer, DbSession, StorableText
from frontdesk.dashboard.queries import review
from frontdesk.dashboard.rendering import render
from frontdesk.db.core import utcnow

router = APIRouter(prefix="/review")


def _back(item_id: int) -> Response:
    return RedirectResponse(f"/app/review/{item_id}", status_code=303)


@router.get("")
def queue(request: Request, session: DbSession, viewer: CurrentViewer) -> Response:
    return render(
        request,
        "review_list.html",
        {
            "rows": review.open_queue(session=session, company_id=viewer.company_id),
            "counts": review.open_counts(session=session, company_id=viewer.company_id),
            "resolved": review.recently_resolved(session=session, company_id=viewer.company_id),
            "reasons": review.REASON_LABELS,
            "priorities": review.PRIORITY_LABELS,
            "now": utcnow(),
        },
    )


@router.get("/{item_id}")
def item(request: Request, session: DbSession, viewer: CurrentViewer, item_id: int) -> Response:
    view = review.item_view(
        session=session,
        company_id=viewer.company_id,
        item_id=item_id,
        agent_names=viewer.agent_names,
    )
    return render(
        request,
        "review_item.html",
        {
            "view": view,
            "reasons": review.REASON_LABELS,
            "priorities": review.PRIORITY_LABELS,
            "now": utcnow(),
        },
    )


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
    return _back(item_id)


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
    return _back(item_id)


@router.post("/{item_id}/no-data")
def no_data(session: DbSession, viewer: CurrentViewer, item_id: int) -> Response:
    actions.no_identifying_data(
        session=session, company_id=viewer.company_id, user_id=viewer.user_id, item_id=item_id
    )
    return _back(item_id)


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
    return _back(item_id)


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
) -> Response:
    actions.assign(
        session=session,
        company_id=viewer.company_id,
        user_id=viewer.user_id,
        item_id=item_id,
        assignee_id=assignee_id,
    )
    return _back(item_id)
