"""`make serve` (`mkdocs serve --dirty`): after an edit, only the pages the edit changed are built again.

Part of the MkDocs adapter (with site_hooks.py). MkDocs' dirty build skips every page whose file is not
modified, but a generated page always counts as modified. Here a page counts as modified when its Markdown,
its incident banner or its search words differ from the last build's, or when anything every page shows
changed (the menu, the site's name, the stamp, the theme's templates, the settings). The pages skipped keep
their entries in the search index, and data files not changed on disk are not read again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .cache import content_key
from .kept_files import KeptFiles
from .loader import build_time
from .pages import html_path


class PreviewPage(File):
    """A generated page that MkDocs' dirty build may skip: `unchanged` when it is as the last build wrote it."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


@dataclass
class PreviewSession:
    """What a `mkdocs serve` process remembers from one build to the next."""

    serving: bool = False
    dirty: bool = False
    files: KeptFiles = field(default_factory=KeptFiles)
    started_at: dt.datetime | None = None
    # What every page showed, and what each page was made from (by source path), in the last finished build.
    shared: str | None = None
    pages: dict[str, str] = field(default_factory=dict)
    # This build's: what every page shows, each page's key and URL, and the URLs of the pages built again.
    next_shared: str = ""
    next_pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    rebuilt: set[str] = field(default_factory=set)

    def start(self, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", command == "serve" and dirty
        if self.dirty:
            # MkDocs warns at every dirty build that menus may be stale; here they are not (the pages are built
            # again whenever the menu changes), and in strict mode the warning would stop the preview.
            logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)

    def build_time(self) -> dt.datetime:
        """The stamp every page shows, kept for the session (or each page would change at every edit); a new day
        starts a new one, since "today" decides what is overdue."""
        now = build_time()
        if self.started_at is None or self.started_at.date() != now.date():
            self.started_at = now
        return self.started_at

    def shown_on_every_page(self, config: MkDocsConfig, *skipped: str) -> None:
        """Note what all pages show: the menu, the site's name and settings, the templates the theme reads."""
        extra = sorted((key, repr(value)) for key, value in config.extra.items() if key not in skipped)
        templates = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        stamps = sorted((str(path), path.stat().st_mtime_ns) for path in templates.rglob("*") if path.is_file()) \
            if templates else []
        self.next_shared = content_key(repr(config.nav), str(config.site_name), repr(config.theme.get("language")),
                                       repr(extra), repr(config.mdx_configs), repr(config.markdown_extensions),
                                       repr(stamps))
        self.next_pages, self.rebuilt = {}, set()

    def page(self, config: MkDocsConfig, path: str, markdown: str, *made_from: str) -> File:
        """The generated page for MkDocs; skipped by a dirty build when nothing it is made from changed."""
        file = PreviewPage.generated(config, path, content=markdown)
        assert isinstance(file, PreviewPage)  # File.generated makes its own class
        key = content_key(markdown, *made_from)
        self.next_pages[path] = (key, file.url)
        file.unchanged = (self.dirty and self.shared == self.next_shared and self.pages.get(path) == key
                          and Path(file.abs_dest_path).is_file())
        return file

    def built(self, url: str) -> None:
        self.rebuilt.add(url)

    def finish(self, config: MkDocsConfig, search: Any) -> None:
        """After the pages are written: the search index gets back the entries of the pages not built again, and
        the pages gone from the handbook are removed from the site."""
        if not self.dirty:
            return
        previous = getattr(search, "search_index_prev", None) if search is not None else None
        if previous is not None:
            # Material's own merge assumes one page per rebuild; this keeps every page's entries, in menu order.
            by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for entry in previous.entries:
                if (url := _page_url(entry)) not in self.rebuilt:
                    by_page[url].append(entry)
            for entry in search.search_index.entries:
                by_page[_page_url(entry)].append(entry)
            search.search_index.entries = [entry for _key, url in self.next_pages.values() for entry in by_page[url]]
            search.search_index_prev = None
        site = Path(config.site_dir)
        for gone in set(self.pages) - set(self.next_pages):
            (site / html_path(gone)).unlink(missing_ok=True)
        self.shared, self.pages = self.next_shared, {path: key for path, (key, _url) in self.next_pages.items()}

    def forget(self) -> None:
        """A failed build may have written some pages and not others: the next one builds them all."""
        self.shared, self.pages = None, {}


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _page_url(entry: dict[str, Any]) -> str:
    return str(entry["location"]).split("#")[0]


# One per process: MkDocs loads the hook module once and keeps its plugins across a serve's rebuilds.
SESSION = PreviewSession()
