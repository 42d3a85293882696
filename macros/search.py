"""Search in the edition's language: where words end, and which of lunr's steps Material's search runs.

Material's search plugin takes its language (`lang`) from the theme language, which the MkDocs hook sets
to the edition's language; it loads that language's lunr stemmer and stop words (they ship with Material,
so they work offline). The separator and the pipeline are chosen here, per language, and handed to the
plugin by the hook. The rest happens in the browser, in docs/assets/javascripts/workers/handbook-search.js:
folding (ä/ae/a, ß/ss/s), the word kept beside its stem, compounds in parts, and typo tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass

# Punctuation that ends a word in every language: quotes in their German („…“), Swedish (”…”) and English
# (“…”) forms, apostrophes, brackets, slashes, dashes, @ (e-mail addresses) and the HTML entities Material
# writes for < > & into its index. A hyphen does not end a word: "E-Mail" is indexed whole, joined ("email")
# and in parts ("mail") by the search worker.
_PUNCTUATION = r"""[\s,;!?.()\[\]{}"'„“”‘’‚«»‹›/\\|=@–—…·•→]+|&(?:lt|gt|amp|quot);"""
# A colon ends a word ("Hinweis:", "08:30", Swedish "SMS:et") except in German gender forms, where it is
# part of the word: "Notfallbeauftragte:r", "Eskalationsmanager:in" (the worker folds them to one word).
_COLON = ":"
_COLON_BUT_GENDER = r":(?!(?:in|innen|r|n)\b)"


@dataclass(frozen=True)
class SearchSettings:
    """What Material's search plugin is given for one language: `separator` and `pipeline`."""

    separator: str
    # lunr's steps for indexing: trimmer (punctuation at a word's ends), stopWordFilter, stemmer.
    pipeline: tuple[str, ...]


def search_settings(language: str) -> SearchSettings:
    """The separator and lunr pipeline for an edition in `language`."""
    colon = _COLON_BUT_GENDER if language == "de" else _COLON
    # lunr's English trimmer treats every letter outside a-z as punctuation (it would cut "Malmö" to
    # "malm"); the separator already strips punctuation, so English goes without it.
    pipeline = ("stopWordFilter", "stemmer") if language == "en" else ("trimmer", "stopWordFilter", "stemmer")
    return SearchSettings(f"{_PUNCTUATION}|{colon}", pipeline)

