"""People and external parties, with the numbers and hours at which they can be reached."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from typing import Annotated

import phonenumbers
from pydantic import AfterValidator, Field, model_validator

from .common import ClockTime, Date, Id, Name, Record, Text, TopRecord, refuse_invisible


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
    formatted = _international_form(value)
    if formatted is None:
        raise ValueError("phone")
    return formatted


# A number recurs in many records (switchboards, hotlines, the 24/7 line): parsing was a third of `check`.
@lru_cache(maxsize=65536)
def _international_form(value: str) -> str | None:
    try:
        parsed = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Invisible characters first: phonenumbers would drop them silently, and the number must read as written.
PhoneNumber = Annotated[str, AfterValidator(refuse_invisible), AfterValidator(_international_number)]


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


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_RANGE = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?$")


def _weekdays(value: str) -> str:
    """`mon-fri`, `sat`, `mon,wed,fri` or `fri-mon` (across the weekend): checked, written back lower-case."""
    written = str(value).strip().lower().replace(" ", "")
    for part in written.split(","):
        if not _DAY_RANGE.match(part):
            raise ValueError("days")
    return written


Days = Annotated[str, AfterValidator(_weekdays)]


def day_numbers(days: str) -> list[int]:
    """The weekdays of `days` as numbers (Monday 0), in the order written: `fri-mon` is Fri, Sat, Sun, Mon."""
    numbers: list[int] = []
    for part in days.split(","):
        first, _, last = part.partition("-")
        start, end = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
        numbers += [(start + offset) % 7 for offset in range((end - start) % 7 + 1)]
    return list(dict.fromkeys(numbers))


class Shift(Record):
    """Days and hours of one shift; an end before the start runs past midnight (19:30 to 07:30)."""

    days: Days
    start: ClockTime
    end: ClockTime

    @model_validator(mode="after")
    def _has_length(self) -> "Shift":
        if self.start == self.end:
            raise ValueError("shift_length")
        return self


class Availability(Record):
    """When the contact answers: around the clock, or in shifts on given days (one shift written in short:
    `days`, `start`, `end`; several under `shifts`)."""

    kind: AvailabilityKind
    days: Days | None = None
    start: ClockTime | None = None
    end: ClockTime | None = None
    shifts: list[Shift] = []

    @model_validator(mode="after")
    def _hours_complete(self) -> "Availability":
        short = (self.days, self.start, self.end)
        if self.kind is AvailabilityKind.always:
            if any(short) or self.shifts:
                raise ValueError("always_with_hours")
            return self
        if self.shifts and any(short):
            raise ValueError("shifts_and_short_form")
        if not self.shifts and not all(short):
            raise ValueError("business_hours")
        if not self.shifts and self.start == self.end:
            raise ValueError("shift_length")
        return self

    def all_shifts(self) -> list[Shift]:
        """Every shift, the short form as the one shift it stands for."""
        if self.shifts or self.days is None or self.start is None or self.end is None:
            return list(self.shifts)
        return [Shift.model_construct(days=self.days, start=self.start, end=self.end)]


class Contact(TopRecord):
    """A person or external party the handbook tells people to call."""

    name: Name
    kind: ContactKind
    organisation: Name
    job_title: Text | None = None
    provider: Id | None = None
    phones: Annotated[list[Phone], Field(min_length=1)]
    # A plain address: letters, digits and . _ % + - before the @, a domain after it; never a mailto: header
    # (`?bcc=…`) or anything a mail program would read as more than one address.
    email: Annotated[str, Field(pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")] | None = None
    availability: Availability
    verified_on: Date
    note: Text | None = None
    # A person (with given and family name) or an organisation's desk or hotline; by default from `kind`.
    person: bool | None = None

    @property
    def is_person(self) -> bool:
        """Staff, provider and client contacts are people unless `person: false` says otherwise; the rest are desks."""
        return self.person if self.person is not None else self.kind in PERSON_KINDS

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


# Contacts of these kinds are people, with a given name and a surname; the others are desks and hotlines.
PERSON_KINDS = frozenset({ContactKind.staff, ContactKind.provider, ContactKind.client})
