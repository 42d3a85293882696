"""Incident mode: the banner every page shows while an incident is declared, and the timeline of its updates.

The public edition's copy of the situation holds only its public wording (redaction replaces the rest), and these
renderers show nothing else to the public either: what is happening in public words, since when, the next update.
"""

from __future__ import annotations

import datetime as dt

from .. import pages
from ..edition import Edition
from ..model import Handbook, Situation
from .markup import Links, attribute, table, text


def _moment(value: dt.datetime, edition: Edition) -> dt.datetime:
    # Written without a zone, a time is in the organisation's zone, the one the build time is in; written with one,
    # it is shown in the organisation's zone too, so that every time on the page reads on the same clock.
    zone = edition.built_at.tzinfo
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def update_overdue(situation: Situation, edition: Edition) -> bool:
    """Whether the next update was due before the edition was built."""
    return _moment(situation.next_update, edition) < edition.built_at


def _html_href(from_path: str, page_key: str, record_id: str | None, anchor: str) -> str:
    # Raw HTML in the page template: MkDocs does not turn .md into .html there.
    target = pages.relative_link(from_path, pages.page(page_key).path_for(record_id), anchor)
    return target.replace(".md", ".html")


def render_incident_banner(handbook: Handbook, edition: Edition, page_path: str | None = None) -> str:
    """The banner above every page's content while an incident is declared ('' otherwise): what is happening, since
    when, the scenario and level, what agents tell customers, when the next update is due. `page_path` is the
    Markdown path of the page it stands on (for its links); None on a page without links (the 404 page)."""
    situation = handbook.situation
    if situation is None or not handbook.incident_declared:
        return ""
    labels = edition.labels

    def link(words: str, page_key: str, record_id: str | None = None, anchor: str = "") -> str:
        shown = attribute(words)
        # Both pages linked here are built while the banner shows (the incident's while it is declared, the
        # scenario's when the edition holds the scenario): only the edition's audience decides.
        if page_path is None or not pages.has_page(edition, page_key):
            return shown
        return f'<a href="{attribute(_html_href(page_path, page_key, record_id, anchor))}">{shown}</a>'

    due = labels.datetime(_moment(situation.next_update, edition))
    if update_overdue(situation, edition):
        due += f' <strong class="stale-badge">{attribute(labels("incident.overdue"))}</strong>'
    lines = [f'<p class="incident-banner__title"><strong>{attribute(labels("incident.banner_title"))}</strong> '
             f'{attribute(labels("incident.since", since=labels.datetime(_moment(situation.since, edition))))}</p>']
    if edition.is_public:
        lines.append(f"<p>{attribute(situation.public_message)}</p>")
    else:
        lines.append(f"<p>{attribute(situation.summary)}</p>")
        if situation.scenario and handbook.has("scenarios", situation.scenario):
            scenario = handbook.scenario(situation.scenario)
            level = next((lv for lv in scenario.levels if lv.id == situation.level), None)
            where = link(scenario.title, "scenario", scenario.id, f"level-{level.id}" if level else "")
            level_words = f" · {attribute(labels('incident.level'))}: {attribute(level.name)}" if level else ""
            lines.append(f"<p><strong>{attribute(labels('incident.scenario'))}:</strong> {where}{level_words}</p>")
        lines.append(f"<p><strong>{attribute(labels('incident.tell_customers'))}:</strong> "
                     f"{attribute(situation.customer_message)}</p>")
    lines.append(f"<p><strong>{attribute(labels('incident.next_update'))}:</strong> {due} · "
                 f"{link(labels('incident.all_updates'), 'incident')}</p>")
    return ('<div class="incident-banner" id="incident-banner" role="region" '
            f'aria-label="{attribute(labels("incident.banner_title"))}">' + "".join(lines) + "</div>")


def render_incident_page(handbook: Handbook, edition: Edition) -> str:
    """The situation and every update of the declared incident, newest first, each with its time."""
    labels = edition.labels
    situation = handbook.situation
    assert situation is not None  # the registry builds this page only while an incident is declared
    links = Links(handbook, edition, "incident")
    since = labels.datetime(_moment(situation.since, edition))
    due = labels.datetime(_moment(situation.next_update, edition))
    if update_overdue(situation, edition):
        due += f' <strong class="stale-badge">{attribute(labels("incident.overdue"))}</strong>'
    facts = [(labels("incident.since_heading"), since), (labels("incident.next_update"), due)]
    if edition.is_public:
        blocks = [f"# {labels('incident.title')}", text(situation.public_message)]
    else:
        blocks = [f"# {labels('incident.title')}", text(situation.summary)]
        if situation.scenario:
            scenario_link = links.scenario(situation.scenario)
            level = (next((lv for lv in handbook.scenario(situation.scenario).levels if lv.id == situation.level), None)
                     if handbook.has("scenarios", situation.scenario) else None)
            facts.insert(1, (labels("incident.scenario"), scenario_link + (f" · {text(level.name)}" if level else "")))
        facts.append((labels("incident.tell_customers"), text(situation.customer_message)))
    blocks.append("\n".join(f"- **{name}:** {value}" for name, value in facts))
    updates = sorted(situation.updates, key=lambda update: _moment(update.at, edition), reverse=True)
    headers = [labels("incident.time"), labels("incident.update")]
    if not edition.is_public:
        headers.append(labels("incident.by"))
    rows = []
    for update in updates:
        row = [labels.datetime(_moment(update.at, edition)), text(update.text)]
        if not edition.is_public:
            # An update is given by a role (validation says so), and no edition that shows authors withholds roles.
            row.append(text(handbook.role(update.by).title) if update.by else labels("common.none"))
        rows.append(row)
    blocks += [f"## {labels('incident.updates_heading')}", labels("incident.updates_intro"), table(headers, rows)]
    return "\n\n".join(blocks)
