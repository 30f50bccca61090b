"""The phone normaliser on arbitrary input: never raises, answers E.164 or None, is idempotent,
and does not depend on the notation or the default region of an international number."""

from __future__ import annotations

import os
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from frontdesk.phones import caller_number, normalise_phone

EXAMPLES = int(os.environ.get("FRONTDESK_FUZZ_EXAMPLES_PURE", "400"))
E164 = re.compile(r"^\+[1-9]\d{4,14}$")
# Every code point, lone surrogates and controls included (what a JSON body can carry).
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=60)
PHONE_LIKE = st.text(st.sampled_from("0123456789+ ()./-"), max_size=24)
REGIONS = st.sampled_from(["DE", "AT", "CH", "US", "GB", "FR", "ZZ", "", "de"])


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=ANY_TEXT | PHONE_LIKE | st.none(), region=REGIONS)
@example(raw="\x00+49301234567", region="DE")
@example(raw="+49 30 1234567\udc00", region="DE")
@example(raw="0" * 500, region="DE")
@example(raw="+" + "9" * 300, region="DE")
def test_normalise_never_raises_and_answers_e164_or_none(raw: str | None, region: str) -> None:
    number = normalise_phone(raw, region)
    assert number is None or E164.match(number), number
    caller = caller_number(raw, region)
    assert caller.e164 == number
    assert caller.withheld == (number is None)


@settings(max_examples=EXAMPLES, deadline=None)
@given(raw=PHONE_LIKE | ANY_TEXT, region=REGIONS)
def test_normalise_is_idempotent(raw: str, region: str) -> None:
    number = normalise_phone(raw, region)
    if number is not None:
        assert normalise_phone(number, region) == number
        assert normalise_phone(number, "US") == number  # E.164 needs no region


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    digits=st.text(st.sampled_from("0123456789"), min_size=6, max_size=13),
    country=st.sampled_from(["49", "43", "41", "1", "44"]),
    separators=st.lists(st.sampled_from([" ", "-", "/", "."]), max_size=4),
    region=REGIONS,
)
def test_an_international_number_is_one_number_in_any_notation_and_region(
    digits: str, country: str, separators: list[str], region: str
) -> None:
    plain = f"+{country}{digits}"
    written = f"00{country}" + "".join(
        digit + (separators[i] if i < len(separators) else "") for i, digit in enumerate(digits)
    )
    assert normalise_phone(written, region) == normalise_phone(plain, "DE")
