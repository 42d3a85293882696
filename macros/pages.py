"""The page registry: every page of the handbook described once.

Each entry says where the page lives, its menu label, which function renders it, and which editions
have it. The menu, the generated pages and their macros, the links between pages, the printed folder
and the tests are all derived from this list: a page path is written here and nowhere else. A page an
edition does not have is not built for it at all.
"""

from __future__ import annotations

import importlib
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterator

from .model import Audience, Handbook

if TYPE_CHECKING:
    from .edition import Edition

EVERYONE = frozenset(Audience)
STAFF = frozenset({Audience.staff, Audience.crisis_team})
PUBLIC = frozenset({Audience.public})


@dataclass(frozen=True)
class Page:
    """One page, or one page per record of a domain (`records` given, `{id}` in the path)."""

    key: str
    path: str
    # Catalogue key of the menu label; record pages are labelled with the record's title instead.
    label: str
    # "module.function" in macros/render/, resolved when first rendered (renderers import this registry).
    renderer: str
    audiences: frozenset[Audience]
    # Catalogue key of the menu section the page sits in, if any.
    section: str | None = None
    records: Callable[[Handbook], list[Any]] | None = None
    title: Callable[[Any], str] | None = None
    # Part of the printed emergency folder.
    printed: bool = True
    # Built only when this holds for the edition's handbook (the incident timeline while an incident runs).
    when: Callable[[Handbook], bool] | None = None
    # How search ranks the page against the others (Material's `search.boost`): 1 for the handbook's pages;
    # maintenance pages rank below every page a reader needs in an emergency; 0 leaves the page out of search.
    search_boost: float = 1.0
    # Catalogue key of the page's own search words (comma-separated), for a page that is not a record's.
    keywords: str | None = None

    def exists_for(self, handbook: Handbook) -> bool:
        """Whether the page is built for this handbook (always, unless `when` says otherwise)."""
        return self.when is None or self.when(handbook)

    @property
    def macro(self) -> str:
        """The mkdocs-macros name of the page's macro: `contacts_page`, `scenario_page`."""
        return self.key.replace("-", "_") + "_page"

    def path_for(self, record_id: str | None = None) -> str:
        """The Markdown path of the page (of the record's page for a per-record page)."""
        if self.records is None:
            return self.path
        if record_id is None:
            raise ValueError(f"page '{self.key}' is one page per record: give the record's id")
        return self.path.format(id=record_id)

    def render(self, handbook: Handbook, edition: Edition, record_id: str | None = None) -> str:
        """The page's Markdown for `edition`."""
        module, function = self.renderer.rsplit(".", 1)
        render: Callable[..., str] = getattr(importlib.import_module(f"macros.render.{module}"), function)
        return render(handbook, edition) if self.records is None else render(handbook, edition, record_id)


PAGES: tuple[Page, ...] = (
    Page("home", "index.md", "nav.home", "home.render_home", STAFF),
    Page("public-home", "index.md", "nav.home", "home.render_public_home", PUBLIC),
    # One tap from the home page: every role, its people in calling order, their numbers.
    Page("who-to-call", "who-to-call.md", "who_to_call.nav", "people.render_who_to_call", STAFF,
         keywords="who_to_call.keywords"),
    # While an incident is declared: its updates, newest first (on paper it would be out of date at once).
    Page("incident", "incident.md", "nav.incident", "incident.render_incident_page", EVERYONE, printed=False,
         when=lambda handbook: handbook.incident_declared),
    Page("contacts", "contacts.md", "nav.contacts", "people.render_contacts_page", STAFF),
    Page("alerting", "alerting.md", "nav.alerting", "processes.render_alerting_page", STAFF),
    Page("escalation", "escalation.md", "nav.escalation", "processes.render_escalation_page", STAFF),
    Page("crisis-group", "crisis-group.md", "nav.crisis_group", "processes.render_crisis_group_page", STAFF),
    Page("communication", "communication.md", "nav.communication", "processes.render_communication_page", STAFF),
    Page("risk-matrix", "risk-matrix.md", "nav.risk_matrix", "risk.render_risk_matrix", STAFF,
         section="nav.scenarios"),
    Page("scenario", "scenarios/{id}.md", "nav.scenarios", "risk.render_scenario_page", STAFF,
         section="nav.scenarios", records=lambda handbook: handbook.scenarios_by_risk(),
         title=lambda scenario: scenario.title),
    Page("faq", "faq.md", "nav.faq", "lists.render_faq_page", EVERYONE),
    Page("tasks", "tasks.md", "nav.tasks", "lists.render_task_inventory", STAFF),
    Page("checklist-overview", "checklists/index.md", "nav.checklist_overview", "lists.render_checklist_overview",
         STAFF, section="nav.checklists"),
    Page("checklist", "checklists/{id}.md", "nav.checklists", "lists.render_checklist_page", STAFF,
         section="nav.checklists", records=lambda handbook: sorted(handbook.checklists, key=lambda c: c.title),
         title=lambda checklist: checklist.title),
    # The business impact analysis: the overview with the dependency diagram, then one page per process. Its
    # restart plans help in an emergency, but "what do I tell customers" must lead to the answers, not here.
    Page("bia", "bia/index.md", "nav.bia_overview", "continuity.render_bia_overview", STAFF, section="nav.bia",
         when=lambda handbook: bool(handbook.processes), search_boost=0.5),
    Page("process", "bia/{id}.md", "nav.bia", "continuity.render_process_page", STAFF, section="nav.bia",
         records=lambda handbook: handbook.processes_by_rto(), title=lambda process: process.title,
         search_boost=0.5),
    # The exercise log, plan and scripts answer "when do we test this?": searchable, never above a handbook page.
    Page("exercises", "exercises.md", "nav.exercises", "lists.render_exercise_log", STAFF, search_boost=0.1),
    # Planning and audit pages are printed from the browser when needed; the emergency folder keeps what an
    # emergency needs (the impact analysis and its restart plans stay in it).
    Page("exercise-plan", "exercise-plan.md", "nav.exercise_plan", "exercising.render_exercise_plan", STAFF,
         search_boost=0.1, printed=False),
    Page("tabletop", "tabletop/{id}.md", "nav.tabletops", "exercising.render_tabletop_script", STAFF,
         section="nav.tabletops", records=lambda handbook: handbook.scenarios_by_risk(),
         title=lambda scenario: scenario.title, search_boost=0.1, printed=False),
    # The coverage page is for auditors, not for the emergency: searchable, ranked last.
    Page("coverage", "coverage.md", "nav.coverage", "coverage.render_coverage_page", STAFF, search_boost=0.1,
         printed=False),
    # Review status only points at records that have pages of their own (and at their data files): not searched.
    Page("review", "review.md", "review.nav", "review.render_review_page", STAFF, printed=False, search_boost=0),
)

_BY_KEY = {page.key: page for page in PAGES}


def page(key: str) -> Page:
    """The registry entry with this key."""
    return _BY_KEY[key]


def pages_for(audience: Audience) -> list[Page]:
    """The pages an edition for `audience` has, in menu order."""
    return [entry for entry in PAGES if audience in entry.audiences]


@dataclass(frozen=True)
class BuiltPage:
    """One Markdown file of an edition: its path, menu title, section, and how to render it."""

    page: Page
    path: str
    title: str
    section: str | None
    record_id: str | None = None

    @property
    def html_path(self) -> str:
        """Where MkDocs writes the page (`use_directory_urls: false`)."""
        return html_path(self.path)

    @property
    def front_matter(self) -> str:
        """The page's front matter: mkdocs-macros leaves the rendered text as it is (data text is never read as a
        Jinja template), and Material's per-page search setting (`search.exclude` or `search.boost`)."""
        lines = ["render_macros: false"]
        boost = self.page.search_boost
        if boost != 1:
            lines += ["search:", "  exclude: true" if boost == 0 else f"  boost: {boost:g}"]
        return "---\n" + "\n".join(lines) + "\n---\n"

    def markdown(self, handbook: Handbook, edition: Edition) -> str:
        """The page's whole Markdown source: its front matter and the page rendered from the data."""
        return self.front_matter + self.page.render(handbook, edition, self.record_id)


def built_pages(handbook: Handbook, edition: Edition) -> list[BuiltPage]:
    """Every page of `edition`, in menu order, each per-record page once per record."""
    labels = edition.labels
    result = []
    for entry in pages_for(edition.audience):
        if not entry.exists_for(handbook):
            continue
        section = labels(entry.section) if entry.section else None
        if entry.records is None:
            result.append(BuiltPage(entry, entry.path, labels(entry.label), section))
            continue
        assert entry.title is not None  # every per-record page names its title
        for record in entry.records(handbook):
            result.append(BuiltPage(entry, entry.path_for(record.id), str(entry.title(record)), section, record.id))
    return result


def navigation(handbook: Handbook, edition: Edition) -> list[dict[str, Any]]:
    """The MkDocs `nav`: pages in registry order, consecutive pages of one section grouped under it."""
    nav: list[dict[str, Any]] = []
    for built in built_pages(handbook, edition):
        if built.section is None:
            nav.append({built.title: built.path})
        elif nav and list(nav[-1]) == [built.section] and isinstance(nav[-1][built.section], list):
            nav[-1][built.section].append({built.title: built.path})
        else:
            nav.append({built.section: [{built.title: built.path}]})
    return nav


def has_page(edition: Edition, key: str, handbook: Handbook | None = None) -> bool:
    """Whether `edition` has the page `key` (links to pages it lacks are written as plain text); with `handbook`,
    also whether the page is built for it (`when`)."""
    entry = page(key)
    return edition.audience in entry.audiences and (handbook is None or entry.exists_for(handbook))


def html_path(markdown_path: str) -> str:
    """Where MkDocs writes a page from its Markdown path (`use_directory_urls: false`): `faq.md` → `faq.html`."""
    return markdown_path.removesuffix(".md") + ".html"


# posixpath.relpath asks the system for the working folder at every call; a page links to the same pages often.
@lru_cache(maxsize=1 << 16)
def relative_link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative Markdown link target from one page to another (or to an anchor on the same page)."""
    relative = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    if relative == posixpath.basename(from_path) and anchor:
        relative = ""
    return f"{relative}#{anchor}" if anchor else relative


def all_paths(handbook: Handbook, edition: Edition) -> Iterator[str]:
    """The Markdown path of every page of `edition`."""
    return (built.path for built in built_pages(handbook, edition))
