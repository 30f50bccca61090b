"""Batch extraction meets the targets on the shared dev set and on our own held-out calls."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from frontdesk.names.batch import extract_file, extract_record

DEV = Path(__file__).parents[2] / ".." / "shared" / "data" / "names" / "dev.jsonl"
EXTRA = Path(__file__).parent / "data" / "extra_calls.jsonl"


def _norm(name: object) -> str | None:
    if name is None:
        return None
    text = unicodedata.normalize("NFC", str(name)).casefold().replace("ß", "ss")
    return " ".join(text.split()) or None


def _score(path: Path) -> dict[str, float]:
    gold = {r["id"]: r["gold"] for r in map(json.loads, path.read_text("utf-8").splitlines())}
    found = false = with_name = p_tp = p_fp = p_gold = 0
    for pred in extract_file(path):
        want = gold[pred["id"]]
        caller, g_caller = _norm(pred["caller_name"]), _norm(want["caller_name"])
        with_name += g_caller is not None
        found += caller is not None and caller == g_caller
        false += caller is not None and caller != g_caller
        patient, g_patient = _norm(pred["patient_name"]), _norm(want["patient_name"])
        p_gold += g_patient is not None
        p_tp += patient is not None and patient == g_patient
        p_fp += patient is not None and patient != g_patient
    precision = found / (found + false) if found + false else 1.0
    p_prec = p_tp / (p_tp + p_fp) if p_tp + p_fp else 1.0
    p_rec = p_tp / p_gold if p_gold else 1.0
    f1 = 2 * p_prec * p_rec / (p_prec + p_rec) if p_prec + p_rec else 0.0
    return {
        "precision": precision,
        "recall": found / with_name,
        "false": false + p_fp,
        "patient_f1": f1,
        "calls": len(gold),
    }


def _assert_targets(scores: dict[str, float]) -> None:
    assert scores["precision"] >= 0.98
    assert scores["recall"] >= 0.95
    assert scores["false"] <= 0.01 * scores["calls"]
    assert scores["patient_f1"] >= 0.90


@pytest.mark.skipif(not DEV.exists(), reason="shared dev set not present")
def test_dev_set_targets() -> None:
    _assert_targets(_score(DEV))


def test_extra_set_targets() -> None:
    _assert_targets(_score(EXTRA))


def test_extract_record_shape_and_fallback_transcript() -> None:
    record = {
        "id": "x-1",
        "transcript": "Agent: Hallo, hier ist Anna.\nUser: Hallo, Wolf hier.",
        "agent_names": ["Anna"],
        "gold": {"caller_name": "ignored"},
        "category": "plain",
    }
    result = extract_record(record)
    assert set(result) == {"id", "caller_name", "patient_name", "confidence"}
    assert (result["id"], result["caller_name"], result["patient_name"]) == ("x-1", "Wolf", None)
    assert 0.0 < result["confidence"] <= 1.0
