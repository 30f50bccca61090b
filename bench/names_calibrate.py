"""Fit the name decision's weights (logistic regression) and its abstention threshold.

    python bench/names_calibrate.py [--write]

Fits only on development data (the shared development set and the hand-written extra set
made from it), the tuning part of the blind corpus and the fresh batches already read; the
sealed part is never read here.
Each chosen caller or patient candidate is one example, labelled right when the scorer would
not count it as a false name. Each role's threshold keeps the most right names less
FALSE_NAME_COST per false one. With --write the
result goes to src/frontdesk/names/calibration.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from frontdesk.names import decision
from frontdesk.names.batch import extract_record

sys.path.insert(0, str(Path(__file__).parent))
from names_bench import norm, outcome

REPO = Path(__file__).resolve().parents[1]
FRESH = REPO / "tests" / "names" / "data" / "fresh"


def unread_batches(fresh: Path = FRESH) -> frozenset[str]:
    """The fresh batches listed in fresh/UNREAD: scored at first sight, not read, never fitted."""
    listing = fresh / "UNREAD"
    if not listing.exists():
        return frozenset()
    lines = (line.strip() for line in listing.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


SETS = (
    REPO.parent / "shared" / "data" / "names" / "dev.jsonl",
    REPO / "tests" / "names" / "data" / "extra_calls.jsonl",  # written after reading dev
    REPO / "tests" / "names" / "data" / "tuning.jsonl",
    # Fresh blind batches: scored once at first sight, then read; tuning data since. The unread
    # holdout stays out.
    *sorted(p for p in FRESH.glob("*.jsonl") if p.name not in unread_batches()),
)
L2 = 0.02
# A wrong name is worse than none: one costs as much as this many right names.
FALSE_NAME_COST = 3


def _right(pred: str, gold: str | None) -> bool:
    """Not a false name under the scorer: equal, or gold's surname alone."""
    return outcome(pred, gold) in ("found", "surname")


def examples() -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Features and labels of every chosen candidate, with no threshold applied."""
    open_model = decision.Model(
        **{**decision.model().__dict__, "thresholds": {"caller": 0.0, "patient": 0.0}}
    )
    decision.model.cache_clear()
    original = decision.model
    decision.model = lambda: open_model  # type: ignore[assignment]
    rows: list[list[float]] = []
    labels: list[int] = []
    roles: list[str] = []
    calls = 0
    try:
        for path in SETS:
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                record: dict[str, Any] = json.loads(line)
                calls += 1
                result = extract_record(record, explain=True)
                for role in ("caller", "patient"):
                    chosen = result[f"{role}_name"]
                    if chosen is None:
                        continue
                    cand = next(
                        c
                        for c in result["candidates"]
                        if c["role"] == role and norm(c["name"]) == norm(chosen)
                    )
                    rows.append([cand["evidence"].get(k, 0.0) for k in decision.FEATURES])
                    labels.append(int(_right(chosen, record["gold"][f"{role}_name"])))
                    roles.append(role)
    finally:
        decision.model = original  # type: ignore[assignment]
    return np.array(rows), np.array(labels), np.array(roles), calls


# Each piece of evidence may only push one way: support never counts against a name, doubt
# never for it. Small sets otherwise learn signs by accident (a collinear "asked" turning
# negative); the constraint keeps the model readable and its explanations honest.
SIGNS = {
    "cue": 1,
    "asked": 1,
    "lexical": 1,
    "sources": 1,
    "full": 1,
    "conflict": -1,
    "mentions": 1,
    "spelled": 1,
    "patient": 0,
    "first_only": -1,
    "weak": -1,
    "known": 1,
    "intro": 1,
    "patient_asked": 1,
    "relation": 1,
    "persons": -1,
    "opening": 1,
}


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Logistic regression by projected gradient descent: weights shrunk towards the documented
    intent (decision.DEFAULT_MODEL, a Gaussian prior) and kept to SIGNS."""
    signs = np.array([SIGNS[k] for k in decision.FEATURES])
    prior = np.array([decision.DEFAULT_MODEL.weights[k] for k in decision.FEATURES])
    w = prior.copy()
    b = decision.DEFAULT_MODEL.bias
    for _ in range(50_000):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / len(y) + L2 * (w - prior)
        grad_b = float(np.mean(p - y))
        w -= 0.5 * grad_w
        b -= 0.5 * grad_b
        w = np.where(signs > 0, np.maximum(w, 0), np.where(signs < 0, np.minimum(w, 0), w))
    return b, w


ROLES = ("caller", "patient")


def _threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The threshold that keeps the most right names less FALSE_NAME_COST per false one."""
    gains = {
        float(round(t, 2)): int(np.sum((p >= t) & (y == 1)))
        - FALSE_NAME_COST * int(np.sum((p >= t) & (y == 0)))
        for t in np.arange(0.3, 0.96, 0.01)
    }
    return max(gains, key=lambda t: (gains[t], -t))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    x, y, roles, calls = examples()
    b, w = fit(x, y)
    p = 1 / (1 + np.exp(-(x @ w + b)))
    thresholds = {role: _threshold(p[roles == role], y[roles == role]) for role in ROLES}
    threshold = np.array([thresholds[r] for r in roles])
    brier = float(np.mean((p - y) ** 2))
    kept = p >= threshold
    print(f"examples={len(y)} right={int(y.sum())} calls={calls} brier={brier:.3f}")
    false_kept = int((kept & (y == 0)).sum())
    print(f"thresholds={thresholds} kept={int(kept.sum())} false_kept={false_kept}")
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        band = (p >= lo) & (p < lo + 0.2)
        if band.any():
            print(
                f"  p in [{lo:.1f},{lo + 0.2:.1f}): n={int(band.sum())} right={y[band].mean():.2f}"
            )
    data = {
        "bias": round(b, 4),
        "weights": {k: round(float(v), 4) for k, v in zip(decision.FEATURES, w, strict=True)},
        "thresholds": thresholds,
        "fitted_on": "shared dev.jsonl + tests/names/data/extra_calls.jsonl + tuning.jsonl"
        " + fresh/*.jsonl",
        "examples": len(y),
        "brier": round(brier, 4),
    }
    print(json.dumps(data, indent=2))
    if args.write:
        decision.CALIBRATION_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {decision.CALIBRATION_FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
