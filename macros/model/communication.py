"""The communication plan: internal flows, meetings, external channels and message templates."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

from .common import Id, IdentifiedRecord, Record, Text, TopSingleRecord
from .contacts import PhoneNumber

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class InternalFlow(IdentifiedRecord):
    """Who informs which audience, by which channel, how often."""

    audience: Text
    informed_by: Id
    channel: Text
    frequency: Text


class Meeting(IdentifiedRecord):
    """A standing meeting during a crisis."""

    name: Text
    participants: Annotated[list[Id], Field(min_length=1)]
    when: Text
    channel: Text


class ExternalChannel(IdentifiedRecord):
    """A way the organisation speaks to customers (website, IVR, social media)."""

    name: Text
    owner: Id
    how: Text


class PublicChannel(IdentifiedRecord):
    """How customers reach the organisation (a hotline, the chat): the only channels the public edition shows."""

    name: Text
    how: Text
    number: PhoneNumber | None = None


class Placeholder(Record):
    """A gap in a template and what to fill in."""

    name: Annotated[str, Field(pattern=r"^[a-z_]+$")]
    meaning: Text


class MessageTemplate(IdentifiedRecord):
    """Ready-made text with {placeholders} to fill in under stress."""

    title: Text
    channel: Text
    text: Text
    placeholders: list[Placeholder] = []

    def placeholders_in_text(self) -> list[str]:
        return list(dict.fromkeys(PLACEHOLDER.findall(self.text)))


class CommunicationPlan(TopSingleRecord):
    """Everything about who tells whom what during an emergency."""

    internal: Annotated[list[InternalFlow], Field(min_length=1)]
    meetings: list[Meeting] = []
    external_channels: Annotated[list[ExternalChannel], Field(min_length=1)]
    public_channels: list[PublicChannel] = []
    templates: Annotated[list[MessageTemplate], Field(min_length=1)]
