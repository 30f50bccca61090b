"""Match weights estimated from a company's own data: EM, random-pair u, versions, tenancy."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from frontdesk import cli
from frontdesk.cli import customers as customers_cli
from frontdesk.db.core import Database
from frontdesk.identity import training
from frontdesk.identity.batch import HEADER, import_customers, learn_from_queries, match_queries
from frontdesk.identity.linking import match
from frontdesk.identity.matcher import (
    EXACT,
    LEVELS,
    MISMATCH,
    MISSING,
    ONE_DIGIT,
    Evidence,
    Params,
)
from frontdesk.identity.models import MatchWeights
from frontdesk.identity.normalise import normalise_name
from frontdesk.tenancy import service as tenancy_service
from frontdesk.tenancy.models import Company
from tests.identity.helpers import company, customer

FIRST = (
    "anna",
    "paul",
    "jonas",
    "lea",
    "marie",
    "felix",
    "emma",
    "lukas",
    "sophie",
    "max",
    "mia",
    "ben",
    "lina",
    "noah",
    "clara",
    "elias",
)
LAST = (
    "schreiber",
    "wagner",
    "becker",
    "hoffmann",
    "schulz",
    "koch",
    "richter",
    "klein",
    "wolf",
    "neumann",
    "schwarz",
    "zimmermann",
    "braun",
    "krueger",
    "hofmann",
    "hartmann",
    "lange",
    "schmitt",
    "werner",
    "krause",
    "meier",
    "lehmann",
    "kaiser",
    "fuchs",
    "peters",
    "scholz",
    "moeller",
    "weiss",
    "jung",
    "hahn",
    "vogel",
    "friedrich",
    "keller",
    "guenther",
)


def _person(rng: random.Random) -> tuple[str, str, date]:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(60 * 365))
    return rng.choice(FIRST), rng.choice(LAST), born


def _slip(text: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(text))
    return text[:i] + text[i + 1 :]


def _noisy(person: tuple[str, str, date], rng: random.Random) -> tuple[str, str, date | None]:
    """What a keyed or spoken copy of a person looks like: slips, a date a day off, gaps."""
    first, last, born = person
    if rng.random() < 0.15:
        first = _slip(first, rng)
    if rng.random() < 0.1:
        last = _slip(last, rng)
    said: date | None = born
    roll = rng.random()
    if roll < 0.08:
        said = born + timedelta(days=1) if born.day < 28 else born - timedelta(days=1)
    elif roll < 0.15:
        said = None
    return first, last, said


def _base(rng: random.Random, n: int) -> list[tuple[str, str, date]]:
    return [_person(rng) for _ in range(n)]


def _seed_company(
    session: Session, name: str, people: list[tuple[str, str, date]], ids: list[int] | None = None
) -> Company:
    target = company(session, name)
    for first, last, born in people:
        made = customer(session, target.id, first.title(), last.title(), birth_date=born)
        if ids is not None:
            ids.append(made.id)
    return target


def _queries(
    rng: random.Random, people: list[tuple[str, str, date]], known: int, new: int
) -> list[tuple[Evidence, int | None]]:
    chosen = [_noisy(p, rng) for p in rng.sample(people, known)]
    chosen += [_noisy(_person(rng), rng) for _ in range(new)]
    return [(Evidence(normalise_name(f), normalise_name(ln), b), None) for f, ln, b in chosen]


def test_em_recovers_the_probabilities_it_was_drawn_from() -> None:
    """Queries drawn from a known model (one true candidate at most per query, among
    namesakes): the fit finds π and the match levels' m close to the truth."""
    rng = random.Random(7)
    fields = list(LEVELS)
    m_true = {"surname": [0.8, 0.0, 0.15, 0.05], "first_name": [0.85, 0.05, 0.05, 0.05]}
    m_true["birth_date"] = [0.9, 0.06, 0.0, 0.0, 0.04]
    u_blocked = {"surname": [0.5, 0.0, 0.4, 0.1], "first_name": [0.05, 0.02, 0.08, 0.85]}
    u_blocked["birth_date"] = [0.02, 0.01, 0.0, 0.0, 0.97]

    def draw(table: dict[str, list[float]]) -> tuple[str, ...]:
        levels = []
        for f in fields:
            if f in table:
                levels.append(rng.choices(LEVELS[f], weights=table[f])[0])
            else:
                levels.append(MISSING)
        return tuple(levels)

    per_query = []
    for _ in range(3000):
        patterns = [draw(u_blocked) for _ in range(rng.randrange(1, 5))]
        if rng.random() < 0.7:
            patterns[0] = draw(m_true)
        per_query.append(patterns)
    fit, weights = training.expectation_maximisation(per_query)
    assert abs(fit.share - 0.7) < 0.03
    assert all(sum(mine) <= 1.0 + 1e-9 for mine in weights)  # one person per query
    for f in ("surname", "first_name", "birth_date"):
        for level, truth in zip(LEVELS[f], m_true[f], strict=True):
            assert abs(fit.m[f][level] - truth) < 0.03, (f, level)


def test_random_pairs_give_u(session: Session) -> None:
    rng = random.Random(3)
    people = _base(rng, 400)
    target = _seed_company(session, "Praxis A", people)
    records = training._active_records(session, target.id)
    u = training.estimate_u(records)
    # 16 first names drawn evenly: two different people share one about 1 time in 16.
    assert 0.045 < u["first_name"][EXACT] < 0.08
    assert u["birth_date"][EXACT] < 0.001
    assert u["first_name"][MISMATCH] > 0.85


def test_training_estimates_and_versions_the_weights(session: Session) -> None:
    rng = random.Random(11)
    people = _base(rng, 600)
    target = _seed_company(session, "Praxis A", people)
    queries = _queries(rng, people, known=450, new=150)
    assert training.params_for(session, target) == Params()  # nothing estimated yet
    version, estimate = training.train(session, target, queries)
    assert version == 1 and estimate.u_estimated and estimate.m_estimated
    params = estimate.params
    assert abs(params.p_known - 0.75) < 0.1
    assert 0.03 < params.m["birth_date"][ONE_DIGIT] < 0.15  # 8% were keyed a day off
    assert params.m["birth_date"][MISMATCH] < 0.03  # a different date stays strong evidence
    assert training.params_for(session, target).version == 1
    again, _ = training.train(session, target, queries)
    assert again == 2 and training.params_for(session, target).version == 2
    stored = session.scalars(select(MatchWeights).where(MatchWeights.company_id == target.id))
    assert sorted(w.version for w in stored) == [1, 2]


def test_too_little_data_keeps_the_hand_set_defaults(session: Session) -> None:
    rng = random.Random(5)
    people = _base(rng, 30)
    target = _seed_company(session, "Praxis A", people)
    _, estimate = training.train(session, target, _queries(rng, people, known=20, new=5))
    assert not estimate.u_estimated and not estimate.m_estimated
    assert estimate.params.m == Params().m and estimate.params.u == Params().u


def test_the_learnt_weights_link_the_noisy_copies(session: Session) -> None:
    """With its own weights the company links most keyed copies with a slip, and links them
    to the right customer."""
    rng = random.Random(13)
    people = _base(rng, 600)
    made: list[int] = []
    target = _seed_company(session, "Praxis A", people, made)
    ids = dict(zip(people, made, strict=True))
    training.train(session, target, _queries(rng, people, known=450, new=150))
    known = rng.sample(people, 200)
    wrong = linked = 0
    for person in known:
        first, last, said = _noisy(person, rng)
        evidence = Evidence(normalise_name(first), normalise_name(last), said)
        decision = match(session=session, company=target, evidence=evidence)
        if decision.decision == "link":
            linked += 1
            wrong += decision.customer_id != ids[person]
    assert wrong <= 1 and linked >= 120


def test_training_reads_only_its_own_company(session: Session) -> None:
    rng = random.Random(17)
    ours, theirs = _base(rng, 300), _base(rng, 250)
    a = _seed_company(session, "Praxis A", ours)
    b = _seed_company(session, "Praxis B", theirs)
    # Every query is one of B's customers, asked of A: none of them is A's.
    queries = _queries(rng, theirs, known=200, new=0)
    _, estimate = training.train(session, a, queries)
    assert estimate.customers == 300
    for evidence, _ in queries[:50]:
        decision = match(session=session, company=a, evidence=evidence)
        assert decision.customer_id is None or decision.customer_id not in {
            r.customer_id for r in training._active_records(session, b.id)
        }
    assert training.params_for(session, b) == Params()  # B's weights are untouched


def _write_base(path: Path, people: list[tuple[str, str, date]], name: str) -> None:
    rows = [",".join(HEADER)]
    for i, (first, last, born) in enumerate(people):
        rows.append(f"c{i},{name},{first.title()},{last.title()},,,{born.isoformat()}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_a_large_import_and_a_large_batch_estimate_weights(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(training, "LARGE_BATCH", 200)
    rng = random.Random(19)
    people = _base(rng, 300)
    base = tmp_path / "customers.csv"
    _write_base(base, people, "Praxis A")
    report = import_customers(session, base, create_companies=True)
    assert report.weights_trained == {"Praxis A": 1}
    queries = tmp_path / "queries.jsonl"
    with queries.open("w") as out:
        for first, last, said in (_noisy(p, rng) for p in rng.sample(people, 250)):
            line = {"query_id": f"q{len(last)}", "company": "Praxis A", "first_name": first}
            line |= {"last_name": last, "birth_date": said.isoformat() if said else None}
            out.write(json.dumps(line) + "\n")
    assert learn_from_queries(session, queries) == {"Praxis A": 2}
    rows = list(match_queries(session, queries))
    assert all({"best_customer_id", "probability"} <= row.keys() for row in rows)
    assert sum(row["decision"] == "link" for row in rows) >= 150


def test_identity_train_command(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rng = random.Random(23)
    with database.unit_of_work() as session:
        _seed_company(session, "Praxis A", _base(rng, 250))
        tenancy_service.create(session=session, name="Salon B")
    monkeypatch.setattr(customers_cli, "database", lambda: database)
    result = CliRunner().invoke(cli.app, ["identity", "train", "--company", "Praxis A"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[0])
    assert summary["company"] == "Praxis A" and summary["version"] == 1
    assert summary["customers"] == 250 and summary["u_estimated"] is True
    result = CliRunner().invoke(cli.app, ["identity", "train"])
    assert [json.loads(line)["company"] for line in result.stdout.strip().splitlines()] == [
        "Praxis A",
        "Salon B",
    ]
    unknown = CliRunner().invoke(cli.app, ["identity", "train", "--company", "Niemand"])
    assert unknown.exit_code != 0 and "Niemand" in unknown.output


probabilities = st.floats(min_value=1e-6, max_value=1.0, allow_nan=False)


@given(
    m=st.fixed_dictionaries(
        {f: st.fixed_dictionaries(dict.fromkeys(LEVELS[f], probabilities)) for f in LEVELS}
    ),
    p_known=st.floats(min_value=0.05, max_value=0.99),
    blocks=st.booleans(),
)
def test_stored_weights_read_back_as_they_were(
    m: dict[str, dict[str, float]], p_known: float, blocks: bool
) -> None:
    """What `train` stores (JSON) is what the live matcher reads: nothing lost, nothing added."""
    params = Params(p_known=p_known, m=m, different_name_blocks_link=blocks)
    stored = json.loads(json.dumps(params.as_dict()))
    assert Params.from_dict(stored, version=3) == replace(params, version=3)
