"""Data files kept between a preview's rebuilds: a file not changed on disk since it was read is not read again."""

from __future__ import annotations

from pathlib import Path

from .source import SourceFile, read_yaml


class KeptFiles:
    """Reads data files as `read_yaml` does, and keeps each file read until it changes on disk."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[tuple[int, int, int, int], SourceFile]] = {}
        self.reads = 0

    def read(self, path: Path, display_path: str) -> SourceFile:
        """The file's data, read again only when its inode, size or times changed (a save changes them)."""
        try:
            status = path.stat()
        except OSError:
            # Gone or unreadable: read_yaml says what is wrong in the data's own words.
            return self._read(path, display_path)
        stamp = (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        kept = self._kept.get((str(path), display_path))
        if kept is not None and kept[0] == stamp:
            return kept[1]
        source = self._read(path, display_path)
        self._kept[(str(path), display_path)] = (stamp, source)
        return source

    def _read(self, path: Path, display_path: str) -> SourceFile:
        self.reads += 1
        return read_yaml(path, display_path)
