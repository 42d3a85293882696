"""Build options for tests: one edition of a loaded handbook, as the command line would make it."""

from __future__ import annotations

import datetime as dt

from macros.edition import Edition, edition_definitions, editions_to_build
from macros.model import Audience, Handbook
from macros.redaction import edition_handbook


def edition_of(handbook: Handbook, edition_id: str = "staff", language: str | None = None,
               today: dt.date | None = None) -> Edition:
    """The edition `edition_id` of `handbook` in `language` (the primary one by default), built at its built_at;
    for data that defines no such edition, an unmarked edition for the audience of that name."""
    language = language or handbook.organisation.language
    today = today or handbook.built_at.date()
    if edition_id not in {d.id for d in edition_definitions(handbook)}:
        return Edition(edition_id, Audience(edition_id), language, tuple(handbook.organisation.all_languages),
                       today, handbook.built_at)
    (edition,) = editions_to_build(handbook, today, handbook.built_at, edition_id, [language])
    return edition


def prepared(handbook: Handbook, edition_id: str = "staff", language: str | None = None,
             today: dt.date | None = None) -> tuple[Handbook, Edition]:
    """The handbook as `edition_id` renders it (redacted, in `language`) and the edition."""
    edition = edition_of(handbook, edition_id, language, today)
    return edition_handbook(handbook, edition), edition
