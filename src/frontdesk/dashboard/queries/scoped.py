"""Fetch one row by id within a company: another company's id is indistinguishable from none."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from frontdesk.dashboard.errors import NotFound


class _Owned(Protocol):
    company_id: Any


T = TypeVar("T", bound=_Owned)


def get_owned(session: Session, model: type[T], row_id: int, company_id: int) -> T:
    """The row when it exists and belongs to the company; NotFound (404) otherwise."""
    row = session.get(model, row_id)
    if row is None or row.company_id != company_id:
        raise NotFound()
    return row
