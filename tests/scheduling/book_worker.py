"""Book one slot from a separate process (the concurrency test starts several at once).

python -m tests.scheduling.book_worker URL COMPANY_ID CALL_ID SLOT_ID START_EPOCH NOW_ISO
prints {"booked": id} or {"unavailable": [alternative slot ids]}."""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime

from frontdesk.db.core import Database
from frontdesk.scheduling import service as scheduling
from frontdesk.scheduling.errors import SlotUnavailable


def main(argv: list[str]) -> None:
    url, company_id, call_id, slot_id, start_epoch, now_iso = argv
    database = Database(url)
    with database.sessions() as warm:  # connect before the start line
        warm.connection()
        warm.rollback()
    time.sleep(max(0.0, float(start_epoch) - time.time()))
    try:
        with database.unit_of_work() as session:
            appointment = scheduling.book(
                session=session,
                company_id=int(company_id),
                call_id=int(call_id),
                slot_id=slot_id,
                now=datetime.fromisoformat(now_iso),
            )
            result: dict[str, object] = {"booked": appointment.id}
    except SlotUnavailable as exc:
        result = {"unavailable": [a.id for a in exc.alternatives]}
    finally:
        database.dispose()
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
