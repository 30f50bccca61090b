"""Scoring a batch face's predictions with a development set's own score.py (bench helper)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def score_last_line(gold: Path, predictions: Iterable[dict[str, Any]], fallback: Path) -> str:
    """Write the predictions, run the set's score.py (beside `gold`, else `fallback`'s), and
    return the scorer's last line."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for result in predictions:
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    scorer = gold.parent / "score.py"
    if not scorer.exists():
        scorer = fallback.parent / "score.py"
    try:
        done = subprocess.run(
            [sys.executable, str(scorer), str(gold), out.name],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(out.name).unlink()
    return done.stdout.strip().splitlines()[-1]
