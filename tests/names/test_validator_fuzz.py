"""The name validator on arbitrary input (every code point, long strings, odd agent and staff
names, addressed or not): never raises, always a verdict, and a validated name is a fixed point.

tests/names/test_validator.py already covers short text and name-like words; this adds what a
JSON body or a transcript can carry beyond that."""

from __future__ import annotations

import os

from hypothesis import example, given, settings
from hypothesis import strategies as st

from frontdesk.names.validator import validate_name

EXAMPLES = int(os.environ.get("FRONTDESK_FUZZ_EXAMPLES_PURE", "400"))
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=120)
NAMEISH = st.lists(
    st.text(
        st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Pd", "Zs"]), min_size=1, max_size=14
    ),
    min_size=1,
    max_size=4,
).map(" ".join)
OTHER_NAMES = st.lists(ANY_TEXT | NAMEISH, max_size=3)


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=ANY_TEXT | NAMEISH, agents=OTHER_NAMES, staff=OTHER_NAMES, addressed=st.booleans())
@example(raw="\x00Weber", agents=[], staff=[], addressed=False)
@example(raw="M\udc00ller", agents=[], staff=[], addressed=True)
@example(raw="ß" * 2000, agents=[], staff=[], addressed=False)
@example(raw="Herr Dr. ", agents=[""], staff=["", "Dr."], addressed=True)
@example(raw="ǅ\u0301ﬀ Ⅻ", agents=[], staff=[], addressed=True)
def test_never_raises_and_always_gives_a_verdict(
    raw: str, agents: list[str], staff: list[str], addressed: bool
) -> None:
    verdict = validate_name(raw, agent_names=agents, staff_names=staff, addressed=addressed)
    assert (verdict.name is None) == (verdict.reason is not None)
    assert 0.0 <= verdict.confidence <= 1.0
    if verdict.name is not None:
        assert verdict.name == verdict.name.strip() and verdict.name
        assert "\x00" not in verdict.name


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=ANY_TEXT | NAMEISH, addressed=st.booleans())
@example(raw="ǅ\u0301ﬀ Ⅻ", addressed=True)
@example(raw="İŊ", addressed=False)  # was "I\u0307ŋ", then "İŋ": case mapping decomposed
@example(raw="KİLİÇ", addressed=False)  # was "Ki\u0307li\u0307ç", refused when said again
@example(raw="¼İ", addressed=False)  # "¼" passed as a letter, "Ⅻ" too: numbers are no names
@example(raw="ıM", addressed=False)  # became "Im", which is refused as a word when said again
@example(raw="Sİ", addressed=False)  # became "Si", a filler: words are judged as written
def test_a_validated_name_validates_to_itself(raw: str, addressed: bool) -> None:
    verdict = validate_name(raw, addressed=addressed)
    if verdict.name is not None:
        again = validate_name(verdict.name, addressed=addressed)
        assert again.name == verdict.name, (raw, verdict, again)
