"""The organisation behind the handbook: edition, policies, sites and service providers."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import Id, IdentifiedRecord, Record, Text, Title
from .contacts import PhoneNumber

Days = Annotated[int, Field(ge=1, le=3650)]


class ReviewPolicy(Record):
    """How old each kind of record may grow before it counts as out of date."""

    contact_verification_days: Days = 365
    faq_answer_days: Days = 30
    chain_test_days: Days = 180
    checklist_review_days: Days = 365
    escalation_review_days: Days = 365
    exercise_interval_days: Days = 365
    copy_max_age_days: Days = 30


class RiskPolicy(Record):
    """Where likelihood × impact (1–25) turns from acceptable into unacceptable risk."""

    unacceptable_from: Annotated[int, Field(ge=2, le=25)] = 10


class Site(IdentifiedRecord):
    """A place where customer service is delivered."""

    name: Text
    address: Text
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    seats: Annotated[int, Field(ge=0)] | None = None


class ServiceProvider(IdentifiedRecord):
    """A contact-centre provider (contractor) serving the organisation from its own sites."""

    name: Text
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    sites: Annotated[list[Id], Field(min_length=1)]
    covers: Annotated[list[Text], Field(min_length=1)]
    account_manager: Id


class Organisation(IdentifiedRecord):
    """The organisation and the handbook's identity."""

    name: Text
    handbook_title: Title
    edition: Title
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "en"
    timezone: Text = "Europe/Berlin"
    emergency_officer: Id
    emergency_number: PhoneNumber
    first_hour_checklist: Id
    review_policy: ReviewPolicy = ReviewPolicy()
    risk_policy: RiskPolicy = RiskPolicy()
    sites: Annotated[list[Site], Field(min_length=1)]
    providers: list[ServiceProvider] = []
