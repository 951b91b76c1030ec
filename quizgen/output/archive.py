"""Zip archives whose bytes depend only on their entries and one timestamp."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def zip_bytes(entries: Iterable[tuple[str, bytes]], timestamp: int) -> bytes:
    """Return a deflated zip of (name, data) entries in the given order, all stamped `timestamp`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(_entry(name, timestamp), data)
    return buffer.getvalue()


def _entry(name: str, timestamp: int) -> zipfile.ZipInfo:
    # the clock, the builder's system and its umask would otherwise show in the bytes
    entry = zipfile.ZipInfo(name, max(_ZIP_EPOCH, time.gmtime(timestamp)[:6]))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 3  # Unix, whatever system builds it
    entry.external_attr = 0o644 << 16
    return entry
