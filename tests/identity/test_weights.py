"""Match weights: EM on synthetic pairs, graded levels, calibration, per-company training."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from frontdesk import cli
from frontdesk.cli import customers as customers_cli
from frontdesk.db.core import Database
from frontdesk.identity import training, weights
from frontdesk.identity.comparisons import (
    DECADE,
    DIGIT,
    EXACT,
    LOCAL,
    MISMATCH,
    SWAPPED,
    birth_level,
    email_level,
)
from frontdesk.identity.estimation import Pattern, em
from tests.identity.helpers import company, customer

FIELDS = ("a", "b", "c")
LEVELS = dict.fromkeys(FIELDS, (EXACT, "close", MISMATCH))
TRUE_M = {
    "a": {EXACT: 0.8, "close": 0.15, MISMATCH: 0.05},
    "b": {EXACT: 0.7, "close": 0.2, MISMATCH: 0.1},
    "c": {EXACT: 0.9, "close": 0.05, MISMATCH: 0.05},
}
TRUE_U = {
    "a": {EXACT: 0.05, "close": 0.1, MISMATCH: 0.85},
    "b": {EXACT: 0.02, "close": 0.08, MISMATCH: 0.9},
    "c": {EXACT: 0.1, "close": 0.1, MISMATCH: 0.8},
}


def _draw(table: dict[str, dict[str, float]], rng: random.Random) -> Pattern:
    return tuple(rng.choices(list(table[f]), weights=list(table[f].values()))[0] for f in FIELDS)


def _synthetic(n: int, share: float, seed: int = 1) -> tuple[Counter[Pattern], list[bool]]:
    rng = random.Random(seed)
    patterns: Counter[Pattern] = Counter()
    truth = []
    for _ in range(n):
        same = rng.random() < share
        patterns[_draw(TRUE_M if same else TRUE_U, rng)] += 1
        truth.append(same)
    return patterns, truth


def test_em_recovers_known_m_and_match_share() -> None:
    patterns, _ = _synthetic(40_000, 0.3)
    flat = {f: dict.fromkeys(LEVELS[f], 1 / 3) for f in FIELDS}
    result = em(patterns, FIELDS, LEVELS, m_start=flat, u=TRUE_U, share_start=0.1)
    assert result.converged
    assert abs(result.match_share - 0.3) < 0.02
    for f in FIELDS:
        for level, p in TRUE_M[f].items():
            assert abs(result.m[f][level] - p) < 0.03, (f, level)


def test_em_posteriors_are_calibrated() -> None:
    """Of pairs given probability p by the estimated model, a share p are the same person."""
    rng = random.Random(5)
    patterns, _ = _synthetic(40_000, 0.3)
    flat = {f: dict.fromkeys(LEVELS[f], 1 / 3) for f in FIELDS}
    fit = em(patterns, FIELDS, LEVELS, m_start=flat, u=TRUE_U)
    bins: dict[int, list[tuple[float, bool]]] = {}
    for _ in range(20_000):
        same = rng.random() < 0.3
        pattern = _draw(TRUE_M if same else TRUE_U, rng)
        pm, pu = fit.match_share, 1 - fit.match_share
        for f, level in zip(FIELDS, pattern, strict=True):
            pm *= fit.m[f][level]
            pu *= TRUE_U[f][level]
        p = pm / (pm + pu)
        bins.setdefault(min(int(p * 10), 9), []).append((p, same))
    for pairs in bins.values():
        if len(pairs) >= 20:
            mean_p = sum(p for p, _ in pairs) / len(pairs)
            share = sum(s for _, s in pairs) / len(pairs)
            assert abs(mean_p - share) <= 0.05


def test_graded_birth_date_levels() -> None:
    born = date(1984, 3, 30)
    assert birth_level(born, born) == EXACT
    assert birth_level(date(1984, 3, 13), born) == DIGIT  # "dreizehnten" for the thirtieth
    assert birth_level(date(1984, 3, 31), born) == DIGIT  # one digit off
    assert birth_level(date(1984, 5, 3), date(1984, 3, 5)) == SWAPPED
    assert birth_level(date(1974, 3, 30), born) == DECADE
    assert birth_level(date(1990, 7, 1), born) == MISMATCH
    assert email_level("anna.s@gmx.de", "anna.s@web.de") == LOCAL
    assert email_level("peter@gmx.de", "anna.s@web.de") == MISMATCH


def test_defaults_weigh_a_different_birth_date_strongly_against() -> None:
    m, u = weights.Params().m["birth_date"], weights.Params().u["birth_date"]
    assert m[MISMATCH] / u[MISMATCH] < 0.001
    assert m[SWAPPED] / u[SWAPPED] > 1


def _fill(session: Session, company_id: int, n: int, seed: int, surname: str) -> None:
    rng = random.Random(seed)
    for i in range(n):
        customer(
            session,
            company_id,
            rng.choice(["Anna", "Paul", "Eva", "Jonas", "Lea", "Max"]) + str(i % 7),
            f"{surname}{i}",
            birth_date=date(1940, 1, 1) + timedelta(days=rng.randrange(25_000)),
        )


def test_training_is_per_company_and_never_mixes_tenants(session: Session) -> None:
    a, b = company(session, "Praxis A"), company(session, "Praxis B")
    _fill(session, a.id, training.MIN_CUSTOMERS + 10, 1, "Alpha")
    _fill(session, b.id, 20, 2, "Beta")
    version, result = training.train_company(session, a.id)
    assert version == 1 and result.summary["customers"] == training.MIN_CUSTOMERS + 10
    assert weights.newest_version(session, b.id) == 0
    assert weights.params_for(session, b.id).version == 0
    assert weights.params_for(session, a.id).version == 1
    _, small = training.train_company(session, b.id)
    assert small.summary["customers"] == 20 and "defaults" in small.summary
    # The cache follows a new version written anywhere.
    training.train_company(session, a.id)
    assert weights.params_for(session, a.id).version == 2


def test_identity_train_command(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with database.unit_of_work() as session:
        praxis = company(session, "Praxis A")
        _fill(session, praxis.id, training.MIN_CUSTOMERS + 5, 3, "Gamma")
    monkeypatch.setattr(customers_cli, "database", lambda: database)
    result = CliRunner().invoke(cli.app, ["identity", "train", "--company", "Praxis A"])
    assert result.exit_code == 0, result.output
    assert '"version": 1' in result.output
    unknown = CliRunner().invoke(cli.app, ["identity", "train", "--company", "Nobody"])
    assert unknown.exit_code != 0
    with database.sessions() as session:
        assert weights.newest_version(session, praxis.id) == 1
