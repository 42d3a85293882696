"""Field types and the base record shared by every data domain."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Iterable

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

# Ids appear in file names and URLs, so they stay lower-case words joined by hyphens.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Rating = Annotated[int, Field(ge=1, le=5)]


class Localized(str):
    """A text as loaded: reads as the primary language's text and keeps every version by language code.

    `neutral` texts (names of people, organisations, places) are the same in every language unless
    a version is given, so they never count as missing a translation.
    """

    translations: dict[str, str]
    neutral: bool

    def __new__(cls, primary_text: str, translations: dict[str, str], neutral: bool = False) -> Localized:
        text = super().__new__(cls, primary_text)
        text.translations = translations
        text.neutral = neutral
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (Localized, (str(self), self.translations, self.neutral))


class Untranslated(str):
    """A text shown in another language than the page's, because its translation is missing;
    `marker` holds the page language's words for that ("not yet translated")."""

    language: str
    marker: str

    def __new__(cls, text: str, language: str, marker: str) -> Untranslated:
        value = super().__new__(cls, text)
        value.language = language
        value.marker = marker
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (Untranslated, (str(self), self.language, self.marker))


# The loader passes the handbook's primary language and all its languages in the validation context.
PRIMARY, LANGUAGES = "primary_language", "languages"
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


def _localizable(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo, neutral: bool) -> Any:
    """A plain text, or a mapping from language code to text (`de: …`, `en: …`) with the primary one in it."""
    context = info.context or {}
    if not isinstance(value, dict):
        text = handler(value)
        # Outside the loader (no languages known) a text is just a text.
        return Localized(text, {context[PRIMARY]: text}, neutral) if PRIMARY in context else text
    primary = context.get(PRIMARY, "en")
    languages = context.get(LANGUAGES) or [primary]
    texts: dict[str, str] = {}
    for language, text in value.items():
        if not isinstance(language, str) or not _LANGUAGE_CODE.match(language) or language not in languages:
            raise PydanticCustomError("unknown_language", "unknown language {language}",
                                      {"language": str(language), "languages": ", ".join(languages)})
        try:
            texts[language] = handler(text)
        except ValidationError as error:
            inner = error.errors()[0]
            raise PydanticCustomError("localized_text", "{inner}", {
                "language": language, "inner": inner["type"], "input": text, **(inner.get("ctx") or {})}) from None
    if primary not in texts:
        raise PydanticCustomError("primary_missing", "the text in {primary} is missing",
                                  {"primary": primary, "languages": ", ".join(texts)})
    return Localized(texts[primary], texts, neutral)


def _translatable(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    return _localizable(value, handler, info, neutral=False)


def _neutral(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    return _localizable(value, handler, info, neutral=True)


_ONE_TEXT = Annotated[str, StringConstraints(min_length=1)]
# Editors' schemas accept both forms: a text, or an object of texts by language code.
_TRANSLATABLE = WrapValidator(_translatable, json_schema_input_type=_ONE_TEXT | dict[LanguageCode, _ONE_TEXT])
_NEUTRAL = WrapValidator(_neutral, json_schema_input_type=_ONE_TEXT | dict[LanguageCode, _ONE_TEXT])


def refuse_invisible(value: str) -> str:
    """Refuse format characters (Unicode category Cf: bidirectional controls such as U+202E, zero-width spaces and
    joiners): in a name, title or number they make it read backwards or look like another one."""
    # No ASCII character is a format character: most names and titles need no look at each character.
    if value.isascii():
        return value
    for character in value:
        if unicodedata.category(character) == "Cf":
            raise PydanticCustomError("invisible_character", "invisible character {code}",
                                      {"code": f"U+{ord(character):04X}",
                                       "name": unicodedata.name(character, "format character")})
    return value


Visible = AfterValidator(refuse_invisible)
# Names and titles stand in table cells, menus, cards and PDF headers: a few lines at most.
MAX_NAME_CHARS = 300

# Written out as Annotated[str, ...] (not built by a function) so that a type checker sees str.
# Prose that readers read: in the primary language, or a mapping by language (missing ones fall back).
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), _TRANSLATABLE]
Markdown = Annotated[str, StringConstraints(min_length=1), _TRANSLATABLE]
# Titles end up in the menu, the browser tab and file names, where MkDocs writes them unescaped.
Title = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS, strip_whitespace=True,
                                           pattern=r"^[^<>{}]*$"), Visible, _TRANSLATABLE]
# Names of people, organisations and places: the same in every language unless a mapping says otherwise.
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS, strip_whitespace=True), Visible,
                 _NEUTRAL]
# A short hash of a record's primary-language texts, confirming which version a translation follows.
Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]

class Keywords(tuple[str, ...]):
    """Search words of a record: what people type when they look for it ("hacked", "Trojaner"), never shown.

    Reads as the primary language's words; `by_language` keeps each language's own list. The lists are not
    translations of each other (each language has the words its readers type), so they are not counted as
    texts to translate, and a language without a list of its own searches with the primary language's words.
    """

    by_language: dict[str, tuple[str, ...]]

    def __new__(cls, words: Iterable[str] = (), by_language: dict[str, tuple[str, ...]] | None = None
                ) -> Keywords:
        keywords = super().__new__(cls, tuple(words))
        keywords.by_language = dict(by_language or {})
        return keywords

    def in_language(self, language: str) -> tuple[str, ...]:
        """The words for readers of `language`: its own list, else the primary language's."""
        return self.by_language.get(language, tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Keywords, (tuple(self), self.by_language))


def _keywords(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Keywords:
    """A list of words in the primary language, or a list per language code with the primary one in it."""
    context = info.context or {}
    primary = context.get(PRIMARY, "en")
    if not isinstance(value, dict):
        words = tuple(handler(value))
        return Keywords(words, {primary: words})
    languages = context.get(LANGUAGES) or [primary]
    lists: dict[str, tuple[str, ...]] = {}
    for language, words in value.items():
        if not isinstance(language, str) or not _LANGUAGE_CODE.match(language) or language not in languages:
            raise PydanticCustomError("unknown_language", "unknown language {language}",
                                      {"language": str(language), "languages": ", ".join(languages)})
        lists[language] = tuple(handler(words))
    if primary not in lists:
        raise PydanticCustomError("primary_missing", "the text in {primary} is missing",
                                  {"primary": primary, "languages": ", ".join(lists)})
    return Keywords(lists[primary], lists)


# A search word or phrase, as a person would type it.
_Keyword = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
# Search words on scenarios, FAQ entries, roles and checklists: `[hacked, ransomware]`, or `{de: [...], en: [...]}`;
# none when left out.
SearchWords = Annotated[list[_Keyword], WrapValidator(
    _keywords, json_schema_input_type=list[_Keyword] | dict[LanguageCode, list[_Keyword]]),
    Field(default_factory=Keywords)]


_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def _clock_time(value: str) -> str:
    match = _CLOCK.match(value.strip())
    if not match:
        raise ValueError("clock_time")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


ClockTime = Annotated[str, AfterValidator(_clock_time)]


def _date_only(value: object) -> object:
    # Pydantic would read a bare number as seconds since 1970; nobody writes dates that way.
    if isinstance(value, (int, float)) or isinstance(value, dt.datetime):
        raise ValueError("date")
    return value


def _date_and_time(value: object) -> object:
    if isinstance(value, (int, float)) or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        raise ValueError("date_time")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_only)]
DateTime = Annotated[dt.datetime, BeforeValidator(_date_and_time)]


class Record(BaseModel):
    """A record as written in YAML: unknown keys are mistakes, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)
    # Which file and place the record was read from (for messages); copies made by redaction keep it.
    _origin: Any = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # Two records are equal when their fields are; where they were read from does not count.
        return type(self) is type(other) and self.__dict__ == other.__dict__

    __hash__ = BaseModel.__hash__


class IdentifiedRecord(Record):
    """A record with the stable id other records refer to."""

    id: Id


# `confidential: true` keeps a whole record to the crisis-team edition; a list names fields kept there.
Confidential = bool | list[Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]]


class TopRecord(IdentifiedRecord):
    """A record at the top of a data file: it can be marked confidential and carries translation stamps."""

    confidential: Confidential = False
    translated: dict[LanguageCode, Fingerprint] = {}

    def confidential_fields(self) -> list[str]:
        """The fields to leave out below the crisis-team edition (all of them when the record is confidential)."""
        if self.confidential is True:
            return list(type(self).model_fields)
        return list(self.confidential or [])


class TopSingleRecord(Record):
    """A data file holding one record without an id (escalation, crisis group, communication plan)."""

    confidential: list[Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]] = []
    translated: dict[LanguageCode, Fingerprint] = {}

    def confidential_fields(self) -> list[str]:
        """The fields to leave out below the crisis-team edition."""
        return list(self.confidential)

