"""Bearbeiten: a customer's name, birth date, phone and e-mail, validated and audited."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from frontdesk.dashboard import customer_edits
from frontdesk.dashboard.customer_edits import CustomerEdit, EditRefused
from frontdesk.dashboard.deps import CurrentViewer, DbSession, StorableText
from frontdesk.dashboard.queries.scoped import get_owned
from frontdesk.dashboard.rendering import render
from frontdesk.identity.models import Customer
from frontdesk.tenancy.models import Company

router = APIRouter(prefix="/customers")


def _as_typed(customer: Customer) -> CustomerEdit:
    born = customer.birth_date
    return CustomerEdit(
        first_name=customer.first_name or "",
        last_name=customer.last_name or "",
        birth_date=born.strftime("%d.%m.%Y") if born else "",
        phone=customer.phone_e164 or "",
        email=customer.email or "",
    )


def _page(
    request: Request,
    customer: Customer,
    typed: CustomerEdit,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    context = {
        "c": customer,
        "typed": typed,
        "errors": errors or {},
        "history": customer_edits.edit_history(customer),
        "field_names": customer_edits.FIELD_NAMES,
    }
    return render(request, "customer_edit.html", context, status_code=status)


@router.get("/{customer_id}/edit")
def edit_page(
    request: Request, session: DbSession, viewer: CurrentViewer, customer_id: int
) -> Response:
    customer = get_owned(session, Customer, customer_id, viewer.company_id)
    return _page(request, customer, _as_typed(customer))


@router.post("/{customer_id}/edit")
def save(
    request: Request,
    session: DbSession,
    viewer: CurrentViewer,
    customer_id: int,
    first_name: Annotated[StorableText, Form(max_length=100)] = "",
    last_name: Annotated[StorableText, Form(max_length=150)] = "",
    birth_date: Annotated[StorableText, Form(max_length=40)] = "",
    phone: Annotated[StorableText, Form(max_length=40)] = "",
    email: Annotated[StorableText, Form(max_length=254)] = "",
) -> Response:
    """Saved: back to the customer's page. Refused: the form again, as typed, with why."""
    customer = get_owned(session, Customer, customer_id, viewer.company_id)
    typed = CustomerEdit(first_name, last_name, birth_date, phone, email)
    company = session.get(Company, viewer.company_id)
    try:
        changed = customer_edits.edit_customer(
            session=session,
            company_id=viewer.company_id,
            user_id=viewer.user_id,
            actor=viewer.email,
            customer_id=customer.id,
            edit=typed,
            agent_names=viewer.agent_names,
            region=company.region if company else "DE",
            today=datetime.now(viewer.timezone).date(),
        )
    except EditRefused as refused:
        return _page(request, customer, typed, refused.errors, status=refused.status_code)
    suffix = "?geaendert=" + ",".join(changed) if changed else ""
    return RedirectResponse(f"/app/customers/{customer.id}{suffix}", status_code=303)
