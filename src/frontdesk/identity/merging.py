"""Merging one customer record into another, with an audit row that undoes it exactly.

The rows that move are found from the metadata, not from a list kept by hand: every column
with a foreign key to customers.id (calls, review items, appointments, messages, whatever
another package adds later), except the merge pointer customers.merged_into_id itself."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Column,
    CompoundSelect,
    Integer,
    Table,
    bindparam,
    literal,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.orm import Mapper, Session, object_mapper
from sqlalchemy.orm.util import identity_key

from frontdesk.calls.models import Call
from frontdesk.db.core import all_tables, utcnow
from frontdesk.identity import records
from frontdesk.identity.models import Customer, MergeAudit


class MergeError(ValueError):
    """A merge or undo that cannot be done as asked."""


_FIELDS = (
    "status",
    "first_name",
    "last_name",
    "salutation",
    "phone_e164",
    "email",
    "birth_date",
    "merged_into_id",
    "label",
)
_FILLED = ("first_name", "last_name", "salutation", "phone_e164", "email", "birth_date")
_CALL_LINK = ("link_status", "link_method", "link_confidence", "identified_at")


@lru_cache(maxsize=1)
def customer_references() -> list[tuple[Table, Column[Any]]]:
    """(table, column) of every foreign key to customers.id except the merge pointer (the
    schema is fixed once the models are imported: computed once per process)."""
    found = []
    for table in all_tables().sorted_tables:
        for column in table.columns:
            if table.name == "customers" and column.name == "merged_into_id":
                continue
            if any(fk.target_fullname == "customers.id" for fk in column.foreign_keys):
                found.append((table, column))
    return found


@lru_cache(maxsize=1)
def _references_statement() -> CompoundSelect[tuple[int, Any]]:
    """Every row that refers to one customer, tagged with its reference's position, in one
    statement (a merge runs while the caller speaks: one round trip, not one per table)."""
    parts = [
        select(literal(position, Integer()), _primary_key(table)).where(
            column == bindparam("customer_id")
        )
        for position, (table, column) in enumerate(customer_references())
    ]
    return union_all(*parts).order_by(text("1"), text("2"))


def _referring_rows(session: Session, customer_id: int) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    for position, key in session.execute(
        _references_statement(), {"customer_id": customer_id}
    ).tuples():
        found[position].append(key)
    return found


def _snapshot(customer: Customer) -> dict[str, Any]:
    data = {f: getattr(customer, f) for f in _FIELDS}
    data["birth_date"] = customer.birth_date.isoformat() if customer.birth_date else None
    return data


def _restore(session: Session, customer: Customer, data: dict[str, Any]) -> None:
    values = dict(data)
    values["birth_date"] = date.fromisoformat(data["birth_date"]) if data["birth_date"] else None
    records.update_customer(session, customer, **values)


def _primary_key(table: Table) -> Column[Any]:
    keys = list(table.primary_key.columns)
    if len(keys) != 1:
        raise MergeError(f"{table.name} has no single-column primary key; cannot audit a move")
    return keys[0]


def _expire(session: Session, moved: Iterable[str]) -> None:
    """Rows were moved in SQL ("table.column" names): forget what loaded objects hold of the
    moved columns, of the columns the UPDATE stamps (onupdate) and of the relationships over
    them. Only those: expiring whole objects made the call, still in use, load again twice."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for name in moved:
        table_name, column_name = name.split(".")
        wanted[table_name].add(column_name)
    for obj in list(session.identity_map.values()):
        names = wanted.get(getattr(obj, "__tablename__", ""))
        if names:
            session.expire(obj, _stale_attributes(object_mapper(obj), frozenset(names)))


def _stale_attributes(mapper: Mapper[Any], columns: frozenset[str]) -> list[str]:
    keys = [
        prop.key
        for prop in mapper.column_attrs
        if any(c.name in columns or getattr(c, "onupdate", None) for c in prop.columns)
    ]
    keys += [
        rel.key for rel in mapper.relationships if any(c.name in columns for c in rel.local_columns)
    ]
    return keys


def _calls(session: Session, ids: list[Any]) -> list[Call]:
    """The calls by id; those the session holds (flushed, so as stored) without a query."""
    held = [session.identity_map.get(identity_key(Call, i)) for i in ids]
    found = [c for c in held if isinstance(c, Call)]
    missing = [i for i, c in zip(ids, held, strict=True) if not isinstance(c, Call)]
    if missing:
        found += session.scalars(select(Call).where(Call.id.in_(missing)))
    return found


def _get_pair(
    session: Session, company_id: int, into_id: int, from_id: int
) -> tuple[Customer, Customer]:
    into, source = session.get(Customer, into_id), session.get(Customer, from_id)
    if into is None or source is None or into_id == from_id:
        raise MergeError("merge needs two different existing customers")
    if into.company_id != company_id or source.company_id != company_id:
        raise MergeError("customers of another company are never merged")
    if into.status == "merged" or source.status == "merged":
        raise MergeError("a merged record cannot take part in another merge")
    return into, source


def merge(
    *,
    session: Session,
    company_id: int,
    into_id: int,
    from_id: int,
    actor: str,
    reason: str | None = None,
) -> MergeAudit:
    """Fold `from` into `into`: move every reference, fill `into`'s gaps, mark `from` merged."""
    into, source = _get_pair(session, company_id, into_id, from_id)
    session.flush()
    before: dict[str, Any] = {"from": _snapshot(source), "into": _snapshot(into), "calls": {}}
    moved: dict[str, list[Any]] = {}
    referring = _referring_rows(session, from_id)
    for position, (table, column) in enumerate(customer_references()):
        ids = referring.get(position)
        if not ids:
            continue
        if table.name == "calls":
            for call in _calls(session, ids):
                before["calls"][str(call.id)] = {f: _plain(getattr(call, f)) for f in _CALL_LINK}
        session.execute(update(table).where(column == from_id).values({column.name: into_id}))
        moved[f"{table.name}.{column.name}"] = ids
    _expire(session, moved)
    gaps = {
        f: getattr(source, f)
        for f in _FILLED
        if getattr(into, f) is None and getattr(source, f) is not None
    }
    # Both records and the audit row go in one flush (below).
    records.update_customer(session, into, flush=False, **gaps)
    records.update_customer(session, source, flush=False, status="merged", merged_into_id=into.id)
    audit = MergeAudit(
        company_id=company_id,
        from_customer_id=from_id,
        into_customer_id=into_id,
        actor=actor,
        reason=reason,
        moved=moved,
        before=before,
    )
    session.add(audit)
    session.flush()
    return audit


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def undo_merge(*, session: Session, audit_id: int, actor: str) -> MergeAudit:
    """Put back exactly what the merge moved and changed."""
    audit = session.get(MergeAudit, audit_id)
    if audit is None or audit.undone_at is not None:
        raise MergeError(f"no merge {audit_id} to undo")
    session.flush()
    tables = {t.name: t for t in all_tables().sorted_tables}
    for name, ids in audit.moved.items():
        table_name, column_name = name.split(".")
        table = tables[table_name]
        column = table.c[column_name]
        session.execute(
            update(table)
            .where(_primary_key(table).in_(ids), column == audit.into_customer_id)
            .values({column_name: audit.from_customer_id})
        )
    _expire(session, audit.moved)
    for call_id, link in audit.before.get("calls", {}).items():
        call = session.get(Call, int(call_id))
        if call is not None:
            call.link_status, call.link_method = link["link_status"], link["link_method"]
            call.link_confidence = link["link_confidence"]
            stamp = link["identified_at"]
            call.identified_at = _datetime(stamp) if stamp else None
    into = session.get(Customer, audit.into_customer_id)
    source = session.get(Customer, audit.from_customer_id)
    if into is None or source is None:
        raise MergeError("a merged record was deleted; the merge cannot be undone")
    _restore(session, source, audit.before["from"])
    _restore(session, into, audit.before["into"])
    audit.undone_at = utcnow()
    audit.undone_by = actor
    session.flush()
    return audit


def _datetime(text: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(text)


def active_merge_of(*, session: Session, from_id: int) -> MergeAudit | None:
    """The merge (not undone) that folded this record, if any."""
    return session.scalars(
        select(MergeAudit)
        .where(MergeAudit.from_customer_id == from_id, MergeAudit.undone_at.is_(None))
        .order_by(MergeAudit.id.desc())
    ).first()
