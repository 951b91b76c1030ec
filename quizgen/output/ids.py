"""Stable ids: numbers derived from names only, never the clock, so rebuilds keep them."""

from __future__ import annotations

import hashlib


def stable_id(*parts: str) -> int:
    """Return an id in [2**30, 2**31) derived from the parts (Anki deck ids, QTI identifiers)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)
