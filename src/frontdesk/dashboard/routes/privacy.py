"""Datenschutz (owners only): a person's data as a JSON download, or erased after confirmation.

Both are audited: the erasure record names who erased whom and when; an export leaves a
structured log line with the same facts (the dashboard has no table for reads)."""

from __future__ import annotations

import json
from typing import Annotated

import structlog
from fastapi import APIRouter, Form
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard.deps import CurrentViewer, DbSession, Viewer
from frontdesk.dashboard.errors import ActionRefused, DashboardError, NotFound
from frontdesk.dashboard.labels import export_meanings
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.rendering import render
from frontdesk.identity.models import Customer
from frontdesk.privacy.erasure import erase_person, is_erased
from frontdesk.privacy.export import export_person
from frontdesk.privacy.holdings import PersonNotFound
from frontdesk.privacy.models import Erasure
from frontdesk.privacy.retention import retention_days
from frontdesk.settings import Settings
from frontdesk.tenancy.models import Company

router = APIRouter(prefix="/privacy")
log = structlog.get_logger(__name__)
OWNER = "owner"
CONFIRM_WORD = "LÖSCHEN"
RECENT_ERASURES = 50


class OwnersOnly(DashboardError):
    status_code = 403
    message = "Nur Inhaber dürfen Daten exportieren oder löschen."


def _owner(viewer: Viewer) -> Viewer:
    if viewer.role != OWNER:
        raise OwnersOnly()
    return viewer


def _customer(session: DbSession, viewer: Viewer, customer_id: int) -> Customer:
    return get_owned(session, Customer, customer_id, viewer.company_id)


@router.get("")
def privacy_page(request: Request, session: DbSession, viewer: CurrentViewer) -> Response:
    """The company's retention period and its erasure log."""
    _owner(viewer)
    company = session.get(Company, viewer.company_id)
    settings: Settings = request.app.state.settings
    erasures = session.scalars(
        select(Erasure)
        .where(Erasure.company_id == viewer.company_id)
        .order_by(Erasure.erased_at.desc(), Erasure.id.desc())
        .limit(RECENT_ERASURES)
    ).all()
    days = retention_days(company, settings.retention_days) if company else None
    return render(request, "privacy.html", {"erasures": erasures, "retention_days": days})


@router.get("/customers/{customer_id}")
def customer_privacy(
    request: Request, session: DbSession, viewer: CurrentViewer, customer_id: int
) -> Response:
    """Export link and the erase confirmation form for one customer."""
    _owner(viewer)
    customer = _customer(session, viewer, customer_id)
    context = {"c": customer, "erased": is_erased(customer), "confirm_word": CONFIRM_WORD}
    return render(request, "privacy_customer.html", context)


@router.get("/customers/{customer_id}/export")
def export_download(session: DbSession, viewer: CurrentViewer, customer_id: int) -> Response:
    _owner(viewer)
    try:
        document = export_person(session, company_id=viewer.company_id, customer_id=customer_id)
    except PersonNotFound as exc:
        raise NotFound() from exc
    log.info(
        "privacy.export",
        actor=viewer.email,
        user_id=viewer.user_id,
        company_id=viewer.company_id,
        customer_id=customer_id,
    )
    document["bedeutungen"] = export_meanings(document)  # the stored words in German
    body = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    name = f"kunde-{customer_id}-daten.json"
    return Response(
        body,
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",  # personal data: never left in a shared cache
        },
    )


@router.post("/customers/{customer_id}/erase")
def erase(
    session: DbSession,
    viewer: CurrentViewer,
    customer_id: int,
    confirm: Annotated[str, Form()] = "",
) -> Response:
    _owner(viewer)
    _customer(session, viewer, customer_id)
    if confirm.strip().upper() != CONFIRM_WORD:
        raise ActionRefused(f"Zum Löschen bitte „{CONFIRM_WORD}“ eingeben.")
    try:
        erasure, _fresh = erase_person(
            session, company_id=viewer.company_id, customer_id=customer_id, actor=viewer.email
        )
    except PersonNotFound as exc:
        raise NotFound() from exc
    log.info(
        "privacy.erase",
        actor=viewer.email,
        company_id=viewer.company_id,
        customer_id=erasure.customer_id,
        erasure_id=erasure.id,
    )
    return RedirectResponse(f"/app/privacy/customers/{erasure.customer_id}", status_code=303)
