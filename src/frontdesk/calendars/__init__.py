"""Calendar provider adapters: each translates one provider's API into the scheduling domain's
calendar port (`frontdesk.scheduling.calendar_sync_ports`); no rules live here."""
