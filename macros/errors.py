"""The one exception family for handbook problems, and the Problem record every message is built from.

A message is a key into the `messages:` section of the label catalogues with the values for its
placeholders, so that the same problem can be told in the handbook's language; `str()` tells it in
English, for logs and tracebacks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .labels import Labels


def english() -> Labels:
    """The English catalogue, which `str()` of every message uses."""
    # Imported here: labels.py raises UsageError from this module.
    from .labels import labels_for

    return labels_for("en")


@dataclass(frozen=True)
class Message:
    """A text of the catalogue's `messages:` section (`key`, without the prefix) and its placeholders' values.

    Values stay as they are until the text is rendered: a Message is rendered in the same language, a
    Language by its name in that language, a date in that language's message format, a tuple as a list.
    """

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, /, **values: Any) -> Message:
        # Tuples, not lists, so that problems stay hashable (check compares sets of them).
        return cls(key, tuple((name, tuple(value) if isinstance(value, list) else value)
                              for name, value in values.items()))

    def text(self, labels: Labels) -> str:
        """The message in the catalogue's language, placeholders filled in."""
        template = labels(f"messages.{self.key}")
        return template.format(**{name: _rendered(value, labels) for name, value in self.values})

    def __str__(self) -> str:
        return self.text(english())


@dataclass(frozen=True)
class Language:
    """A language code in a message: rendered as the language's name in the reader's language ("German", "tyska")."""

    code: str


def _rendered(value: Any, labels: Labels) -> str:
    if isinstance(value, Message):
        return value.text(labels)
    if isinstance(value, Language):
        return labels.language_name(value.code)
    if isinstance(value, dt.datetime):
        # A moment (an incident's next update): the day as messages write it, then the clock time.
        return labels("format.datetime", date=labels.date(value, message=True), time=labels.time(value)).replace(
            "\u00a0", " ")
    if isinstance(value, dt.date):
        return labels.date(value, message=True)
    if isinstance(value, tuple):
        return ", ".join(_rendered(item, labels) for item in value)
    return str(value)


def record_name(kind: str, record_id: Any = None) -> Message:
    """How a message names a record: "faq 'power-outage'", or "crisis group" for a record without an id.

    `kind` is a domain name (`faq`, `alerting_chains`), the key of the record's label under `messages.record`.
    """
    label = Message.of(f"record.{kind}")
    return Message.of("where.record", record=label, id=record_id) if isinstance(record_id, str) else label


@dataclass(frozen=True)
class Problem:
    """One mistake in the data, located in a file and line, with what to do about it."""

    file: str
    line: int
    message: Message
    record: Message | None = None
    field: str = ""
    hint: Message | None = None
    warning: bool = False

    def text(self, labels: Labels) -> str:
        """The problem as one line in the catalogue's language: file:line: record, field: message (hint)."""
        where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        about = ", ".join(part for part in (self.record.text(labels) if self.record else "",
                                            labels("messages.where.field", field=self.field) if self.field else "")
                          if part)
        text = f"{where}{about + ': ' if about else ''}{self.message.text(labels)}"
        hint = self.hint.text(labels) if self.hint else ""
        return f"{text} ({hint})" if hint else text

    def __str__(self) -> str:
        return self.text(english())

    def sort_key(self) -> tuple[str, int, str, str, str, str]:
        """By file and line, then by the English words, whatever language the problems are shown in."""
        return self._sort_key

    # Sorting asks for the key again at every comparison; rendering the English words each time was costly.
    @cached_property
    def _sort_key(self) -> tuple[str, int, str, str, str, str]:
        return (self.file, self.line, str(self.message), str(self.record or ""), self.field, str(self.hint or ""))

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()


class HandbookError(Exception):
    """Base of every error the handbook generator raises on purpose."""

    def __init__(self, message: Message | str = ""):
        self.message = message
        super().__init__(str(message))

    def text(self, labels: Labels) -> str:
        """The error in the catalogue's language (errors written as plain text stay as written)."""
        return self.message.text(labels) if isinstance(self.message, Message) else str(self.message)


class DataError(HandbookError):
    """The handbook data has one or more problems; each is reported with its place."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def text(self, labels: Labels) -> str:
        return "\n".join(problem.text(labels) for problem in self.problems)


class UsageError(HandbookError):
    """The command was called wrongly (a missing folder, an unknown option)."""
