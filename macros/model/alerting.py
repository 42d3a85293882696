"""Alerting and reporting chains: who informs whom, how, and within what time."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from .common import Date, Id, Record, Text, TopRecord


class Channel(str, Enum):
    phone = "phone"
    sms = "sms"
    email = "email"
    messenger = "messenger"
    video_call = "video-call"
    in_person = "in-person"


class AlertingStep(Record):
    """One link of the chain; `sender`, `recipient` and `stand_in` are role or contact ids."""

    sender: Id
    recipient: Id
    channel: Channel
    within_minutes: Annotated[int, Field(ge=0, le=1440)]
    stand_in: Id
    message: Text | None = None


class AlertingChain(TopRecord):
    """A chain that starts on a trigger and runs its steps in order."""

    name: Text
    trigger: Text
    steps: Annotated[list[AlertingStep], Field(min_length=1)]
    last_tested: Date
