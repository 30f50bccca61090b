"""German labels for every status, reason and kind a person sees: one mapping for every page
and export, so a word is translated once and the same everywhere.

Kinds are named `<thing>_<column>` after the column the value comes from (`appointment_status`
labels `Appointment.status`); tests/dashboard/test_labels.py reads the domain code for every
value written to or compared with such a column and fails when one has no label here."""

from __future__ import annotations

from typing import Final

# A live function's raw event is stored as "function:<name>" (voice/retell/functions.py).
FUNCTION_EVENT = "function:"

# kind -> stored value -> German label.
LABELS: Final[dict[str, dict[str, str]]] = {
    "appointment_status": {
        "confirmed": "bestätigt",
        "pending_confirmation": "unbestätigt",
        "cancelled": "abgesagt",
        "rescheduled": "verschoben",
    },
    "customer_status": {
        "provisional": "vorläufig",
        "active": "aktiv",
        "confirmed": "bestätigt",
        "merged": "zusammengeführt",
        "erased": "gelöscht",
    },
    "customer_source": {
        "call": "aus einem Anruf",
        "import": "importiert",
        "dashboard": "am Empfang angelegt",
    },
    # What the voice platform reports about the call itself.
    "call_status": {
        "registered": "angemeldet",
        "not_connected": "nicht verbunden",
        "ongoing": "läuft",
        "ended": "beendet",
        "analyzed": "ausgewertet",
        "error": "Fehler",
    },
    "call_disconnection_reason": {
        "user_hangup": "Anrufer hat aufgelegt",
        "agent_hangup": "Assistenz hat aufgelegt",
        "call_transfer": "weitergeleitet",
        "voicemail_reached": "Mailbox erreicht",
        "inactivity": "keine Reaktion mehr",
        "max_duration_reached": "Höchstdauer erreicht",
        "machine_detected": "Anrufbeantworter erkannt",
        "concurrency_limit_reached": "zu viele gleichzeitige Anrufe",
        "dial_busy": "besetzt",
        "dial_failed": "Verbindung fehlgeschlagen",
        "dial_no_answer": "nicht abgenommen",
        "error_unknown": "unbekannter Fehler",
    },
    "call_link_status": {
        "linked": "zugeordnet",
        "new_customer": "neuer Kunde",
        "review": "in Prüfung",
        "unidentified": "nicht identifiziert",
        "skipped": "übersprungen",
    },
    "call_link_method": {
        "phone": "Telefonnummer",
        "email": "E-Mail",
        "name": "Name",
        "name_birthdate": "Name und Geburtsdatum",
        "sms_reply": "SMS-Antwort",
        "manual": "von Hand",
    },
    "call_outcome": {
        "appointment": "mit Termin",
        "no_appointment": "ohne Termin",
        "followup": "Nachbearbeitung",
    },
    # The raw provider events of a call (the inbox).
    "event_type": {
        "call_inbound": "Anruf kommt an",
        "call_started": "Anruf begonnen",
        "call_ended": "Anruf beendet",
        "call_analyzed": "Anruf ausgewertet",
        "sms_incoming": "SMS empfangen",
        "sms_status": "SMS-Zustellstatus",
    },
    "event_status": {
        "received": "empfangen",
        "processed": "verarbeitet",
        "failed": "fehlgeschlagen",
        "rejected": "abgelehnt",
        "ignored": "ignoriert",
    },
    "enrichment_status": {
        "done": "erledigt",
        "failed": "fehlgeschlagen",
        "skipped": "übersprungen",
    },
    # The agent's live functions (conversations.live_registry.HANDLERS).
    "function": {
        "identify_caller": "Anrufer erkennen",
        "save_caller_data": "Angaben zur Person speichern",
        "check_availability": "Freie Termine suchen",
        "book_appointment": "Termin buchen",
        "list_appointments": "Termine nennen",
        "cancel_appointment": "Termin absagen",
        "reschedule_appointment": "Termin verschieben",
        "join_waitlist": "Auf die Warteliste setzen",
        "request_callback": "Rückruf erbitten",
        "get_context": "Datum, Öffnungszeiten und Leistungen abfragen",
    },
    # The fields of the live functions' arguments (conversations.live_schemas).
    "argument": {
        "name": "Name",
        "birth_date": "Geburtsdatum",
        "email": "E-Mail",
        "phone": "Telefon",
        "service": "Leistung",
        "date": "Tag",
        "time": "Uhrzeit",
        "staff": "bei",
        "slot_id": "angebotener Termin",
        "for_name": "für",
        "confirmed": "zugestimmt",
        "appointment_id": "Termin",
        "reason": "Anliegen",
    },
    "review_status": {
        "open": "offen",
        "resolved": "erledigt",
    },
    "review_reason": {
        "uncertain_link": "Unsichere Zuordnung",
        "no_identifying_data": "Keine Angaben zur Person",
        "pending_confirmation": "Termin unbestätigt",
        "callback_request": "Rückruf erbeten",
        "sms_reply": "SMS-Antwort unklar",
        "sms_failed": "SMS nicht zugestellt",
        "merge_proposal": "Zusammenführung vorgeschlagen",
        "job_failed": "Hintergrundaufgabe fehlgeschlagen",
        "staff_absent": "Mitarbeiter abwesend",
        "calendar_conflict": "Kalender extern geändert",
        "calendar_unreachable": "Kalender nicht erreichbar",
    },
    "review_resolution": {
        "linked": "zugeordnet",
        "new_customer": "als neuer Kunde angelegt",
        "no_identifying_data": "ohne Angaben abgeschlossen",
        "confirmed": "Termin bestätigt",
        "cancelled": "Termin abgesagt",
        "sms_confirmed": "per SMS bestätigt",
        "sms_name": "Name per SMS erhalten",
        "identity_confirmed": "Person bestätigt",
        "calendar_reachable": "Kalender wieder erreichbar",
        "called_back": "zurückgerufen",
        "done": "erledigt",
    },
    "review_priority": {
        "1": "hoch",
        "2": "normal",
        "3": "niedrig",
    },
    # Why the matcher (or a merge) decided as it did.
    "match_reason": {
        "match": "Übereinstimmung",
        "uncertain": "nicht eindeutig",
        "different_name": "anderer Name",
        "sound_alike_name_only": "nur ähnlich klingender Name, sonst keine Übereinstimmung",
        "too_many_candidates": "zu viele mögliche Personen",
        "no_identifying_data": "keine Angaben zur Person",
        "manual": "von Hand",
    },
    # Why a value the caller said was not taken (names.validator, identity.collection).
    "rejection_reason": {
        "empty": "leer",
        "not_a_name": "kein Name",
        "number": "enthält Ziffern",
        "placeholder": "Platzhalter",
        "salutation_only": "nur eine Anrede",
        "agent_name": "Name der Assistenz",
        "staff_name": "Name eines Mitarbeiters",
        "greeting": "Gruß oder Floskel",
        "time_or_date": "Zeitangabe",
        "intent": "Anliegen statt Name",
        "filler": "Füllwort",
        "common_word": "gewöhnliches Wort",
        "invalid_birth_date": "ungültiges Geburtsdatum",
        "invalid_email": "ungültige E-Mail-Adresse",
        "invalid_phone": "ungültige Telefonnummer",
    },
    "name_source": {
        "function_call": "im Gespräch erfasst",
        "transcript": "aus dem Transkript",
        "analysis": "aus der Gesprächsauswertung",
        "sms": "per SMS",
    },
    "message_direction": {
        "outbound": "Gesendet",
        "inbound": "Empfangen",
    },
    "message_purpose": {
        "confirmation": "Terminbestätigung",
        "moved": "Terminverschiebung",
        "cancelled": "Terminabsage",
        "booked": "Terminbuchung",
        "reminder": "Erinnerung",
        "reply": "Antwort",
        "incoming": "eingehend",
        "waitlist_offer": "Angebot von der Warteliste",
    },
    # An outgoing SMS on its way.
    "message_status": {
        "held": "wartet (Ruhezeit)",
        "sending": "wird gesendet",
        "retrying": "neuer Versuch",
        "accepted": "angenommen",
        "queued": "in Zustellung",
        "sent": "gesendet",
        "delivered": "zugestellt",
        "undelivered": "nicht zugestellt",
        "failed": "fehlgeschlagen",
        "unknown": "ungewiss",
        "skipped": "nicht gesendet",
        "received": "empfangen",
    },
    # What an incoming reply did.
    "reply_status": {
        "received": "empfangen",
        "confirmed": "Termin bestätigt",
        "cancelled": "Termin abgesagt",
        "opted_out": "abgemeldet (STOP)",
        "opted_in": "wieder angemeldet (START)",
        "named": "Name erhalten",
        "review": "an Team weitergeleitet",
        "nothing_open": "kein offener Termin",
        "duplicate": "doppelt empfangen",
        "skipped": "nicht beantwortet",
    },
    "waitlist_status": {
        "waiting": "wartet",
        "offered": "Angebot offen",
        "booked": "gebucht",
        "cancelled": "entfernt",
    },
    "offer_status": {
        "open": "offen",
        "accepted": "angenommen",
        "expired": "abgelaufen",
        "lost": "vergeben",
    },
    "absence_source": {
        "file": "Praxisdatei",
        "manual": "manuell",
        "calendar": "externer Kalender",
    },
    "job_status": {
        "pending": "wartet",
        "running": "läuft",
        "done": "erledigt",
        "failed": "fehlgeschlagen",
    },
    "experiment_status": {
        "running": "läuft",
        "stopped": "beendet",
    },
    "alert_status": {
        "firing": "ausgelöst",
        "resolved": "behoben",
        "ok": "in Ordnung",
        "no_data": "keine Daten",
        "off": "aus",
    },
    "privacy_status": {
        "erased": "gelöscht",
    },
    "user_role": {
        "owner": "Inhaber",
        "staff": "Mitarbeiter",
    },
    "transcript_role": {
        "agent": "Assistenz",
        "user": "Anrufer",
    },
    # What a person did to a review item (accounts.audit rows), as a short label; the
    # sentence is built by dashboard/history.py.
    "audit_action": {
        "note": "Notiz",
        "assign": "zugewiesen",
        "link": "zugeordnet",
        "undo_link": "Zuordnung rückgängig gemacht",
        "new_customer": "neuer Kunde angelegt",
        "no_identifying_data": "ohne Angaben abgeschlossen",
        "confirm_appointment": "Termin bestätigt",
        "cancel_appointment": "Termin abgesagt",
        "done": "erledigt",
        "called_back": "zurückgerufen",
    },
    # The privacy export's sections (tables of one person's data).
    "privacy_table": {
        "customers": "Kundeneinträge",
        "calls": "Anrufe",
        "call_events": "Rohdaten der Anrufe",
        "raw_events": "Rohdaten der Anrufe",
        "function_invocations": "Funktionsaufrufe",
        "call_enrichment": "Auswertungen der Anrufe",
        "appointments": "Termine",
        "messages": "SMS",
        "sms_opt_outs": "SMS-Abmeldungen",
        "review_items": "Prüfliste",
        "review_actions": "Verlauf der Prüfliste",
        "merge_audits": "Zusammenführungen",
        "waitlist_entries": "Warteliste",
    },
}


def label(value: object, kind: str) -> str:
    """The German label of `value` in `kind`; an unknown value is shown as it is stored, with
    underscores as spaces, rather than hidden."""
    if value is None or value == "":
        return "–"
    text = str(value)
    if kind == "event_type" and text.startswith(FUNCTION_EVENT):
        return f"Funktionsaufruf: {label(text.removeprefix(FUNCTION_EVENT), 'function')}"
    return LABELS.get(kind, {}).get(text, text.replace("_", " "))


# Which kind labels which column of each section of the privacy export (privacy.export).
EXPORT_KINDS: Final[dict[str, dict[str, str]]] = {
    "customer": {"status": "customer_status", "source": "customer_source"},
    "merged_customers": {"status": "customer_status", "source": "customer_source"},
    "calls": {
        "status": "call_status",
        "link_status": "call_link_status",
        "link_method": "call_link_method",
        "disconnection_reason": "call_disconnection_reason",
    },
    "function_invocations": {"name": "function"},
    "call_enrichment": {"status": "enrichment_status"},
    "raw_events": {"status": "event_status", "event_type": "event_type"},
    "messages": {
        "direction": "message_direction",
        "purpose": "message_purpose",
        "status": "message_status",
    },
    "appointments": {"status": "appointment_status"},
    "review_items": {
        "status": "review_status",
        "reason": "review_reason",
        "resolution": "review_resolution",
    },
    "review_actions": {"action": "audit_action"},
    "merge_audits": {"reason": "match_reason"},
    "waitlist_entries": {"status": "waitlist_status"},
}


def export_meanings(document: dict[str, object]) -> dict[str, dict[str, dict[str, str]]]:
    """The German meaning of every stored word in an export: section -> column -> value ->
    label, so the person reading their data needs no developer to explain it."""
    meanings: dict[str, dict[str, dict[str, str]]] = {}
    for section, columns in EXPORT_KINDS.items():
        rows = document.get(section)
        rows = [rows] if isinstance(rows, dict) else rows
        if not isinstance(rows, list):
            continue
        for row in rows:
            if not isinstance(row, dict):
                continue
            for column, kind in columns.items():
                value = row.get(column)
                if isinstance(value, str) and value:
                    words = meanings.setdefault(section, {}).setdefault(column, {})
                    words[value] = label(value, kind)
    return meanings
