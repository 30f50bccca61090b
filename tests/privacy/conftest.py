"""Privacy fixtures: the two dashboard practices and a person spread over practice A."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from frontdesk.db.core import Database, all_tables
from tests.dashboard.conftest import login_as  # noqa: F401  (the dashboard fixture, here too)
from tests.dashboard.seed import Seeded, seed_two
from tests.privacy.seed import Person, needles, seed_person

Dump = dict[tuple[str, tuple[Any, ...]], dict[str, Any]]


@pytest.fixture
def world(database: Database) -> tuple[Seeded, Seeded, Person]:
    with database.unit_of_work() as session:
        a, b = seed_two(session)
        person = seed_person(session, a)
    return a, b, person


def dump(database: Database) -> Dump:
    """Every row of every table, keyed by (table, primary key)."""
    rows: Dump = {}
    with database.engine.connect() as conn:
        for table in all_tables().sorted_tables:
            keys = [c.name for c in table.primary_key.columns]
            for row in conn.execute(select(table)).mappings():
                rows[(table.name, tuple(row[k] for k in keys))] = dict(row)
    return rows


def as_text(value: Any) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


def traces(row: dict[str, Any]) -> list[str]:
    """The needles found in any column of the row (case-insensitive)."""
    text = " ".join(as_text(v) for v in row.values()).lower()
    return [n for n in needles() if n.lower() in text]


def tables_with_traces(rows: Dump) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for (table, key), row in rows.items():
        hits = traces(row)
        if hits:
            found.setdefault(table, []).append(f"{key}: {hits}")
    return found
