"""Records each call's variant on its row, wherever in the code the row gets its company.

A call row is created by whichever arrives first, call_started or a live function, and learns
its company a moment later (from the called number). Rather than asking every one of those
paths to remember the experiment, this listener fills `experiment_id`/`variant` in the same
flush that first gives a call its company: the assignment is a pure function of the stored
ring time and the call id (`service.assignment_at_ring`), so it is the same variant the
inbound answer gave the agent. It is registered when `frontdesk.experiments` is imported
(which `frontdesk.tables`, loaded by every face at start, does)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, event, inspect
from sqlalchemy.orm import Mapper

from frontdesk.calls.models import Call
from frontdesk.experiments.service import assignment_at_ring


def _record(connection: Connection, call: Call) -> None:
    if call.company_id is None or call.experiment_id is not None or not call.provider_call_id:
        return
    found = assignment_at_ring(
        connection, company_id=call.company_id, provider_call_id=call.provider_call_id
    )
    if found is not None:
        call.experiment_id, call.variant = found.experiment_id, found.variant.name


def _before_insert(_mapper: Mapper[Any], connection: Connection, call: Call) -> None:
    _record(connection, call)


def _before_update(_mapper: Mapper[Any], connection: Connection, call: Call) -> None:
    # Only when this flush gives the call its company: one lookup per call, not per update.
    if inspect(call).attrs.company_id.history.added:
        _record(connection, call)


def register() -> None:
    if not event.contains(Call, "before_insert", _before_insert):
        event.listen(Call, "before_insert", _before_insert)
        event.listen(Call, "before_update", _before_update)
