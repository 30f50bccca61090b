"""Alert e-mails through any SMTP server (stdlib smtplib; STARTTLS and login when configured)."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from frontdesk.alerts.service import Notice
from frontdesk.notify import DeliveryError

FOOTER = "\n\n-- \nfrontdesk, automatische Meldung. Regeln und Schwellen: `frontdesk alerts check`."


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    port: int = 25
    sender: str = "frontdesk@localhost"
    username: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 10.0

    def message(self, notice: Notice, recipients: Sequence[str]) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = ", ".join(recipients)
        mail["Subject"] = notice.subject
        mail["Date"] = format_datetime(notice.at)
        mail["Message-ID"] = make_msgid(domain="frontdesk")
        # Lets mail filters and threads tell firing and resolution apart.
        mail["X-Frontdesk-Alert"] = f"{notice.rule}; {notice.kind}"
        mail.set_content(notice.text + FOOTER)
        return mail

    def send(self, notice: Notice, recipients: Sequence[str]) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(self.message(notice, recipients))
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryError(f"SMTP {self.host}:{self.port}: {error}") from error
