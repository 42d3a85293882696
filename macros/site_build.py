"""Build one edition's site with MkDocs, in this process, from the handbook the command line loaded once.

The other half of the MkDocs adapter (with site_hooks.py): MkDocs' own `build` with a loaded config,
strict, so that every warning (a broken link in an FAQ answer, a missing anchor) aborts the build.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .edition import Edition
from .errors import HandbookError
from .model import Handbook
from .site_hooks import EDITION_KEY, HANDBOOK_KEY


class SiteBuildError(HandbookError):
    """MkDocs could not build a page (a broken link, a missing anchor, a template error)."""


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, to report them as one list when the build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(handbook: Handbook, edition: Edition, site_dir: Path, config_file: Path) -> None:
    """Build `edition` (the handbook already redacted and in its language) into `site_dir`, strictly."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    level, propagate = logger.level, logger.propagate
    # MkDocs' INFO lines are noise in the handbook's output; its warnings still count in strict mode.
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(collect)
    try:
        # `watch` is for `mkdocs serve`; a build has its data already and must not need mkdocs.yml's folders.
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True, watch=[])
        config.extra[HANDBOOK_KEY] = handbook
        config.extra[EDITION_KEY] = edition
        # What is alive now (the handbook, the modules, the settings) lives through the build: the cycle
        # collector leaves it aside instead of walking it at every collection (a tenth of a second at 20×).
        gc.freeze()
        build(config)
    # mkdocs-macros ends the process (exit 100) when a macro fails; here that is one edition's failed build.
    except (MkDocsException, SystemExit) as error:
        details = [message for message in collect.messages if message.strip()] or [str(error)]
        raise SiteBuildError(f"MkDocs could not build the {edition.id} edition ({edition.language}):\n"
                             + "\n".join(f"  {line}" for line in details)) from None
    finally:
        gc.unfreeze()
        logger.removeHandler(collect)
        logger.setLevel(level)
        logger.propagate = propagate
