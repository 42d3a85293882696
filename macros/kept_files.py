"""Data files kept between a preview's rebuilds: a file not changed on disk since it was read is not read again,
and its records are not validated again (the models are frozen, so one can serve every build)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .source import Location, SourceFile, read_yaml


class KeptFiles:
    """Reads data files as `read_yaml` does, and keeps each file read until it changes on disk."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[tuple[int, int, int, int], SourceFile]] = {}
        # By file and place in it: the file as read, the validation context, and the record validated from it.
        self._records: dict[tuple[str, Location], tuple[SourceFile, str, Any]] = {}
        self.reads = 0
        self.validations = 0

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

    def validated(self, model: type[BaseModel], raw: Any, source: SourceFile, base: Location,
                  context: dict[str, Any]) -> Any:
        """The record at `base` of `source`, validated again only when the file was read again or the context
        (the handbook's languages) changed; a record that fails is never kept."""
        settings = repr(sorted(context.items()))
        kept = self._records.get((source.path, base))
        if kept is not None and kept[0] is source and kept[1] == settings:
            return kept[2]
        self.validations += 1
        record = model.model_validate(raw, context=context)
        self._records[(source.path, base)] = (source, settings, record)
        return record
