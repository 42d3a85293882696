"""What one build produces: an edition of the handbook, for one readership, in one language.

An `Edition` is made once by the command line (or by the MkDocs hook for a preview) and handed to
redaction, to every renderer and to every writer of dist/: nothing about what to build travels
through the environment or a global.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .errors import UsageError
from .labels import Labels, labels_for
from .model import Audience, EditionDefinition, Handbook, Localized

# Without an `editions` list in organisation.yml the handbook is built once, for staff.
DEFAULT_EDITIONS = (EditionDefinition(id="staff", audience=Audience.staff),)


@dataclass(frozen=True)
class Edition:
    """The build options of one edition in one language, passed explicitly to everything that writes output."""

    id: str
    audience: Audience
    language: str
    # Every language the handbook is built in, primary first (for the language switcher).
    languages: tuple[str, ...]
    today: dt.date
    built_at: dt.datetime
    title_suffix: str = ""
    # The marking on every printed page and on the copy, e.g. "CONFIDENTIAL: crisis team only"; "" when public.
    classification: str = ""

    @property
    def primary_language(self) -> str:
        return self.languages[0]

    @property
    def include_private_numbers(self) -> bool:
        """Numbers marked private reach the crisis team's edition only."""
        return self.audience is Audience.crisis_team

    @property
    def is_public(self) -> bool:
        return self.audience is Audience.public

    def sees(self, audience: Audience) -> bool:
        """Whether this edition's readers may see what is meant for `audience` (the crisis team sees everything)."""
        return self.audience.rank >= audience.rank

    @cached_property
    def labels(self) -> Labels:
        """The label catalogue and date formats of this edition's language."""
        return labels_for(self.language)

    @property
    def name(self) -> str:
        """What the edition is called on its pages: its title suffix, or the catalogue's name of its audience."""
        return self.title_suffix or self.labels(f"common.audience.{self.audience.value}")

    @property
    def folder(self) -> str:
        """Where this edition in this language goes below site/ and dist/: `staff/de`."""
        return f"{self.id}/{self.language}"


def edition_definitions(handbook: Handbook) -> list[EditionDefinition]:
    """The editions organisation.yml asks for, or the one staff edition when it names none."""
    return list(handbook.organisation.editions) or list(DEFAULT_EDITIONS)


def _in_language(text: str | None, language: str) -> str:
    if text is None:
        return ""
    if isinstance(text, Localized):
        return text.translations.get(language, str(text))
    return str(text)


def editions_to_build(handbook: Handbook, today: dt.date, built_at: dt.datetime, only: str | None = None,
                      languages: list[str] | None = None) -> list[Edition]:
    """Every edition × language to build, in the order of organisation.yml (or the one edition `only`)."""
    definitions = edition_definitions(handbook)
    if only is not None:
        definitions = [d for d in definitions if d.id == only]
        if not definitions:
            known = ", ".join(d.id for d in edition_definitions(handbook))
            raise UsageError(f"there is no edition '{only}' in organisation.yml (the editions are: {known})")
    all_languages = tuple(handbook.organisation.all_languages)
    chosen = [language for language in all_languages if languages is None or language in languages]
    if languages is not None and (unknown := sorted(set(languages) - set(all_languages))):
        raise UsageError(f"the handbook is not written in {', '.join(unknown)} "
                         f"(its languages are: {', '.join(all_languages)})")
    return [Edition(definition.id, definition.audience, language, all_languages, today, built_at,
                    _in_language(definition.title_suffix, language), _in_language(definition.classification, language))
            for definition in definitions for language in chosen]
