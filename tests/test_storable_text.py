"""Text a database can store: NUL and unpaired surrogates replaced, everything else kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from frontdesk.storable_text import REPLACEMENT, storable, unstorable

_ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()))


@given(_ANY_TEXT)
def test_storable_text_encodes_and_keeps_the_rest(text: str) -> None:
    cleaned = storable(text)
    cleaned.encode("utf-8")  # a lone surrogate would raise here
    assert "\x00" not in cleaned and not unstorable(cleaned)
    assert len(cleaned) == len(text)
    assert storable(cleaned) == cleaned
    if not unstorable(text):
        assert cleaned == text


def test_nested_payloads_are_cleaned_keys_too() -> None:
    payload = {"a\x00": ["x\udc00", {"b": "ok", "n": 1}], "c": None}
    assert storable(payload) == {
        f"a{REPLACEMENT}": [f"x{REPLACEMENT}", {"b": "ok", "n": 1}],
        "c": None,
    }
