"""Label catalogues: every language has exactly the English keys, the same {placeholders} and no empty label."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "macros" / "catalogue"
REFERENCE = "en"


def flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted keys to leaf values, the way macros.labels looks them up (`print.cover.edition`)."""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def load(language: str) -> dict[str, Any]:
    return flatten(yaml.safe_load((CATALOGUE_DIR / f"{language}.yml").read_text(encoding="utf-8")))


def placeholders(text: str) -> set[str]:
    """The field names of a label: `{page}` and `{total}` in 'Page {page} of {total}'."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


LANGUAGES = sorted(path.stem for path in CATALOGUE_DIR.glob("*.yml"))
OTHERS = [language for language in LANGUAGES if language != REFERENCE]


def test_the_reference_and_the_translations_are_there() -> None:
    assert REFERENCE in LANGUAGES
    assert {"de", "sv"} <= set(OTHERS), f"catalogues found: {LANGUAGES}"


@pytest.mark.parametrize("language", OTHERS)
def test_same_keys_as_english(language: str) -> None:
    english, other = load(REFERENCE), load(language)
    missing = sorted(english.keys() - other.keys())
    extra = sorted(other.keys() - english.keys())
    assert not missing and not extra, (
        f"{language}.yml differs from {REFERENCE}.yml: missing {missing or 'none'}; extra {extra or 'none'}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_placeholders_as_english(language: str) -> None:
    english, other = load(REFERENCE), load(language)
    wrong = []
    for key in sorted(english.keys() & other.keys()):
        try:
            found = placeholders(str(other[key]))
        except ValueError as error:  # an unbalanced brace: str.format would fail on this label too
            wrong.append(f"{key}: {error}")
            continue
        expected = placeholders(str(english[key]))
        if found != expected:
            wrong.append(f"{key}: has {sorted(found)}, {REFERENCE}.yml has {sorted(expected)}")
    assert not wrong, f"{language}.yml: placeholders differ from {REFERENCE}.yml in\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_empty_label(language: str) -> None:
    empty = [key for key, value in load(language).items()
             if not isinstance(value, str) or not value.strip()]
    assert not empty, f"{language}.yml: empty or non-text labels: {empty}"
