"""The MkDocs adapter: loads the data once per build, derives navigation and generated pages from it.

This is the only module besides `__init__` that knows MkDocs; everything it calls is MkDocs-free.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from macros.errors import HandbookError
from macros.labels import labels_for
from macros.loader import build_time, load_handbook
from macros.model import Handbook
from macros.render.home import build_stamp

log = logging.getLogger("mkdocs.plugins.handbook")


def data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("handbook_data", "handbook_data")


def navigation(handbook: Handbook) -> list[dict]:
    """The menu follows the data: a new scenario or checklist file appears without editing mkdocs.yml."""
    labels = labels_for(handbook.organisation.language)
    return [
        {labels("nav.home"): "index.md"},
        {labels("nav.contacts"): "contacts.md"},
        {labels("nav.alerting"): "alerting.md"},
        {labels("nav.escalation"): "escalation.md"},
        {labels("nav.crisis_group"): "crisis-group.md"},
        {labels("nav.communication"): "communication.md"},
        {labels("nav.scenarios"): [{labels("nav.risk_matrix"): "risk-matrix.md"}]
         + [{s.title: f"scenarios/{s.id}.md"} for s in handbook.scenarios_by_risk()]},
        {labels("nav.faq"): "faq.md"},
        {labels("nav.tasks"): "tasks.md"},
        {labels("nav.checklists"): [{labels("nav.checklist_overview"): "checklists/index.md"}]
         + [{c.title: f"checklists/{c.id}.md"} for c in sorted(handbook.checklists, key=lambda c: c.title)]},
        {labels("nav.exercises"): "exercises.md"},
        {labels("review.nav"): "review.md"},
    ]


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the data before anything renders; a data mistake stops the build cleanly."""
    try:
        handbook = load_handbook(data_dir(config), built_at=build_time())
    except HandbookError as error:
        raise PluginError(f"the handbook data has problems:\n{error}") from None
    for warning in handbook.warnings:
        log.info(str(warning))
    labels = labels_for(handbook.organisation.language)
    config["handbook"] = handbook
    config.site_name = handbook.organisation.handbook_title
    config.nav = navigation(handbook)
    config.theme["language"] = handbook.organisation.language
    config.extra["handbook_stamp"] = build_stamp(handbook, labels)
    config.extra["handbook_built_at"] = handbook.built_at.isoformat()
    return config


# pymdownx.tasklist writes each tick box as a disabled checkbox without a name (axe-core: critical).
_TICK_BOX = '<label class="task-list-control"><input type="checkbox" disabled/>'
_TICK_BOX_FOR_PAPER = '<label class="task-list-control" aria-hidden="true"><input type="checkbox" disabled/>'


def on_page_content(html: str, **_: object) -> str:
    """Tick boxes are for ticking on paper: screen readers read each step's text and skip its box."""
    return html.replace(_TICK_BOX, _TICK_BOX_FOR_PAPER)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add one generated page per scenario and per checklist; each is a single macro call."""
    handbook: Handbook = config["handbook"]
    generated = [(f"scenarios/{s.id}.md", f"{{{{ scenario_page('{s.id}') }}}}\n") for s in handbook.scenarios]
    generated += [(f"checklists/{c.id}.md", f"{{{{ checklist_page('{c.id}') }}}}\n") for c in handbook.checklists]
    for src_uri, content in generated:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} would hide the page generated from the data: delete that file")
        files.append(File.generated(config, src_uri, content=content))
    return files
