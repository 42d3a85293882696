"""A folder of results keyed by a hash of what made them: diagram layouts and printed pages, kept across builds.

`.cache/` in the working folder (ignored by git), or the folder named by HANDBOOK_CACHE. Entries are
written to a temporary file and renamed into place, so builds running at the same time never read half a
file; a cache that cannot be read or written is skipped, never an error (it only saves time).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

DEFAULT_FOLDER = ".cache"


def cache_folder() -> Path:
    """Where cached results live: HANDBOOK_CACHE, or .cache/ in the working folder."""
    return Path(os.environ.get("HANDBOOK_CACHE") or DEFAULT_FOLDER)


def content_key(*parts: str | bytes) -> str:
    """A SHA-256 over the parts (each kept apart from the next), as hex."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _path(kind: str, key: str, suffix: str) -> Path:
    return cache_folder() / kind / key[:2] / f"{key}{suffix}"


def read(kind: str, key: str, suffix: str = "") -> bytes | None:
    """The cached bytes for `key`, or None."""
    try:
        return _path(kind, key, suffix).read_bytes()
    except OSError:
        return None


def write(kind: str, key: str, data: bytes, suffix: str = "") -> None:
    """Keep `data` under `key`; atomic (temporary file, then rename), silent when the folder cannot be written."""
    target = _path(kind, key, suffix)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".writing-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass
