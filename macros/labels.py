"""Every word the generator writes comes from one catalogue per language (`catalogue/<language>.yml`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import UsageError

CATALOGUE_DIR = Path(__file__).parent / "catalogue"


class Labels:
    """Look up a label by dotted key (`labels("contacts.title")`), formatting `{placeholders}`."""

    def __init__(self, language: str, entries: dict[str, str]):
        self.language = language
        self.entries = entries

    def __call__(self, key: str, **values: Any) -> str:
        try:
            text = self.entries[key]
        except KeyError:
            raise UsageError(f"label '{key}' is missing from the {self.language} catalogue") from None
        return text.format(**values) if values else text


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


@lru_cache(maxsize=None)
def labels_for(language: str) -> Labels:
    """The catalogue for `language`; an unsupported language is a usage error, not a silent fallback."""
    path = CATALOGUE_DIR / f"{language}.yml"
    if not path.is_file():
        available = ", ".join(sorted(p.stem for p in CATALOGUE_DIR.glob("*.yml")))
        raise UsageError(f"no label catalogue for language '{language}' (available: {available})")
    return Labels(language, _flatten(yaml.safe_load(path.read_text(encoding="utf-8"))))
