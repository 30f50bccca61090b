"""TwilioGateway: the real SDK, rerouted to LocalTwilio, and Twilio's answers as domain terms."""

from __future__ import annotations

import base64
import re
import socket
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from frontdesk.messaging.ports import OutgoingSms, SendFailed, SentSms, SmsGateway
from frontdesk.sms.twilio.gateway import RebasedHttpClient, TwilioGateway, rebase_url
from frontdesk.sms.twilio.local_server import LocalTwilio
from tests.sms.twilio import CallbackReceiver

SID = "AC" + "ab" * 16
TOKEN = "f" * 32
PRACTICE = "+41445551234"
PATIENT = "+41791234567"
MESSAGES = f"/2010-04-01/Accounts/{SID}/Messages.json"


@pytest.fixture
def quiet() -> Iterator[LocalTwilio]:
    with LocalTwilio(SID, TOKEN, callbacks=False) as server:
        yield server


def gateway_for(server: LocalTwilio, token: str = TOKEN) -> TwilioGateway:
    return TwilioGateway(SID, token, api_base_url=server.base_url, timeout=2.0)


def sms(to: str = PATIENT, status_callback: str | None = None) -> OutgoingSms:
    return OutgoingSms(to, PRACTICE, "Ihr Termin: Mo 10:00", status_callback)


def refusal(gateway: SmsGateway, message: OutgoingSms) -> SendFailed:
    with pytest.raises(SendFailed) as failed:
        gateway.send(message)
    return failed.value


def test_send_makes_exactly_twilios_create_message_request(quiet: LocalTwilio) -> None:
    callback = "https://frontdesk.example/sms/status?practice=7"

    sent = gateway_for(quiet).send(sms(status_callback=callback))

    [request] = quiet.requests
    assert (request.method, request.path) == ("POST", MESSAGES)
    credentials = base64.b64encode(f"{SID}:{TOKEN}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {credentials}"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.form == {
        "To": PATIENT,
        "From": PRACTICE,
        "Body": "Ihr Termin: Mo 10:00",
        "StatusCallback": callback,
    }
    assert re.fullmatch(r"SM[0-9a-f]{32}", sent.provider_id)
    assert sent == SentSms(provider_id=sent.provider_id, status="queued")
    assert quiet.message(sent.provider_id)["to"] == PATIENT


def test_without_status_callback_none_is_sent(quiet: LocalTwilio) -> None:
    gateway_for(quiet).send(sms())
    assert "StatusCallback" not in quiet.requests[0].form


def test_invalid_number_is_a_permanent_failure_with_twilios_code(quiet: LocalTwilio) -> None:
    failed = refusal(gateway_for(quiet), sms(to="0791234567"))
    assert (failed.transient, failed.code) == (False, "21211")
    assert "not a valid phone number" in str(failed)


def test_wrong_auth_token_is_a_permanent_failure(quiet: LocalTwilio) -> None:
    failed = refusal(gateway_for(quiet, token="0" * 32), sms())
    assert (failed.transient, failed.code) == (False, "20003")


@pytest.mark.parametrize(
    ("answer", "transient"),
    [
        ((503, 20503, "Service unavailable"), True),
        ((500, 20500, "Internal Server Error"), True),
        ((429, 20429, "Too Many Requests"), True),
        ((400, 21610, "Attempt to send to unsubscribed recipient"), False),
    ],
)
def test_configured_errors_map_by_status(answer: tuple[int, int, str], transient: bool) -> None:
    with LocalTwilio(SID, TOKEN, fail_numbers={PATIENT: answer}) as server:
        failed = refusal(gateway_for(server), sms())
    assert (failed.transient, failed.code) == (transient, str(answer[1]))


def test_closed_port_is_a_transient_failure() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gateway = TwilioGateway(SID, TOKEN, api_base_url=f"http://127.0.0.1:{port}")

    failed = refusal(gateway, sms())
    assert (failed.transient, failed.code) == (True, None)


def test_a_server_that_never_answers_is_a_transient_failure() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        gateway = TwilioGateway(SID, TOKEN, f"http://127.0.0.1:{port}", timeout=0.05)
        failed = refusal(gateway, sms())
    assert failed.transient


def test_status_callbacks_arrive_signed_sent_then_delivered() -> None:
    with CallbackReceiver() as receiver, LocalTwilio(SID, TOKEN) as server:
        url = receiver.base_url + "/sms/status?practice=7"
        sent = gateway_for(server).send(sms(status_callback=url))
        posts = receiver.wait_for(2)
        server.wait_idle()

    validator = RequestValidator(TOKEN)
    assert [p.params["MessageStatus"] for p in posts] == ["sent", "delivered"]
    for post in posts:
        assert post.url == url
        assert validator.validate(post.url, post.params, post.headers["X-Twilio-Signature"])
        assert post.params["MessageSid"] == post.params["SmsSid"] == sent.provider_id
        assert post.params["SmsStatus"] == post.params["MessageStatus"]
        assert (post.params["AccountSid"], post.params["ApiVersion"]) == (SID, "2010-04-01")
        assert (post.params["From"], post.params["To"]) == (PRACTICE, PATIENT)
        assert "ErrorCode" not in post.params
    assert server.callback_errors == []


def test_undelivered_number_reports_30005_in_callback_and_resource() -> None:
    with (
        CallbackReceiver() as receiver,
        LocalTwilio(SID, TOKEN, undelivered_numbers={PATIENT}) as server,
    ):
        sent = gateway_for(server).send(sms(status_callback=receiver.base_url + "/sms/status"))
        posts = receiver.wait_for(2)
        server.wait_idle()
        client = Client(SID, TOKEN, http_client=RebasedHttpClient(server.base_url, timeout=2.0))
        fetched = client.messages(sent.provider_id).fetch()

    assert [p.params["MessageStatus"] for p in posts] == ["sent", "undelivered"]
    assert "ErrorCode" not in posts[0].params
    assert posts[1].params["ErrorCode"] == "30005"
    assert (fetched.status, fetched.error_code) == ("undelivered", 30005)
    assert fetched.date_sent is not None
    assert (
        server.requests[-1].path == f"/2010-04-01/Accounts/{SID}/Messages/{sent.provider_id}.json"
    )


def test_rebase_keeps_path_and_query_and_adds_a_base_path() -> None:
    original = "https://api.edge.region.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&To=%2B41"

    assert (
        rebase_url(original, urlsplit("http://127.0.0.1:8080"))
        == "http://127.0.0.1:8080/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&To=%2B41"
    )
    assert rebase_url(original, urlsplit("http://stand-in:9/twilio")).startswith(
        "http://stand-in:9/twilio/2010-04-01/Accounts/"
    )


def test_edge_and_region_settings_cannot_route_around_the_base(
    quiet: LocalTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWILIO_EDGE", "dublin")
    monkeypatch.setenv("TWILIO_REGION", "ie1")

    gateway_for(quiet).send(sms())

    assert quiet.requests[0].path == MESSAGES
