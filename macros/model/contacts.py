"""People and external parties, with the numbers and hours at which they can be reached."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import phonenumbers
from pydantic import AfterValidator, Field, model_validator

from .common import ClockTime, Date, Id, Name, Record, Text, TopRecord


class ContactKind(str, Enum):
    staff = "staff"
    provider = "provider"
    client = "client"
    authority = "authority"
    it_supplier = "it-supplier"
    overflow_partner = "overflow-partner"


class PhoneKind(str, Enum):
    office = "office"
    mobile = "mobile"
    private = "private"


def _international_number(value: str) -> str:
    try:
        parsed = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        raise ValueError("phone") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


PhoneNumber = Annotated[str, AfterValidator(_international_number)]


class Phone(Record):
    """One phone number; private numbers are marked so exports can leave them out."""

    number: PhoneNumber
    kind: PhoneKind

    @property
    def tel_uri(self) -> str:
        """The number as a tel: link target (E.164, no spaces)."""
        return "tel:" + self.number.replace(" ", "").replace("-", "")


class AvailabilityKind(str, Enum):
    always = "24/7"
    business_hours = "business-hours"


class Availability(Record):
    """When the contact answers: around the clock, or on given days between two times."""

    kind: AvailabilityKind
    days: Text | None = None
    start: ClockTime | None = None
    end: ClockTime | None = None

    @model_validator(mode="after")
    def _hours_complete(self) -> "Availability":
        if self.kind is AvailabilityKind.business_hours and not (self.days and self.start and self.end):
            raise ValueError("business_hours")
        if self.start and self.end and self.start >= self.end:
            raise ValueError("business_hours_order")
        return self


class Contact(TopRecord):
    """A person or external party the handbook tells people to call."""

    name: Name
    kind: ContactKind
    organisation: Name
    job_title: Text | None = None
    provider: Id | None = None
    phones: Annotated[list[Phone], Field(min_length=1)]
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    availability: Availability
    verified_on: Date
    note: Text | None = None

    @property
    def surname(self) -> str:
        return self.name.split()[-1]
