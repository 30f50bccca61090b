"""CalDAV servers (Nextcloud, Radicale, iCloud, mailbox.org, ...) through the `caldav` package."""

from frontdesk.calendars.caldav.client import CaldavConnector

__all__ = ["CaldavConnector"]
