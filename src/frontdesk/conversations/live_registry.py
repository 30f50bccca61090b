"""Which handler serves which live function (the names are the agent's tool names)."""

from __future__ import annotations

from frontdesk.conversations import live, live_appointments, live_caller, live_waitlist
from frontdesk.conversations.live import Handler

HANDLERS: dict[str, Handler] = {
    "identify_caller": live_caller.identify_caller,
    "save_caller_data": live_caller.save_caller_data,
    "check_availability": live_appointments.check_availability,
    "book_appointment": live_appointments.book_appointment,
    "list_appointments": live_appointments.list_appointments,
    "cancel_appointment": live_appointments.cancel_appointment,
    "reschedule_appointment": live_appointments.reschedule_appointment,
    "join_waitlist": live_waitlist.join_waitlist,
    "request_callback": live.request_callback,
    "get_context": live.get_context,
}
