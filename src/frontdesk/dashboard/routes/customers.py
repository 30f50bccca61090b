"""Kunden: search (page and results fragment) and one customer's page."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.dashboard.deps import CurrentViewer, DbSession
from frontdesk.dashboard.queries import customers
from frontdesk.dashboard.rendering import is_fragment_request, render

router = APIRouter(prefix="/customers")


@router.get("")
def search(request: Request, session: DbSession, viewer: CurrentViewer, q: str = "") -> Response:
    query = q.strip()[:200]
    results = (
        customers.search(session=session, company_id=viewer.company_id, query=query)
        if query
        else customers.recent(session=session, company_id=viewer.company_id)
    )
    context = {"q": query, "results": results}
    template = "_customer_results.html" if is_fragment_request(request) else "customers.html"
    return render(request, template, context)


@router.get("/{customer_id}")
def customer(
    request: Request, session: DbSession, viewer: CurrentViewer, customer_id: int
) -> Response:
    page = customers.customer_page(
        session=session, company_id=viewer.company_id, customer_id=customer_id, tz=viewer.timezone
    )
    return render(request, "customer.html", {"page": page})
