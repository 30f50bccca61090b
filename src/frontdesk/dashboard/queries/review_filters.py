"""The Prüfliste's filters as query parameters: what each value means, and reading them with
a German sentence for each value that does not parse."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from frontdesk.accounts.models import User
from frontdesk.followup import stakes

# Query parameter values of the filters, each with the German word the form shows.
AGES: Final[dict[str, str]] = {
    "new": "jünger als 24 Stunden",
    "1d": "älter als 1 Tag",
    "3d": "älter als 3 Tage",
    "7d": "älter als 7 Tage",
}
SORTS: Final[dict[str, str]] = {
    "urgent": "dringend zuerst",
    "due": "nach Fälligkeit",
    "age": "älteste zuerst",
}
AGE_DAYS: Final = {"1d": 1, "3d": 3, "7d": 7}
PRIORITY_BY_NAME: Final = {name: level for level, name in stakes.PRIORITY_NAMES.items()}


@dataclass(frozen=True)
class QueueFilters:
    kind: str | None = None
    priority: int | None = None
    assignee: str | None = None  # "me", "none" or a user id as text
    age: str | None = None
    sort: str = "urgent"

    def query(self) -> dict[str, str]:
        """The filters as query parameters (for links that keep them)."""
        out = {
            "kind": self.kind,
            "priority": stakes.PRIORITY_NAMES.get(self.priority or 0),
            "assignee": self.assignee,
            "age": self.age,
            "sort": None if self.sort == "urgent" else self.sort,
        }
        return {k: v for k, v in out.items() if v}


@dataclass(frozen=True)
class ParsedFilters:
    filters: QueueFilters
    errors: list[str]


def parse_filters(
    params: Mapping[str, str], kinds: Sequence[str], users: Sequence[User]
) -> ParsedFilters:
    """Read the queue's query parameters; a value that does not parse is dropped and named in
    German (the list still shows, unfiltered by it)."""
    errors: list[str] = []

    def pick(name: str, allowed: Sequence[str], what: str) -> str | None:
        value = (params.get(name) or "").strip()
        if not value:
            return None
        if value not in allowed:
            errors.append(f"{what} „{value[:40]}“ gibt es nicht; dieser Filter wurde ignoriert.")
            return None
        return value

    kind = pick("kind", kinds, "Die Art")
    priority_name = pick("priority", list(PRIORITY_BY_NAME), "Die Priorität")
    assignee = pick(
        "assignee", ["me", "none", *(str(u.id) for u in users)], "Die zuständige Person"
    )
    age = pick("age", list(AGES), "Das Alter")
    sort = pick("sort", list(SORTS), "Die Sortierung") or "urgent"
    return ParsedFilters(
        QueueFilters(
            kind=kind,
            priority=PRIORITY_BY_NAME[priority_name] if priority_name else None,
            assignee=assignee,
            age=age,
            sort=sort,
        ),
        errors,
    )
