"""Count import arrows that run from a lower layer of the house up to a higher one.

The layers, bottom to top, are the architecture's (docs in ../shared/design/architecture.md):
infrastructure, then the domain packages in their own order, then orchestration
(`conversations`), then provider adapters, then the faces. An arrow is one importing module
and one imported package; an arrow from a lower rank to a higher one is a layering breach.

    .venv/bin/python scripts/layers.py [--list]
"""

from __future__ import annotations

import sys

import grimp

# Rank of each top-level part of `frontdesk`; a higher number sits higher in the house.
RANKS: dict[str, int] = {
    "db.core": 0,
    "db.migrate": 0,
    "settings": 0,
    "logs": 0,
    "timing": 0,
    "storable_text": 0,
    "phones": 0,
    "tenancy": 1,
    "accounts": 1,
    "jobs": 2,
    "alerts": 3,
    "experiments": 3,
    "privacy": 4,
    "metrics": 8,
    "calls": 2,
    "names": 2,
    "followup": 2,
    "messaging": 3,
    "identity": 3,
    "scheduling": 3,
    "insights": 4,
    "conversations": 5,
    "voice": 6,
    "sms": 6,
    "db.models": 7,
    "db.migrations": 7,
    "tables": 7,
    "simulator": 8,
    "cli": 8,
    "dashboard": 8,
    "app": 8,
    "server": 8,
    "feeds": 8,
    "request_guard": 8,
    "request_body": 6,
    "worker": 8,
}


def part_of(module: str) -> str | None:
    """The ranked part a module belongs to (longest prefix wins)."""
    rest = module.removeprefix("frontdesk.")
    best = None
    for part in RANKS:
        if (rest == part or rest.startswith(part + ".")) and (
            best is None or len(part) > len(best)
        ):
            best = part
    return best


def breaches() -> list[tuple[str, str]]:
    graph = grimp.build_graph("frontdesk")
    found: set[tuple[str, str]] = set()
    for module in graph.modules:
        low = part_of(module)
        if low is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            high = part_of(imported)
            if high is not None and RANKS[high] > RANKS[low]:
                found.add((module, high))
    return sorted(found)


def main() -> None:
    found = breaches()
    if "--list" in sys.argv:
        for module, part in found:
            print(f"{module} -> {part}")
    print(f"upward arrows: {len(found)}")


if __name__ == "__main__":
    main()
