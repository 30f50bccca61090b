"""Every notation of a number is one E.164 number; a withheld caller ID is no number at all."""

from __future__ import annotations

import pytest

from frontdesk.phones import caller_number, normalise_phone

NOTATIONS = [
    "+49 30 1234567",
    "030/1234567",
    "0049301234567",
    "(030) 123 45 67",
    "+49 (0)30 1234567",
    "+4930 1234567",
    "030-1234567",
    "+49301234567",
]
WITHHELD = [
    "anonymous",
    "restricted",
    "unknown",
    "private",
    "unavailable",
    "",
    "  ",
    "+266696687",
    "+7378742833",
    "Anonymous",
    None,
]


@pytest.mark.parametrize("raw", NOTATIONS)
def test_notations_are_one_number(raw: str) -> None:
    assert normalise_phone(raw) == "+49301234567"


def test_mobile_and_region() -> None:
    assert normalise_phone("01511234567") == "+491511234567"
    assert normalise_phone("044 668 18 00", "CH") == "+41446681800"


@pytest.mark.parametrize("raw", WITHHELD)
def test_withheld_is_flagged_and_has_no_number(raw: str | None) -> None:
    number = caller_number(raw)
    assert number.withheld is True
    assert number.e164 is None


@pytest.mark.parametrize("raw", ["anonymous_1234", "abc", "12"])
def test_garbage_never_becomes_a_fake_number(raw: str) -> None:
    number = caller_number(raw)
    assert number.e164 is None
    assert number.withheld is True
