"""How many SMS segments a body costs, counted the way the carriers' encoders count.

A body is sent in the GSM 03.38 7-bit alphabet when every character is in it, else in UCS-2.
Providers bill per segment, so the count must be honest: extension characters cost two septets,
and neither an escape pair nor a UTF-16 surrogate pair is ever split across two segments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Encoding = Literal["GSM-7", "UCS-2"]

# The GSM 03.38 default alphabet in code order, 16 septets a row. 0x1B is the escape to the
# extension table, not a character; it is left out of the set below.
_GSM7_ROWS = (
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNO",
    "PQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmno",
    "pqrstuvwxyzäöñüà",
)
GSM7_BASIC: frozenset[str] = frozenset("".join(_GSM7_ROWS)) - {"\x1b"}
# Reached through the escape septet, so each costs two septets.
GSM7_EXTENSION: frozenset[str] = frozenset("\f^{}\\[~]|€")

GSM7_SINGLE = 160
GSM7_PART = 153  # 7 septets of each concatenated segment carry the user data header
UCS2_SINGLE = 70
UCS2_PART = 67


@dataclass(frozen=True)
class SegmentCount:
    encoding: Encoding
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int


def count_segments(body: str) -> SegmentCount:
    """The encoding, size and segment count a carrier will use for `body` (empty = 1 segment)."""
    widths = _gsm7_widths(body)
    if widths is not None:
        return _count("GSM-7", widths, GSM7_SINGLE, GSM7_PART)
    return _count("UCS-2", _ucs2_widths(body), UCS2_SINGLE, UCS2_PART)


def fits(body: str, max_segments: int = 2) -> bool:
    """Whether `body` goes out in at most `max_segments` segments."""
    return count_segments(body).segments <= max_segments


def is_gsm7(char: str) -> bool:
    """Whether one character can be sent without switching the whole body to UCS-2."""
    return char in GSM7_BASIC or char in GSM7_EXTENSION


def _gsm7_widths(body: str) -> list[int] | None:
    """Septets per character, or None when one character forces UCS-2."""
    widths: list[int] = []
    for char in body:
        if char in GSM7_BASIC:
            widths.append(1)
        elif char in GSM7_EXTENSION:
            widths.append(2)
        else:
            return None
    return widths


def _ucs2_widths(body: str) -> list[int]:
    """UTF-16 code units per character: two for a character outside the BMP."""
    return [2 if ord(char) > 0xFFFF else 1 for char in body]


def _count(encoding: Encoding, widths: list[int], single: int, part: int) -> SegmentCount:
    """Fill segments in order; a character that does not fit whole starts the next segment."""
    units = sum(widths)
    if units <= single:
        return SegmentCount(encoding, units, 1)
    segments, used = 1, 0
    for width in widths:
        if used + width > part:
            segments += 1
            used = 0
        used += width
    return SegmentCount(encoding, units, segments)
