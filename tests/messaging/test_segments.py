"""Segment counting agrees with the GSM 03.38 tables and with a splitter that really encodes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdesk.messaging.segments import SegmentCount, count_segments, fits

# The default alphabet and the extension table written out as code -> character, independently
# of the module, so a wrong entry there shows up here.
GSM7_TABLE = {
    **dict(enumerate("@£$¥èéùìòÇ\nØø\rÅå")),
    **{0x10 + code: char for code, char in enumerate("Δ_ΦΓΛΩΠΨΣΘΞ")},
    0x1C: "Æ",
    0x1D: "æ",
    0x1E: "ß",
    0x1F: "É",
    **{0x20 + code: char for code, char in enumerate(" !\"#¤%&'()*+,-./0123456789:;<=>?")},
    0x40: "¡",
    **{0x41 + code: chr(ord("A") + code) for code in range(26)},
    0x5B: "Ä",
    0x5C: "Ö",
    0x5D: "Ñ",
    0x5E: "Ü",
    0x5F: "§",
    0x60: "¿",
    **{0x61 + code: chr(ord("a") + code) for code in range(26)},
    0x7B: "ä",
    0x7C: "ö",
    0x7D: "ñ",
    0x7E: "ü",
    0x7F: "à",
}
EXTENSION_TABLE = {
    0x0A: "\f",
    0x14: "^",
    0x28: "{",
    0x29: "}",
    0x2F: "\\",
    0x3C: "[",
    0x3D: "~",
    0x3E: "]",
    0x40: "|",
    0x65: "€",
}
ESCAPE = 0x1B
SEPTETS = {char: [code] for code, char in GSM7_TABLE.items()} | {
    char: [ESCAPE, code] for code, char in EXTENSION_TABLE.items()
}
BASIC = "".join(GSM7_TABLE.values())
EXTENDED = "".join(EXTENSION_TABLE.values())


def reference(body: str) -> SegmentCount:
    """Encode into septets or UTF-16 code units and cut them into real segments."""
    if all(char in SEPTETS for char in body):
        septets = [septet for char in body for septet in SEPTETS[char]]
        parts = split(septets, 160, 153, lambda septet: septet == ESCAPE)
        assert "".join(decode_gsm7(part) for part in parts) == body  # each part decodes alone
        return SegmentCount("GSM-7", len(septets), len(parts))
    encoded = body.encode("utf-16-be")
    units = [int.from_bytes(encoded[i : i + 2], "big") for i in range(0, len(encoded), 2)]
    parts = split(units, 70, 67, lambda unit: 0xD800 <= unit <= 0xDBFF)
    assert "".join(decode_ucs2(part) for part in parts) == body  # each part decodes alone
    return SegmentCount("UCS-2", len(units), len(parts))


def split(
    units: list[int], single: int, part: int, opens_pair: Callable[[int], bool]
) -> list[list[int]]:
    """Segments of at most `part` units, never ending on the first half of a pair."""
    if len(units) <= single:
        return [units]
    parts: list[list[int]] = []
    begin = 0
    while begin < len(units):
        end = min(begin + part, len(units))
        if end < len(units) and opens_pair(units[end - 1]):
            end -= 1
        parts.append(units[begin:end])
        begin = end
    return parts


def decode_gsm7(part: list[int]) -> str:
    """Septets back to text; fails when the part ends inside an escape pair."""
    text, index = "", 0
    while index < len(part):
        if part[index] == ESCAPE:
            text += EXTENSION_TABLE[part[index + 1]]
            index += 2
        else:
            text += GSM7_TABLE[part[index]]
            index += 1
    return text


def decode_ucs2(part: list[int]) -> str:
    """Code units back to text; fails (strict codec) when the part splits a surrogate pair."""
    return b"".join(unit.to_bytes(2, "big") for unit in part).decode("utf-16-be")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("", SegmentCount("GSM-7", 0, 1)),
        ("a" * 160, SegmentCount("GSM-7", 160, 1)),
        ("a" * 161, SegmentCount("GSM-7", 161, 2)),
        ("a" * 306, SegmentCount("GSM-7", 306, 2)),
        ("a" * 307, SegmentCount("GSM-7", 307, 3)),
        ("ж" * 70, SegmentCount("UCS-2", 70, 1)),
        ("ж" * 71, SegmentCount("UCS-2", 71, 2)),
        ("ж" * 134, SegmentCount("UCS-2", 134, 2)),
        ("ж" * 135, SegmentCount("UCS-2", 135, 3)),
        ("ä" * 160, SegmentCount("GSM-7", 160, 1)),
        ("€" * 80, SegmentCount("GSM-7", 160, 1)),
        ("€" * 81, SegmentCount("GSM-7", 162, 2)),
        ("😀" * 35, SegmentCount("UCS-2", 70, 1)),
        ("😀" * 36, SegmentCount("UCS-2", 72, 2)),
    ],
)
def test_known_counts(body: str, expected: SegmentCount) -> None:
    assert count_segments(body) == expected


@pytest.mark.parametrize("char", list("ÄÖÜäöüßéèùìòÇØøÅåÑñÉÆæ¡¿§£¥$@¤_ΔΦΓΛΩΠΨΣΘΞ\n\r"))
def test_basic_set_costs_one_septet(char: str) -> None:
    assert count_segments(char) == SegmentCount("GSM-7", 1, 1)


@pytest.mark.parametrize("char", list("^{}\\[~]|€\f"))
def test_extension_characters_cost_two_septets(char: str) -> None:
    assert count_segments(char) == SegmentCount("GSM-7", 2, 1)


@pytest.mark.parametrize("char", [*"„“”‘’–—…áâçÁ`ÿ\x1b\t", "\u00a0", "\u0391"])
def test_anything_else_forces_ucs2(char: str) -> None:
    assert count_segments("Guten Tag" + char).encoding == "UCS-2"


def test_escape_pair_is_not_split() -> None:
    # 152 septets, then a two-septet character that would straddle the boundary.
    body = "a" * 152 + "€" + "a" * 10
    assert count_segments(body) == SegmentCount("GSM-7", 164, 2)
    assert count_segments("a" * 152 + "€" * 77) == SegmentCount("GSM-7", 306, 3)
    assert count_segments("a" * 153 + "€" * 76) == SegmentCount("GSM-7", 305, 2)


def test_surrogate_pair_is_not_split() -> None:
    assert count_segments("ж" * 66 + "😀" * 34) == SegmentCount("UCS-2", 134, 3)
    assert count_segments("ж" * 67 + "😀" * 33) == SegmentCount("UCS-2", 133, 2)


def test_fits() -> None:
    assert fits("a" * 306)
    assert not fits("a" * 307)
    assert fits("a" * 160, max_segments=1)
    assert not fits("a" * 161, max_segments=1)
    assert fits("a" * 459, max_segments=3)


GSM_TEXT = st.text(alphabet=st.sampled_from(BASIC + EXTENDED), max_size=500)
ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(BASIC + EXTENDED),
        st.sampled_from("жä€😀🦷\U0001f1e9„–"),
        st.characters(codec="utf-8"),
    ),
    max_size=400,
)


@settings(max_examples=300)
@given(st.one_of(GSM_TEXT, ANY_TEXT))
def test_count_matches_reference_splitter(body: str) -> None:
    assert count_segments(body) == reference(body)


@given(st.one_of(GSM_TEXT, ANY_TEXT), st.one_of(st.sampled_from(BASIC + EXTENDED), st.characters()))
def test_appending_never_reduces_segments(body: str, char: str) -> None:
    before, after = count_segments(body), count_segments(body + char)
    assert after.segments >= before.segments
    if before.encoding == after.encoding:
        assert after.units > before.units


@given(GSM_TEXT)
def test_gsm_text_stays_gsm(body: str) -> None:
    counted = count_segments(body)
    assert counted.encoding == "GSM-7"
    assert counted.units == len(body) + sum(char in EXTENDED for char in body)


def test_reference_tables_are_complete() -> None:
    assert sorted(GSM7_TABLE) == [code for code in range(128) if code != ESCAPE]
    assert len(set(GSM7_TABLE.values())) == 127
