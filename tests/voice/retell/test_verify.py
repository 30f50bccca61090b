import time

import pytest

from frontdesk.voice.retell.signing import sign
from frontdesk.voice.retell.verify import InvalidSignature, check_signature

KEY = "key_test_0123456789abcdef"
BODY = (
    '{"event":"call_ended","call":{"call_id":"call_x","transcript":"Grüß Gott, Müller"}}'.encode()
)


def now_ms() -> int:
    return int(time.time() * 1000)


def test_valid_signature_passes() -> None:
    check_signature(BODY, sign(BODY, KEY), KEY)


def test_non_ascii_body_is_verified_on_raw_bytes() -> None:
    body = '{"transcript": "Schöne Grüße aus Köln – ß"}'.encode()
    check_signature(body, sign(body, KEY), KEY)


def test_tampered_body_fails() -> None:
    signature = sign(BODY, KEY)
    with pytest.raises(InvalidSignature, match="does not match"):
        check_signature(BODY.replace(b"M", b"N"), signature, KEY)


def test_wrong_key_fails() -> None:
    with pytest.raises(InvalidSignature, match="does not match"):
        check_signature(BODY, sign(BODY, "another_key"), KEY)


def test_expired_fails() -> None:
    with pytest.raises(InvalidSignature, match="expired"):
        check_signature(BODY, sign(BODY, KEY, now_ms() - 301_000), KEY)


def test_future_fails() -> None:
    with pytest.raises(InvalidSignature, match="future"):
        check_signature(BODY, sign(BODY, KEY, now_ms() + 301_000), KEY)


def test_within_tolerance_passes() -> None:
    check_signature(BODY, sign(BODY, KEY, now_ms() - 200_000), KEY)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "garbage",
        "v=123",
        "t=1,v1=abc",
        "v=1,d=" + "g" * 64,
        "d=ab,v=1",
        "v=¹²³,d=" + "a" * 64,
    ],
)
def test_missing_or_malformed_fails(header: str | None) -> None:
    with pytest.raises(InvalidSignature):
        check_signature(BODY, header, KEY)


def test_no_configured_key_refuses_everything() -> None:
    with pytest.raises(InvalidSignature, match="no Retell API key"):
        check_signature(BODY, sign(BODY, KEY), "")
