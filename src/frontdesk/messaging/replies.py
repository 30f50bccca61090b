"""What an incoming SMS means: a confirmation, a cancellation, an opt-out, or free text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Intent = Literal["confirm", "cancel", "stop", "start", "text"]

# Twilio's own opt-out and opt-in keywords (its Advanced Opt-Out defaults), plus German ones;
# the carrier-level opt-out happens at Twilio, frontdesk must honour it for every later message.
STOP_WORDS = frozenset(
    {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke", "stopp"}
)
START_WORDS = frozenset({"start", "unstop", "yes"})
CANCEL_WORDS = frozenset({"absagen", "absage", "storno", "stornieren", "stornierung"})
CONFIRM_WORDS = frozenset({"ja", "jawohl", "bestatigt", "bestatigen", "bestatige", "ok", "okay"})
_FILLERS = frozenset({"bitte", "gerne", "danke", "gern", "ich", "den", "termin"})
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Reply:
    intent: Intent
    text: str  # the message as sent, trimmed


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(plain)


def classify(body: str) -> Reply:
    """Keywords count only when they are the message (with fillers such as "bitte"), so
    "Ja, aber erst nach 16 Uhr" is text for a person, not a confirmation."""
    text = " ".join(body.split())
    words = _words(text)
    if len(words) == 1 and words[0] in STOP_WORDS:
        return Reply("stop", text)
    if len(words) == 1 and words[0] in START_WORDS:
        return Reply("start", text)
    meaningful = [w for w in words if w not in _FILLERS]
    if len(meaningful) == 1 and meaningful[0] in CANCEL_WORDS:
        return Reply("cancel", text)
    if len(meaningful) == 1 and meaningful[0] in CONFIRM_WORDS:
        return Reply("confirm", text)
    return Reply("text", text)
