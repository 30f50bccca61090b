"""The simulated people: names as common and as rare as in Germany, no accidental namesakes."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.simulator import census, personas
from frontdesk.simulator.mix import DEFAULT_MIX
from frontdesk.simulator.plan import Planner, Practice

PRACTICE = Practice(company="Praxis Sonnenschein", number="+4930120045670")


def test_the_surname_stock_is_germanys_ranking() -> None:
    names = json.loads(census.SURNAMES_FILE.read_text(encoding="utf-8"))
    assert len(names) == len(set(names)) == census.SURNAME_COUNT
    assert names[:3] == ["Müller", "Schmidt", "Schneider"]
    # The spellings speech recognition confuses are all there, common surnames that are
    # ordinary words too.
    assert {"Meier", "Maier", "Meyer", "Mayer", "Schmitt", "Schmid", "Fischer", "Koch"} <= set(
        names
    )
    assert all(census._NAME_SHAPE.match(name) for name in names)


def test_surnames_are_drawn_as_often_as_in_germany() -> None:
    rng = random.Random(3)
    drawn = Counter(census.surname(rng) for _ in range(20_000))
    # Germany: Müller about 0.3% of people, the top ten about 2.5%, most names rare.
    assert 0.002 < drawn["Müller"] / 20_000 < 0.01
    assert sum(n for _, n in drawn.most_common(10)) / 20_000 < 0.05
    assert len(drawn) > 5_000


def test_the_customer_base_has_no_namesakes_but_shares_surnames_in_households() -> None:
    base = census.customer_base("Praxis Sonnenschein")
    full_names = Counter(f"{row.first_name} {row.last_name}" for row in base)
    assert full_names.most_common(1)[0][1] == 1
    by_line = Counter((row.phone, row.last_name) for row in base if row.phone)
    assert any(count >= 2 for count in by_line.values())  # a family on one landline


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_new_callers_never_repeat_a_name(seed: int) -> None:
    """A new caller becomes a customer; the next new caller is someone else by name too."""
    customers = personas.demo_customers("Praxis Sonnenschein")
    planner = Planner(
        mix=DEFAULT_MIX,
        practice=PRACTICE,
        customers=customers,
        seed=seed,
        anchor=datetime(2026, 3, 31, 9, 30, tzinfo=UTC),
    )
    known = {p.full_name for p in customers}
    new = [personas.new_persona(planner.rng, planner.taken) for _ in range(300)]
    names = [p.full_name for p in new]
    assert len(set(names)) == len(names)
    assert not known & set(names)
