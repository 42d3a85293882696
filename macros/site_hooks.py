"""The MkDocs adapter: hands one edition of the handbook to MkDocs and derives its menu and pages.

`python -m macros build` puts the prepared edition into `config.extra` (see macros/site_build.py).
A plain `mkdocs serve` or `mkdocs build` (a preview) loads the data here instead, for the edition and
language named in mkdocs.yml's `extra` (HANDBOOK_EDITION, HANDBOOK_LANGUAGE).

This module, `site_build`, `site_preview` and `__init__` are the only ones that know MkDocs; everything they call is
MkDocs-free.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from html import unescape
from pathlib import Path
from typing import Any

from babel import Locale
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros import cache
from macros.edition import Edition, editions_to_build
from macros.errors import HandbookError
from macros.loader import build_time, load_handbook
from macros.model import Handbook
from macros.pages import built_pages, navigation
from macros.redaction import edition_handbook
from macros.render.csp import with_policy, with_policy_renewed
from macros.render.home import build_stamp
from macros.render.incident import render_incident_banner
from macros.render.phone_tables import label_table_cells
from macros.search import KEYWORDS_FIELD, search_keywords, search_settings
from macros.site_preview import SESSION

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
        if SESSION.serving:
            handbook = load_handbook(data_dir(config), built_at=SESSION.build_time(), kept=SESSION.files)
        else:
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


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve` keeps what it can from one build to the next (macros/site_preview.py)."""
    SESSION.start(command, dirty)


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Take the prepared edition (or load one for a preview) before anything renders."""
    if not isinstance(config.extra.get(EDITION_KEY), Edition):
        config.extra[HANDBOOK_KEY], config.extra[EDITION_KEY] = _preview(config)
    handbook: Handbook = config.extra[HANDBOOK_KEY]
    edition: Edition = config.extra[EDITION_KEY]
    # Material writes the site name and menu titles into attributes without escaping some of them; escaped
    # once here as Markup, they are safe there, and `| e` leaves them as they are (no double escaping).
    config.site_name = Markup.escape(str(handbook.organisation.handbook_title))
    config.nav = _escaped_titles(navigation(handbook, edition))
    config.theme["language"] = edition.language
    # The title of the ¶ link after each heading: toc's own default is English whatever the page's language.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = edition.labels("common.permalink_title")
    # Material's 404 heading is English in every language; overrides/404.html shows this one.
    config.extra["handbook_not_found"] = edition.labels("common.not_found")
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
    if SESSION.serving:
        SESSION.shown_on_every_page(config, HANDBOOK_KEY, EDITION_KEY, SEARCH_KEYWORDS_KEY)
    return config


def _escaped_titles(nav: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{Markup.escape(title): (_escaped_titles(value) if isinstance(value, list) else value)
             for title, value in entry.items()} for entry in nav]


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


def _language_name(language: str, in_language: str | None = None) -> str:
    # "Deutsch", "English", "svenska": each language by its own name, as language switchers show them.
    return Locale.parse(language).get_display_name(in_language or language) or language


# pymdownx.tasklist writes each tick box without a name; the step's own words name it (axe-core: critical).
_TICK_BOX_ITEM = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
                            r"(/>.*?)</li>", re.S)


def _named_tick_box(match: re.Match[str]) -> str:
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(2)[2:])).split())
    return f'{match.group(1)} aria-label="{escape(words)}"{match.group(2)}</li>'


def on_page_content(html: str, config: MkDocsConfig, **_: object) -> str:
    """Tick boxes can be ticked on screen (nothing is saved) and on paper; each is named by its step's words for
    screen readers. A page with texts not yet translated says so once, under its title."""
    html = label_table_cells(_TICK_BOX_ITEM.sub(_named_tick_box, html))
    if 'class="untranslated"' in html and "</h1>" in html:
        edition: Edition = config.extra[EDITION_KEY]
        note = edition.labels("common.untranslated_note", language=_language_name(edition.language, edition.language),
                              primary=_language_name(edition.primary_language, edition.language),
                              mark=edition.primary_language.upper())
        html = html.replace("</h1>", f'</h1>\n<p class="untranslated-note">{escape(note)}</p>', 1)
    return html


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page gets the banner too, without links (a web server shows it at any depth)."""
    context["handbook_incident_banner"] = Markup(render_incident_banner(config.extra[HANDBOOK_KEY],
                                                                        config.extra[EDITION_KEY]))
    return context


@event_priority(-50)
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **_: object) -> dict[str, Any]:
    """While an incident is declared, every page carries its banner above the content (overrides/main.html).
    Then the records' search words into the index entries of their page or section. Runs after Material's search
    plugin has indexed the page (its entries are the last ones of its index), before the index is written."""
    banner = render_incident_banner(config.extra[HANDBOOK_KEY], config.extra[EDITION_KEY], page.file.src_uri)
    context["handbook_incident_banner"] = Markup(banner)
    if SESSION.serving:
        SESSION.built(page.url)
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
    """The edition's pages from the page registry, rendered here (docs/ holds only assets: any page there would
    reach every edition)."""
    handbook: Handbook = config.extra[HANDBOOK_KEY]
    edition: Edition = config.extra[EDITION_KEY]
    written = [file.src_uri for file in files.documentation_pages()]
    if written:
        raise PluginError(f"docs/{written[0]}: the handbook's pages come from the page registry (macros/pages.py) and "
                          f"would reach every edition from docs/; remove this file")
    keywords: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    if SESSION.serving:
        for location, words in (config.extra.get(SEARCH_KEYWORDS_KEY) or {}).items():
            keywords[location.split("#")[0]].append((location, words))
    for built in built_pages(handbook, edition):
        markdown = built.markdown(handbook, edition)
        if SESSION.serving:
            # What the page is made from besides its Markdown: its banner and its search words.
            files.append(SESSION.page(config, built.path, markdown,
                                      render_incident_banner(handbook, edition, built.path),
                                      repr(keywords[built.html_path])))
        else:
            files.append(File.generated(config, built.path, content=markdown))
    return files


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once and kept in the build cache (macros/cache.py): MkDocs compiles about a
    hundred at every build. Jinja checks each entry against its template's source and its own version."""

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = cache.read("templates", bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        cache.write("templates", bucket.key, bucket.bytecode_to_string())


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _CompiledTemplates()
    return env


@event_priority(50)
def on_post_build(config: MkDocsConfig) -> None:
    """In `mkdocs serve`, before Material's search plugin writes the index: the entries of the pages not built
    again are kept, and pages gone from the handbook are removed."""
    if SESSION.serving:
        SESSION.finish(config, config.plugins.get("material/search"))


def on_build_error(error: Exception) -> None:
    SESSION.forget()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """The script by which MkDocs' server reloads a page after a build is inline, so each page's policy must allow
    it by its hash: the server adds it to every page it serves, and the policy is worked out again there."""
    add_script = getattr(server, "_inject_js_into_html", None)
    if add_script is None:
        log.warning("MkDocs' server no longer adds its live-reload script the way macros/site_hooks.py expects: "
                    "the pages' policy blocks it, so reload the page after an edit")
        return server

    def add_allowed_script(content: bytes, epoch: int) -> bytes:
        return with_policy_renewed(add_script(content, epoch).decode("utf-8")).encode("utf-8")

    server._inject_js_into_html = add_allowed_script
    return server


@event_priority(-100)
def on_post_page(output: str, **_: object) -> str:
    """The page's Content-Security-Policy, with the hashes of its inline scripts (after every other change)."""
    return with_policy(output)


def on_post_template(output_content: str, **_: object) -> str:
    """The same policy for pages MkDocs renders from a template alone (404.html)."""
    return with_policy(output_content)
