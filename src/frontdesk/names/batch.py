"""Batch extraction over JSONL call records (used by `frontdesk names extract FILE.jsonl`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from frontdesk.names.extraction import Turn, extract_names


def _turns(record: Mapping[str, Any]) -> list[Turn]:
    raw = record.get("transcript_object")
    if isinstance(raw, list):
        return [
            Turn(str(t.get("role", "")), str(t.get("content", "")))
            for t in raw
            if isinstance(t, Mapping)
        ]
    # Fallback: the rendered "Agent: …" / "User: …" transcript.
    turns = []
    for line in str(record.get("transcript") or "").splitlines():
        role, _, content = line.partition(":")
        if role.strip().lower() in ("agent", "user") and content.strip():
            turns.append(Turn(role.strip().lower(), content.strip()))
    return turns


def _names(record: Mapping[str, Any], key: str) -> Sequence[str]:
    value = record.get(key)
    return [str(v) for v in value] if isinstance(value, list) else ()


def extract_record(record: Mapping[str, Any], *, explain: bool = False) -> dict[str, Any]:
    """`{"id", "caller_name", "patient_name", "confidence"}` for one input line.

    `explain` adds "candidates": every name considered, its evidence and its confidence.
    """
    analysis = record.get("custom_analysis_data")
    result = extract_names(
        _turns(record),
        analysis=analysis if isinstance(analysis, Mapping) else None,
        agent_names=_names(record, "agent_names"),
        staff_names=_names(record, "staff_names"),
    )
    row = {
        "id": record.get("id"),
        "caller_name": result.caller_name,
        "patient_name": result.patient_name,
        "confidence": result.confidence,
    }
    if explain:
        row["candidates"] = list(result.candidates)
    return row


def extract_file(path: Path, *, explain: bool = False) -> Iterator[dict[str, Any]]:
    """One result per non-empty JSONL line of `path`, in file order."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield extract_record(json.loads(line), explain=explain)
