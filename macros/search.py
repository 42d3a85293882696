"""Search in the edition's language, and the records' search words.

Material's search plugin takes its language (`lang`) from the theme language, which the MkDocs hook sets
to the edition's language; it loads that language's lunr stemmer and stop words (they ship with Material,
so they work offline). The separator, the pipeline and an extra index field for the records' `keywords`
are chosen here, per language, and handed to the plugin by the hook, which also writes each record's
keywords into the index entry of its page or section. The rest happens in the browser, in
docs/assets/javascripts/workers/handbook-search.js: folding (ä/ae/a, ß/ss/s), the word kept beside its
stem, compounds in parts, and typo tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Handbook, Keywords
from .pages import has_page, html_path, page, pages_for

if TYPE_CHECKING:
    from .edition import Edition

# Punctuation that ends a word in every language: quotes in their German („…“), Swedish (”…”) and English
# (“…”) forms, apostrophes, brackets, slashes, dashes, @ (e-mail addresses) and the HTML entities Material
# writes for < > & into its index. A hyphen does not end a word: "E-Mail" is indexed whole, joined ("email")
# and in parts ("mail") by the search worker.
_PUNCTUATION = r"""[\s,;!?.()\[\]{}"'„“”‘’‚«»‹›/\\|=@–—…·•→]+|&(?:lt|gt|amp|quot);"""
# A colon ends a word ("Hinweis:", "08:30", Swedish "SMS:et") except in German gender forms, where it is
# part of the word: "Notfallbeauftragte:r", "Eskalationsmanager:in" (the worker folds them to one word).
_COLON = ":"
_COLON_BUT_GENDER = r":(?!(?:in|innen|r|n)\b)"


# The index field of the records' search words. Weighted like a title (Material gives titles 1000 and text 1):
# the words an organisation chose for a record ("hacked", "phones down") lead to it as surely as its title.
KEYWORDS_FIELD = "keywords"
KEYWORDS_BOOST = 1000.0


@dataclass(frozen=True)
class SearchSettings:
    """What Material's search plugin is given for one language: `separator`, `pipeline` and extra `fields`."""

    separator: str
    # lunr's steps for indexing: trimmer (punctuation at a word's ends), stopWordFilter, stemmer.
    pipeline: tuple[str, ...]
    fields: dict[str, dict[str, Any]]


def search_settings(language: str) -> SearchSettings:
    """The separator and lunr pipeline for an edition in `language`."""
    colon = _COLON_BUT_GENDER if language == "de" else _COLON
    # lunr's English trimmer treats every letter outside a-z as punctuation (it would cut "Malmö" to
    # "malm"); the separator already strips punctuation, so English goes without it.
    pipeline = ("stopWordFilter", "stemmer") if language == "en" else ("trimmer", "stopWordFilter", "stemmer")
    return SearchSettings(f"{_PUNCTUATION}|{colon}", pipeline, {KEYWORDS_FIELD: {"boost": KEYWORDS_BOOST}})


def _location(key: str, record_id: str | None = None, anchor: str = "") -> str:
    """Where Material's search index finds a page or section: `faq.html#faq-phone-down`, `scenarios/outage.html`."""
    location = html_path(page(key).path_for(record_id))
    return f"{location}#{anchor}" if anchor else location


def _words(keywords: object, edition: Edition) -> tuple[str, ...]:
    # A field marked confidential is emptied by redaction (to None): no words.
    return keywords.in_language(edition.language) if isinstance(keywords, Keywords) else ()


def search_keywords(handbook: Handbook, edition: Edition) -> dict[str, tuple[str, ...]]:
    """Each record's search words in the edition's language, by the index location of its page or section.

    Scenarios and checklists have pages of their own; an FAQ entry is a section of the FAQ page; a role is the
    section of the "Who to call" page that lists its people and numbers (of the contacts page without it).
    A page of the registry may have search words of its own, in the catalogue ("who do I call").
    """
    role_page = "who-to-call" if has_page(edition, "who-to-call") else "contacts"
    places: list[tuple[str, object]] = [
        (_location(entry.key), Keywords(word.strip() for word in edition.labels(entry.keywords).split(",")))
        for entry in pages_for(edition.audience) if entry.keywords and entry.records is None]
    if has_page(edition, "scenario"):
        places += [(_location("scenario", s.id), s.keywords) for s in handbook.scenarios]
    if has_page(edition, "checklist"):
        places += [(_location("checklist", c.id), c.keywords) for c in handbook.checklists]
    if has_page(edition, "faq"):
        places += [(_location("faq", anchor=f"faq-{e.id}"), e.keywords) for e in handbook.faq]
    if has_page(edition, role_page):
        places += [(_location(role_page, anchor=f"role-{r.id}"), r.keywords) for r in handbook.roles]
    return {location: words for location, keywords in places if (words := _words(keywords, edition))}
