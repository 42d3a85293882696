"""The organisation behind the handbook: edition, policies, sites and service providers."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field, StringConstraints

from .common import Id, IdentifiedRecord, LanguageCode, Name, Record, Text, Title, TopRecord
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
    # How often the owner of a process of the business impact analysis confirms its figures and plans.
    process_review_days: Days = 365


class RiskPolicy(Record):
    """Where likelihood × impact (1–25) turns from acceptable into unacceptable risk."""

    unacceptable_from: Annotated[int, Field(ge=2, le=25)] = 10
    # From how many dependent processes a system or provider without a fallback is a single point of failure.
    single_point_from: Annotated[int, Field(ge=1, le=100)] = 3


class Site(IdentifiedRecord):
    """A place where customer service is delivered."""

    name: Text
    address: Name
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    seats: Annotated[int, Field(ge=0)] | None = None


class ServiceProvider(IdentifiedRecord):
    """A contact-centre provider (contractor) serving the organisation from its own sites."""

    name: Name
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    sites: Annotated[list[Id], Field(min_length=1)]
    covers: Annotated[list[Text], Field(min_length=1)]
    account_manager: Id
    # Who or what takes over when the provider drops out; none: a single point of failure for its processes.
    fallback: Text | None = None


class Audience(str, Enum):
    """Who an edition is for, from the widest readership to the narrowest."""

    public = "public"
    staff = "staff"
    crisis_team = "crisis-team"

    @property
    def rank(self) -> int:
        """0 for the public, 2 for the crisis team: a higher rank may see everything a lower one sees."""
        return list(Audience).index(self)


class EditionDefinition(IdentifiedRecord):
    """One edition of the handbook to build from the same data: who it is for, and how it is marked."""

    audience: Audience
    title_suffix: Text | None = None
    classification: Text | None = None


class Organisation(TopRecord):
    """The organisation and the handbook's identity."""

    name: Name
    handbook_title: Title
    # A version number is the same in every language: plain text, not a translatable title.
    version: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True, pattern=r"^[^<>{}]*$")]
    language: LanguageCode = "en"
    languages: list[LanguageCode] = []
    timezone: Annotated[str, Field(min_length=1)] = "Europe/Berlin"
    emergency_officer: Id
    emergency_number: PhoneNumber
    first_hour_checklist: Id
    review_policy: ReviewPolicy = ReviewPolicy()
    risk_policy: RiskPolicy = RiskPolicy()
    sites: Annotated[list[Site], Field(min_length=1)]
    providers: list[ServiceProvider] = []
    editions: list[EditionDefinition] = []

    @property
    def all_languages(self) -> list[str]:
        """The primary language first, then the others in the order written."""
        return list(dict.fromkeys([self.language, *self.languages]))
