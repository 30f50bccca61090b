"""Batch face of the date parser: JSONL records in, one prediction dict per record out."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime, time
from pathlib import Path
from typing import Any

from frontdesk.scheduling.dates import parse_wish

RANGE_FIELDS = ("time_from", "time_to")


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def parse_record(record: Mapping[str, Any], *, all_fields: bool = False) -> dict[str, Any]:
    """`{"id", "text", "now"}` -> `{"id", "date_from", "date_to", "time", "daypart", "ask"}`,
    plus `time_from`/`time_to` when a time range was said (or always, with `all_fields`).

    A missing key reads as null for the scorers, so records without a range keep the shape
    the base data set defines. Other keys (such as "gold" and "category") are ignored.
    """
    wish = parse_wish(str(record.get("text") or ""), datetime.fromisoformat(str(record["now"])))
    row: dict[str, Any] = {
        "id": record.get("id"),
        "date_from": wish.date_from.isoformat() if wish.date_from else None,
        "date_to": wish.date_to.isoformat() if wish.date_to else None,
        "time": _clock(wish.time),
        "daypart": wish.daypart,
        "ask": wish.ask,
    }
    if all_fields or wish.time_from is not None or wish.time_to is not None:
        row["time_from"] = _clock(wish.time_from)
        row["time_to"] = _clock(wish.time_to)
    return row


def parse_file(path: Path, *, all_fields: bool = False) -> Iterator[dict[str, Any]]:
    """Parse every non-empty line of a JSONL file, in order."""
    with Path(path).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield parse_record(json.loads(line), all_fields=all_fields)
