"""The Prüfliste as a work queue: names and needs, priority by the stakes, filters, a call's
items closed together, callbacks with a note, the next item with a confirmation, isolation."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from frontdesk.accounts.models import ReviewAction, User
from frontdesk.dashboard.queries import review_filters, review_queue
from frontdesk.db.core import Database
from frontdesk.followup.models import ReviewItem
from frontdesk.scheduling.models import Appointment
from tests.dashboard.conftest import token
from tests.dashboard.review_seed import seed_queue
from tests.dashboard.seed import Seeded

ROW_RE = re.compile(r'<tr class="prio-(\d)" data-item="(\d+)" data-priority="\d" data-call="(\d*)"')


def _seeded_level(database: Database, own: Seeded) -> int:
    """The seeded call's priority: its appointment is next Monday, within 48 h at weekends."""
    with database.sessions() as s:
        appointment = s.get(Appointment, own.appointment_id)
        assert appointment is not None
        soon = appointment.starts_at < datetime.now(UTC) + timedelta(hours=48)
    return 1 if soon else 2


def _post(client: httpx.Client, path: str, **data: str) -> httpx.Response:
    return client.post(path, data={**data, "csrf_token": token(client)})


def _rows(html: str) -> list[tuple[int, int]]:
    """(priority, first item id) per queue row, in order."""
    return [(int(p), int(i)) for p, i, _ in ROW_RE.findall(html)]


def test_rows_name_the_patient_or_the_unknown_caller_and_what_is_needed(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    seed_queue(database, a, "a")
    page = login_as(a.owner_email).get("/app/review").text
    assert "Jutta Maier" in page  # the seeded call's provisional patient
    assert "Unbekannte/r Anrufer/in, Nummer unterdrückt" in page
    assert "Unbekannte/r Anrufer/in, +49 30 12345678" in page
    assert "Zurückrufen" in page and "Termin bestätigen oder absagen" in page
    visible = re.sub(r"<[^>]+>", " ", page)
    assert "callback_request" not in visible and "uncertain_link" not in visible


def test_priority_follows_the_stakes_and_the_queue_puts_high_first(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    rows = _rows(login_as(a.owner_email).get("/app/review").text)
    by_item = {item: level for level, item in rows}
    assert by_item[q.callback_id] == 1  # callback request (grouped with its uncertain link)
    assert by_item[q.soon_id] == 1  # appointment tomorrow at 10:00
    assert by_item[q.numbered_id] == 3 and by_item[q.old_id] == 3
    assert by_item[a.review_item_id] == _seeded_level(database, a)
    assert [level for level, _ in rows] == sorted(level for level, _ in rows)
    # Not everything is "hoch"; the seeded call is the only medium item, and only on weekdays.
    assert {level for level, _ in rows} == {1, 3, _seeded_level(database, a)}


def test_a_calls_items_are_one_row(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    page = login_as(a.owner_email).get("/app/review").text
    calls = [call for _, _, call in ROW_RE.findall(page) if call]
    assert len(calls) == len(set(calls))
    row = page.split(f'data-call="{q.callback_call}"')[1].split("</tr>")[0]
    assert f"/app/review/{q.callback_link_id}" in row and 'data-items="2"' in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("priority=high", {"callback", "soon"}),
        ("priority=low", {"numbered", "old"}),
        ("kind=merge_proposal", {"numbered", "old"}),
        ("kind=callback_request", {"callback"}),
        ("assignee=none&priority=low", {"numbered"}),
        ("age=7d", {"old"}),
        ("age=new&kind=merge_proposal", {"numbered"}),
    ],
)
def test_filters(
    query: str,
    expected: set[str],
    database: Database,
    practices: tuple[Seeded, Seeded],
    login_as: Callable[[str], httpx.Client],
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    names = {
        q.callback_id: "callback",
        q.callback_link_id: "callback",
        q.soon_id: "soon",
        q.numbered_id: "numbered",
        q.old_id: "old",
        a.review_item_id: "seeded",
        a.pending_item_id: "seeded",
    }
    if query == "priority=high" and _seeded_level(database, a) == 1:
        expected = expected | {"seeded"}
    response = login_as(a.owner_email).get("/app/review?" + query)
    assert response.status_code == 200
    assert {names[item] for _, item in _rows(response.text)} == expected


def test_filter_by_assignee_me_and_by_user(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    with database.sessions() as s:
        staff_id = s.scalars(select(User.id).where(User.email == a.staff_email)).one()
    staff = login_as(a.staff_email)
    assert [i for _, i in _rows(staff.get("/app/review?assignee=me").text)] == [q.old_id]
    owner = login_as(a.owner_email)
    assert _rows(owner.get("/app/review?assignee=me").text) == []
    assert [i for _, i in _rows(owner.get(f"/app/review?assignee={staff_id}").text)] == [q.old_id]
    # assign to me from the item page, then the filter finds it
    assert _post(owner, f"/app/review/{q.numbered_id}/assign", to_me="1").status_code == 303
    assert [i for _, i in _rows(owner.get("/app/review?assignee=me").text)] == [q.numbered_id]


def test_sort_by_due_time(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    rows = [i for _, i in _rows(login_as(a.owner_email).get("/app/review?sort=due").text)]
    # overdue first (opened ten days ago, due after seven), then the 2-hour callback
    assert rows[:2] == [q.old_id, q.callback_id]
    assert rows.index(q.soon_id) < rows.index(q.numbered_id)


def test_parameters_that_do_not_parse_are_named_in_german(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, b = practices
    seed_queue(database, a, "a")
    with database.sessions() as s:
        b_user = s.scalars(select(User.id).where(User.email == b.owner_email)).one()
    client = login_as(a.owner_email)
    response = client.get("/app/review?priority=dringend&age=gestern&sort=x")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert "Die Priorität „dringend“ gibt es nicht" in response.text
    assert "Das Alter „gestern“ gibt es nicht" in response.text
    assert "Die Sortierung „x“ gibt es nicht" in response.text
    assert '"detail"' not in response.text
    # another company's user is not a filter value here
    other = client.get(f"/app/review?assignee={b_user}")
    assert other.status_code == 400 and "zuständige Person" in other.text
    assert b.owner_email not in other.text


def test_closing_closes_all_items_of_the_call_audits_each_and_opens_the_next(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    client = login_as(a.owner_email)
    page = client.get(f"/app/review/{q.callback_link_id}").text
    assert 'data-open="2"' in page and "Alle 2 erledigen" in page
    done = _post(client, f"/app/review/{q.callback_link_id}/close", resolution="done", note="ok")
    assert done.status_code == 303
    target = done.headers["location"]
    assert target == f"/app/review/{q.soon_id}?done={q.callback_link_id}"  # the next high item
    with database.sessions() as s:
        items = [s.get(ReviewItem, i) for i in (q.callback_id, q.callback_link_id)]
        assert all(i and (i.status, i.resolution) == ("resolved", "done") for i in items)
        trail = s.scalars(
            select(ReviewAction.review_item_id).where(ReviewAction.action == "done")
        ).all()
        assert sorted(trail) == sorted([q.callback_id, q.callback_link_id])
    shown = client.get(target).text
    assert "Erledigt: Rückruf erbeten, Unsichere Zuordnung für Unbekannte/r Anrufer/in" in shown
    assert "2 Einträge des Anrufs" in shown and "nächster Eintrag" in shown
    again = _post(client, f"/app/review/{q.callback_id}/close", resolution="done")
    assert again.status_code == 409 and "bereits erledigt" in again.text


def test_a_callback_is_called_back_with_a_note_shown_in_the_history(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    client = login_as(a.staff_email)
    page = client.get(f"/app/review/{q.callback_id}").text
    assert 'data-action="called_back"' in page
    refused = _post(client, f"/app/review/{q.numbered_id}/close", resolution="called_back")
    assert refused.status_code == 409 and "kein Rückruf erbeten" in refused.text
    note = "Befund besprochen, kommt Montag"
    response = _post(
        client, f"/app/review/{q.callback_id}/close", resolution="called_back", note=note
    )
    assert response.status_code == 303
    with database.sessions() as s:
        item = s.get(ReviewItem, q.callback_id)
        assert item and (item.resolution, item.resolution_note) == ("called_back", note)
    shown = client.get(f"/app/review/{q.callback_id}").text
    history = shown.split('id="audit"')[1]
    assert note in history and 'data-action="called_back"' in history
    assert '<h1 id="item-who">Unbekannte/r Anrufer/in, Nummer unterdrückt</h1>' in shown
    assert "zurückgerufen" in shown


def test_the_last_item_closed_shows_the_list_with_the_confirmation(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, _ = practices
    client = login_as(a.owner_email)
    response = _post(client, f"/app/review/{a.review_item_id}/close", resolution="done")
    assert response.headers["location"] == f"/app/review?done={a.review_item_id}"
    page = client.get(response.headers["location"]).text
    assert "Erledigt:" in page and "Jutta Maier" in page and "nichts mehr offen" in page
    assert 'data-total="0"' in page


def test_another_companys_items_stay_out_of_filters_actions_and_confirmations(
    database: Database, practices: tuple[Seeded, Seeded], login_as: Callable[[str], httpx.Client]
) -> None:
    a, b = practices
    qa, qb = seed_queue(database, a, "a"), seed_queue(database, b, "b")
    client = login_as(a.owner_email)
    theirs = {qb.callback_id, qb.callback_link_id, qb.soon_id, qb.numbered_id, qb.old_id}
    theirs |= {b.review_item_id, b.pending_item_id}
    for query in (
        "",
        "priority=high",
        "kind=merge_proposal",
        "assignee=none",
        "age=7d",
        "sort=due",
    ):
        page = client.get("/app/review?" + query).text
        assert not theirs & {i for _, i in _rows(page)}, query
        assert b.marker not in page and "@b.test" not in page
    for path in ("close", "link", "no-data", "assign", "note"):
        refused = _post(client, f"/app/review/{qb.callback_id}/{path}", text="x", customer_id="1")
        assert refused.status_code == 404, path
    with database.sessions() as s:
        item = s.get(ReviewItem, qb.callback_id)
        assert item and item.status == "open" and item.assigned_to is None
    # B closes its item; A's page given B's id confirms nothing
    other = login_as(b.owner_email)
    assert _post(other, f"/app/review/{qb.callback_id}/close").status_code == 303
    page = client.get(f"/app/review/{qa.callback_id}?done={qb.callback_id}").text
    assert "Erledigt:" not in page


def test_a_long_queue_shows_the_most_urgent_and_says_how_many_match(
    database: Database, practices: tuple[Seeded, Seeded]
) -> None:
    a, _ = practices
    q = seed_queue(database, a, "a")
    now = datetime.now(UTC)
    with database.sessions() as s:

        def shown(**filters: object) -> tuple[list[int], int]:
            found = review_queue.queue(
                session=s,
                company_id=a.company_id,
                filters=review_filters.QueueFilters(**filters),  # type: ignore[arg-type]
                viewer_email=a.staff_email,
                now=now,
                limit=2,
            )
            return [g.first.item.id for g in found.groups], found.matching

        first, matching = shown()
        assert first[0] == q.callback_id and matching == 7  # the callback is due in 2 hours
        assert shown(priority=3) == ([q.old_id, q.numbered_id], 2)  # overdue first
        assert shown(assignee="none")[1] == 6
        assert shown(kind="merge_proposal", sort="age") == ([q.old_id, q.numbered_id], 2)
