"""Every word the generator writes comes from one catalogue per language (`catalogue/<language>.yml`),
and every date, time and number is formatted for that language's locale by Babel."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal

from .errors import UsageError

CATALOGUE_DIR = Path(__file__).parent / "catalogue"
# A no-break space keeps "23 Nov 2026" and "10:30 CET" on one line, on screen and on paper.
_NO_BREAK = "\u00a0"


class Labels:
    """Look up a label by dotted key (`labels("contacts.title")`), formatting `{placeholders}`."""

    def __init__(self, language: str, entries: dict[str, str]):
        self.language = language
        self.entries = entries

    def __call__(self, key: str, **values: Any) -> str:
        try:
            text = self.entries[key]
        except KeyError:
            raise UsageError(f"label '{key}' is missing from the {self.language} catalogue "
                             f"({CATALOGUE_DIR.name}/{self.language}.yml)") from None
        return text.format(**values) if values else text

    @property
    def locale(self) -> str:
        """The Babel locale of the catalogue, e.g. de_DE."""
        return self("format.locale")

    def date(self, value: dt.date, *, message: bool = False) -> str:
        """A day as readers of this language write it: 23.11.2026, 23 november 2026, 23 Nov 2026.

        With `message`, the form of the command line's messages (`format.message_date`), with plain spaces.
        """
        day = value.date() if isinstance(value, dt.datetime) else value
        if message:
            return _formatted_date(day, self("format.message_date"), self.locale)
        return _formatted_date(day, self("format.date"), self.locale).replace(" ", _NO_BREAK)

    def date_numeric(self, value: dt.date) -> str:
        """A day in the numeric form spreadsheets and address books read: 23.11.2026, 23/11/2026, 2026-11-23."""
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_date(day, self("format.date_numeric"), locale=self.locale)
    def language_name(self, code: str) -> str:
        """A language by its name in this catalogue's language: "Englisch", "engelska", "English"."""
        try:
            return Locale.parse(code).get_display_name(self.language) or code
        except (ValueError, UnknownLocaleError):
            # A code Babel does not know (a typo in the data) is shown as written.
            return code

    def time(self, value: dt.datetime | dt.time) -> str:
        """A clock time: 19:29."""
        return format_time(value, "short", locale=self.locale).replace(" ", _NO_BREAK)

    def datetime(self, value: dt.datetime, zone: bool = False) -> str:
        """Day and time, with the time zone's local abbreviation (MEZ, CET) when `zone` is set."""
        key = "format.datetime_zone" if zone else "format.datetime"
        text = self(key, date=self.date(value), time=self.time(value),
                    zone=format_datetime(value, "zzz", locale=self.locale) if zone else "")
        return text.replace(" ", _NO_BREAK)

    def number(self, value: float) -> str:
        """A number with the locale's decimal sign: 1,5 in German, 1.5 in English."""
        return format_decimal(value, locale=self.locale)


# Messages and pages repeat the same few days thousands of times; Babel parses the pattern on every call.
@lru_cache(maxsize=4096)
def _formatted_date(day: dt.date, pattern: str, locale: str) -> str:
    return format_date(day, pattern, locale=locale)


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


def available_languages() -> list[str]:
    """The language codes that have a catalogue."""
    return sorted(path.stem for path in CATALOGUE_DIR.glob("*.yml"))


@lru_cache(maxsize=None)
def labels_for(language: str) -> Labels:
    """The catalogue for `language`; an unsupported language is a usage error, not a silent fallback."""
    path = CATALOGUE_DIR / f"{language}.yml"
    if not path.is_file():
        raise UsageError(f"no label catalogue for language '{language}' (available: {', '.join(available_languages())})")
    # libyaml when PyYAML has it: the pure-Python parser took longer than checking a small handbook.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Labels(language, _flatten(yaml.load(path.read_text(encoding="utf-8"), Loader=loader)))
