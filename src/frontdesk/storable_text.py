"""Text a database can store: no NUL characters and no unpaired UTF-16 surrogates.

PostgreSQL refuses both (in text and in JSONB), SQLite keeps them only half-way; either way a
request carrying one used to end in a 500 with nothing stored. At the edge, every decoded text
passes through here: the raw bytes are kept as they came, the text that is worked with gets
U+FFFD (the replacement character) where a NUL or a lone surrogate stood.
"""

from __future__ import annotations

import re
from typing import Any

REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(text: str) -> bool:
    """True when `text` holds a NUL or an unpaired surrogate."""
    return _UNSTORABLE.search(text) is not None


def storable(value: Any) -> Any:
    """`value` with every string (keys too, at any depth) made storable."""
    if isinstance(value, str):
        return _UNSTORABLE.sub(REPLACEMENT, value) if unstorable(value) else value
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value
