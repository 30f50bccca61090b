"""Split the blind corpus once, by a seed, into a tuning part and a sealed part.

    python tests/names/data/split.py

Reads parts/*.jsonl (one file per writer) and writes tuning.jsonl and sealed.jsonl beside this
file. Each call goes to the sealed part when the SHA-256 of "SEED:id" falls below
SEALED_SHARE, so a call's side never changes when other calls are added. Tune on the
development set and tuning.jsonl only; score sealed.jsonl once per design change.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SEED = "frontdesk-names-2026-12-02"
SEALED_SHARE = 0.55
HERE = Path(__file__).resolve().parent


def is_sealed(call_id: str) -> bool:
    digest = hashlib.sha256(f"{SEED}:{call_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < SEALED_SHARE


def main() -> None:
    records = [
        json.loads(line)
        for part in sorted((HERE / "parts").glob("*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    sides: dict[str, list[str]] = {"tuning": [], "sealed": []}
    for record in records:
        side = "sealed" if is_sealed(record["id"]) else "tuning"
        sides[side].append(json.dumps(record, ensure_ascii=False))
    for side, lines in sides.items():
        (HERE / f"{side}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{side}: {len(lines)} calls")


if __name__ == "__main__":
    main()
