"""The one exception family for handbook problems, and the Problem record every message is built from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the data, located in a file and line, with what to do about it."""

    file: str
    line: int
    message: str
    record: str = ""
    field: str = ""
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        about = ", ".join(part for part in (self.record, f"field '{self.field}'" if self.field else "") if part)
        text = f"{where}{about + ': ' if about else ''}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class HandbookError(Exception):
    """Base of every error the handbook generator raises on purpose."""


class DataError(HandbookError):
    """The handbook data has one or more problems; each is reported with its place."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class UsageError(HandbookError):
    """The command was called wrongly (a missing folder, an unknown option)."""
