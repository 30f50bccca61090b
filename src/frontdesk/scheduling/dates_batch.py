"""Batch face of the date parser: JSONL records in, one prediction dict per record out."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from frontdesk.scheduling.dates import parse_wish


def parse_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """`{"id", "text", "now"}` -> `{"id", "date_from", "date_to", "time", "daypart", "ask"}`.

    Other keys (such as "gold" and "category" in development sets) are ignored.
    """
    wish = parse_wish(str(record.get("text") or ""), datetime.fromisoformat(str(record["now"])))
    return {
        "id": record.get("id"),
        "date_from": wish.date_from.isoformat() if wish.date_from else None,
        "date_to": wish.date_to.isoformat() if wish.date_to else None,
        "time": wish.time.strftime("%H:%M") if wish.time else None,
        "daypart": wish.daypart,
        "ask": wish.ask,
    }


def parse_file(path: Path) -> Iterator[dict[str, Any]]:
    """Parse every non-empty line of a JSONL file, in order."""
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield parse_record(json.loads(line))
