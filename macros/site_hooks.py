"""The MkDocs adapter: hands one edition of the handbook to MkDocs and derives its menu and pages.

`python -m macros build` puts the prepared edition into `config.extra` (see macros/site_build.py).
A plain `mkdocs serve` or `mkdocs build` (a preview) loads the data here instead, for the edition and
language named in mkdocs.yml's `extra` (HANDBOOK_EDITION, HANDBOOK_LANGUAGE).

This module, `site_build` and `__init__` are the only ones that know MkDocs; everything they call is MkDocs-free.
"""

from __future__ import annotations

import logging
from pathlib import Path

from babel import Locale
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.edition import Edition, editions_to_build
from macros.errors import HandbookError
from macros.loader import build_time, load_handbook
from macros.model import Handbook
from macros.pages import built_pages, navigation
from macros.redaction import edition_handbook
from macros.render.home import build_stamp
from macros.search import KEYWORDS_FIELD, search_keywords, search_settings

log = logging.getLogger("mkdocs.plugins.handbook")
# config.extra keys: the prepared edition (set by the command line), and the preview's choice.
EDITION_KEY, HANDBOOK_KEY = "handbook_edition", "handbook"
# config.extra key: the records' search words by index location (macros/search.py).
SEARCH_KEYWORDS_KEY = "handbook_search_keywords"


def data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("handbook_data", "handbook_data")


def _preview(config: MkDocsConfig) -> tuple[Handbook, Edition]:
    """Load the data for `mkdocs serve` / `mkdocs build`: the edition and language mkdocs.yml names."""
    try:
        handbook = load_handbook(data_dir(config), built_at=build_time())
        for warning in handbook.warnings:
            log.info(str(warning))
        today = handbook.built_at.date()
        wanted = config.extra.get("preview_edition") or None
        language = config.extra.get("preview_language") or handbook.organisation.language
        editions = editions_to_build(handbook, today, handbook.built_at, wanted, [language])
        # Without a choice, the preview shows the first edition for staff (the agents' handbook).
        edition = next((e for e in editions if e.audience.value == "staff"), editions[0])
    except HandbookError as error:
        raise PluginError(f"the handbook data has problems:\n{error}") from None
    return edition_handbook(handbook, edition), edition


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Take the prepared edition (or load one for a preview) before anything renders."""
    if not isinstance(config.extra.get(EDITION_KEY), Edition):
        config.extra[HANDBOOK_KEY], config.extra[EDITION_KEY] = _preview(config)
    handbook: Handbook = config.extra[HANDBOOK_KEY]
    edition: Edition = config.extra[EDITION_KEY]
    config.site_name = str(handbook.organisation.handbook_title)
    config.nav = navigation(handbook, edition)
    config.theme["language"] = edition.language
    _search_in_language(config, edition.language)
    config.extra[SEARCH_KEYWORDS_KEY] = search_keywords(handbook, edition)
    config.extra["handbook_stamp"] = build_stamp(handbook, edition)
    config.extra["handbook_built_at"] = edition.built_at.isoformat()
    config.extra["handbook_classification"] = edition.classification
    if len(edition.languages) > 1:
        # Material's header shows overrides/partials/alternate.html when `extra.alternate` is true; as a plain
        # true (not a list) its base.html writes no <link rel=alternate>, whose sitemap fetch fails from file://.
        config.extra["alternate"] = True
        config.extra["handbook_languages"] = [{"lang": language, "name": _language_name(language)}
                                              for language in edition.languages]
    return config


def _search_in_language(config: MkDocsConfig, language: str) -> None:
    """Material's search plugin in the edition's language: its `lang` follows the theme language (set above);
    the separator, the lunr pipeline and the keywords field come from macros/search.py. The hook runs before
    the plugin reads them."""
    plugin = config.plugins.get("material/search")
    if plugin is None:
        return
    settings = search_settings(language)
    plugin.config.separator = settings.separator
    plugin.config.pipeline = list(settings.pipeline)
    plugin.config.fields = {**settings.fields, **plugin.config.fields}


def _language_name(language: str) -> str:
    # "Deutsch", "English", "svenska": each language by its own name, as language switchers show them.
    return Locale.parse(language).get_display_name(language) or language


# pymdownx.tasklist writes each tick box as a disabled checkbox without a name (axe-core: critical).
_TICK_BOX = '<label class="task-list-control"><input type="checkbox" disabled/>'
_TICK_BOX_FOR_PAPER = '<label class="task-list-control" aria-hidden="true"><input type="checkbox" disabled/>'


def on_page_content(html: str, **_: object) -> str:
    """Tick boxes are for ticking on paper: screen readers read each step's text and skip its box."""
    return html.replace(_TICK_BOX, _TICK_BOX_FOR_PAPER)


@event_priority(-50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    """The records' search words into the index entries of their page or section. Runs after Material's search
    plugin has indexed the page (its entries are the last ones of its index), before the index is written."""
    keywords: dict[str, tuple[str, ...]] = config.extra.get(SEARCH_KEYWORDS_KEY) or {}
    plugin = config.plugins.get("material/search")
    if not keywords or plugin is None or not plugin.config.enabled:
        return context
    entries = getattr(getattr(plugin, "search_index", None), "entries", None)
    if not isinstance(entries, list):
        raise PluginError("Material's search plugin no longer keeps its index entries in search_index.entries: "
                          "the records' keywords cannot be added (see macros/site_hooks.py)")
    for entry in reversed(entries):
        if entry["location"].split("#")[0] != page.url:
            break
        if words := keywords.get(entry["location"]):
            entry[KEYWORDS_FIELD] = ", ".join(words)
    return context


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The edition's pages from the page registry; docs/ holds only assets (any page there would reach every edition)."""
    handbook: Handbook = config.extra[HANDBOOK_KEY]
    edition: Edition = config.extra[EDITION_KEY]
    written = [file.src_uri for file in files.documentation_pages()]
    if written:
        raise PluginError(f"docs/{written[0]}: the handbook's pages come from the page registry (macros/pages.py) and "
                          f"would reach every edition from docs/; remove this file")
    for built in built_pages(handbook, edition):
        files.append(File.generated(config, built.path, content=built.source))
    return files

