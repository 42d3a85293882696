"""The crisis group: who sits in it, what it does and how it meets."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import ClockTime, Id, Record, Text, TopSingleRecord


class CheckIn(Record):
    """The daily check-in of the crisis group."""

    time: ClockTime
    channel: Text
    duration_minutes: Annotated[int, Field(ge=5, le=240)]
    agenda: Annotated[list[Text], Field(min_length=1)]


class CrisisGroup(TopSingleRecord):
    """Members are role ids; `on_call` roles join when the situation needs them."""

    lead: Id
    members: Annotated[list[Id], Field(min_length=2)]
    on_call: list[Id] = []
    tasks: Annotated[list[Text], Field(min_length=1)]
    check_in: CheckIn
    remote_meeting_rules: Annotated[list[Text], Field(min_length=1)]
    communication_rules: Annotated[list[Text], Field(min_length=1)]
