"""External and internal FAQ entries, one file each so pull requests never collide."""

from __future__ import annotations

from enum import Enum

from .common import DateTime, Id, Markdown, SearchWords, Text, TopRecord


class FaqAudience(str, Enum):
    customers = "customers"
    agents = "agents"


class AnswerStatus(str, Enum):
    answered = "answered"
    in_progress = "in-progress"


class FaqEntry(TopRecord):
    """A question, its answer, and when somebody last looked at it."""

    question: Text
    answer: Markdown
    audience: FaqAudience
    topic: Text
    scenario: Id | None = None
    last_updated: DateTime
    owner: Id
    status: AnswerStatus
    keywords: SearchWords
