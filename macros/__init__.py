"""mkdocs-macros entry point (`module_name: macros`): one macro per page of the page registry, nothing else."""

from __future__ import annotations

from functools import partial
from typing import Any


def define_env(env: Any) -> None:
    """Register each registry page's macro; each renders the page for the edition the build prepared."""
    from .pages import PAGES, Page
    from .site_hooks import EDITION_KEY, HANDBOOK_KEY

    def render(page: Page, record_id: str | None = None) -> str:
        extra = env.conf["extra"]
        return page.render(extra[HANDBOOK_KEY], extra[EDITION_KEY], record_id)

    for page in PAGES:
        env.macro(partial(render, page), page.macro)
