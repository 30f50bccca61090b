"""A company's stored match weights, and their per-process cache.

The live path only reads: one index seek for the newest version per call, and the weights
themselves only when that version changed (a `frontdesk identity train` in any process). A
company without stored weights uses the hand-set defaults (`matcher.DEFAULT_M/U`).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.identity.comparisons import LEVELS
from frontdesk.identity.matcher import DEFAULT_M, DEFAULT_U, Params
from frontdesk.identity.models import MatchWeights

_cache: dict[int, Params] = {}
_lock = threading.Lock()


def newest_version(session: Session, company_id: int) -> int:
    """0 when the company has no stored weights."""
    found = session.scalar(
        select(MatchWeights.version)
        .where(MatchWeights.company_id == company_id)
        .order_by(MatchWeights.version.desc())
        .limit(1)
    )
    return int(found) if found is not None else 0


def _table(
    stored: Mapping[str, Any] | None, default: Mapping[str, Mapping[str, float]]
) -> dict[str, dict[str, float]]:
    """Stored levels over the defaults: a level added after training keeps its default."""
    stored = stored or {}
    out: dict[str, dict[str, float]] = {}
    for name, levels in LEVELS.items():
        given = stored.get(name) or {}
        out[name] = {lv: float(given.get(lv, default[name][lv])) for lv in levels}
    return out


def params_from(weights: Mapping[str, Any], version: int) -> Params:
    base = Params()
    return Params(
        p_known=float(weights.get("p_known", base.p_known)),
        catchment=base.catchment,
        email_catchment=base.email_catchment,
        m=_table(weights.get("m"), DEFAULT_M),
        u=_table(weights.get("u"), DEFAULT_U),
        version=version,
    )


def params_for(session: Session, company_id: int) -> Params:
    """The company's weights, from the cache when its version is still the newest."""
    version = newest_version(session, company_id)
    cached = _cache.get(company_id)
    if cached is not None and cached.version == version:
        return cached
    if version == 0:
        params = Params()
    else:
        row = session.get(MatchWeights, (company_id, version))
        params = params_from(row.weights if row else {}, version)
    with _lock:
        _cache[company_id] = params
    return params


def store(
    session: Session, company_id: int, weights: Mapping[str, Any], summary: Mapping[str, Any]
) -> int:
    """Save a new version (older ones stay for audit and rollback); returns its number."""
    newest = session.scalar(
        select(func.max(MatchWeights.version)).where(MatchWeights.company_id == company_id)
    )
    version = int(newest or 0) + 1
    session.add(
        MatchWeights(
            company_id=company_id, version=version, weights=dict(weights), summary=dict(summary)
        )
    )
    session.flush()
    return version


def clear_cache() -> None:
    with _lock:
        _cache.clear()
