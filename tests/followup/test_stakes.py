"""The priority and due-time rules of a review item (pure, no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdesk.followup import stakes

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
KINDS = [
    *sorted(stakes.HIGH_KINDS | stakes.MEDIUM_KINDS),
    "merge_proposal",
    "no_identifying_data",
    "calendar_unreachable",
    "something_new",
]


def test_a_callback_request_and_a_failed_sms_are_high_whatever_else() -> None:
    for kind in ("callback_request", "sms_failed"):
        assert stakes.priority(kind, None, NOW) == stakes.HIGH
        assert stakes.priority(kind, NOW + timedelta(days=20), NOW) == stakes.HIGH


def test_an_appointment_within_48_hours_makes_any_item_high() -> None:
    for kind in ("uncertain_link", "no_identifying_data", "merge_proposal", "something_new"):
        assert stakes.priority(kind, NOW + timedelta(hours=47, minutes=59), NOW) == stakes.HIGH
        assert stakes.priority(kind, NOW + timedelta(hours=48), NOW) == stakes.MEDIUM


def test_without_a_close_appointment_decisions_are_normal_and_the_rest_low() -> None:
    assert stakes.priority("uncertain_link", None, NOW) == stakes.MEDIUM
    assert stakes.priority("pending_confirmation", None, NOW) == stakes.MEDIUM
    assert stakes.priority("sms_reply", None, NOW) == stakes.MEDIUM
    assert stakes.priority("merge_proposal", None, NOW) == stakes.LOW
    assert stakes.priority("no_identifying_data", None, NOW) == stakes.LOW
    assert stakes.priority("calendar_unreachable", None, NOW) == stakes.LOW
    assert stakes.priority("something_new", None, NOW) == stakes.LOW
    # a later appointment still lifts a low kind to normal
    assert stakes.priority("merge_proposal", NOW + timedelta(days=5), NOW) == stakes.MEDIUM


def test_the_same_item_rises_as_its_appointment_comes_closer() -> None:
    appointment = NOW + timedelta(days=4)
    assert stakes.priority("uncertain_link", appointment, NOW) == stakes.MEDIUM
    assert stakes.priority("uncertain_link", appointment, NOW + timedelta(days=3)) == stakes.HIGH


def test_due_is_the_kinds_deadline_or_an_earlier_appointment() -> None:
    assert stakes.due_at("callback_request", NOW) == NOW + timedelta(hours=2)
    assert stakes.due_at("sms_failed", NOW) == NOW + timedelta(hours=4)
    assert stakes.due_at("uncertain_link", NOW) == NOW + timedelta(hours=24)
    assert stakes.due_at("merge_proposal", NOW) == NOW + timedelta(days=7)
    soon = NOW + timedelta(hours=1)
    assert stakes.due_at("uncertain_link", NOW, soon) == soon
    assert stakes.due_at("callback_request", NOW, NOW + timedelta(days=1)) == NOW + timedelta(
        hours=2
    )


@given(
    kind=st.sampled_from(KINDS),
    hours=st.one_of(st.none(), st.integers(min_value=0, max_value=24 * 30)),
)
def test_a_high_item_is_never_due_later_than_a_low_one_opened_at_the_same_time(
    kind: str, hours: int | None
) -> None:
    appointment = None if hours is None else NOW + timedelta(hours=hours)
    level = stakes.priority(kind, appointment, NOW)
    assert level in stakes.PRIORITIES
    due = stakes.due_at(kind, NOW, appointment)
    if level == stakes.HIGH:
        assert due <= NOW + timedelta(hours=48)
    assert due <= stakes.due_at("merge_proposal", NOW)
