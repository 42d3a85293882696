"""The risk matrix (likelihood × impact) and one page per scenario with its levels and measures."""

from __future__ import annotations

from ..edition import Edition
from ..model import Handbook, Scenario
from ..model.scenarios import FirstStep
from .markup import Links, attribute, table, text


def risk_class(handbook: Handbook, scenario: Scenario, edition: Edition) -> str:
    """'acceptable' or 'unacceptable', in words: the matrix never relies on colour alone."""
    labels = edition.labels
    return labels("risk.unacceptable") if handbook.is_unacceptable(scenario) else labels("risk.acceptable")


def render_risk_matrix(handbook: Handbook, edition: Edition) -> str:
    """An HTML heat map: impact rows (5 at the top) × likelihood columns, scenario links in the cells."""
    labels = edition.labels
    links = Links(handbook, edition, "risk-matrix")
    threshold = handbook.organisation.risk_policy.unacceptable_from
    header = "".join(f'<th scope="col">{n}</th>' for n in range(1, 6))
    rows = []
    for impact in range(5, 0, -1):
        cells = []
        for likelihood in range(1, 6):
            score = likelihood * impact
            unacceptable = score >= threshold
            here = [s for s in handbook.scenarios_by_risk() if s.likelihood == likelihood and s.impact == impact]
            marker = labels("risk.marker_unacceptable") if unacceptable else labels("risk.marker_acceptable")
            names = "<br>".join(
                f'<a href="{attribute(_html(links.to("scenario", record_id=s.id)))}">{attribute(s.title)}</a>'
                for s in here)
            cells.append(
                f'<td class="risk-cell {"risk-unacceptable" if unacceptable else "risk-acceptable"}">'
                f'<span class="risk-score">{score} {marker}</span>{"<br>" + names if names else ""}</td>')
        rows.append(f'<tr><th scope="row">{impact}</th>{"".join(cells)}</tr>')
    matrix = (
        '<table class="risk-matrix">'
        f'<caption>{attribute(labels("risk.caption"))}</caption>'
        f'<thead><tr><th scope="col">{attribute(labels("risk.impact_by_likelihood"))}</th>{header}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>')
    legend = "\n".join([
        f"- **{labels('risk.marker_unacceptable')}** {labels('risk.legend_unacceptable', threshold=threshold)}",
        f"- **{labels('risk.marker_acceptable')}** {labels('risk.legend_acceptable', threshold=threshold)}",
    ])
    overview = table(
        [labels("risk.scenario"), labels("risk.likelihood"), labels("risk.impact"), labels("risk.score"),
         labels("risk.class")],
        [[links.scenario(s.id), str(s.likelihood), str(s.impact), str(s.risk), risk_class(handbook, s, edition)]
         for s in handbook.scenarios_by_risk()])
    return "\n\n".join([f"# {labels('risk.title')}", labels("risk.intro"), matrix, legend,
                        f"## {labels('risk.overview_heading')}", overview])


def _first_step(number: int, step: FirstStep, links: Links) -> str:
    """'1. **within 15 min**: Reroute the calls. — IT lead, +49 170 …' (the number taps to call)."""
    when = links.labels("risk.within_minutes", minutes=step.within_minutes)
    call = links.call(step.owner)
    return (f"{number}. **{when}**: {text(step.text)} — {links.role(step.owner)}" + (f", {call}" if call else ""))


def _html(markdown_link: str | None) -> str:
    # Raw HTML links bypass MkDocs' .md → .html rewriting.
    return (markdown_link or "").replace(".md", ".html")


def render_scenario_page(handbook: Handbook, edition: Edition, scenario_id: str) -> str:
    """One scenario that leads: the alerting chain to start, then per level what to do first (in order, with a
    time target and the owner's number to tap), then the measures by area, the checklists and the FAQ."""
    labels = edition.labels
    scenario = handbook.scenario(scenario_id)
    links = Links(handbook, edition, "scenario", scenario.id)
    blocks = [f"# {text(scenario.title)}", text(scenario.summary)]
    if scenario.alerting_chain:
        blocks.append(f'!!! danger "{labels("risk.start_chain")}"\n\n    {links.chain(scenario.alerting_chain)}')
    blocks.append(labels("risk.rating", likelihood=scenario.likelihood, impact=scenario.impact, score=scenario.risk,
                         risk_class=risk_class(handbook, scenario, edition)))
    for level in scenario.levels:
        blocks += [f"## {text(level.name)} {{#level-{level.id}}}",
                   f"**{labels('risk.trigger')}:** {text(level.trigger)}"]
        if level.first_steps:
            blocks += [f"### {labels('risk.first_steps')} {{#level-{level.id}-first}}",
                       "\n".join(_first_step(number, step, links) for number, step in
                                 enumerate(level.first_steps, start=1))]
        blocks.append(f"### {labels('risk.measures_heading')}")
        for area, measures in level.measures.by_area():
            blocks += [f"#### {labels('risk.area.' + area.value)}",
                       table([labels("risk.measure"), labels("common.owner")],
                             [[text(m.text), links.role(m.owner)] for m in measures])]
    if scenario.checklists:
        blocks += [f"## {labels('risk.checklists_heading')}",
                   "\n".join(f"- {links.checklist(c)}" for c in scenario.checklists)]
    related_faq = handbook.faq_for_scenario(scenario.id)
    if related_faq:
        blocks += [f"## {labels('risk.faq_heading')}",
                   "\n".join(f"- {links.faq(entry.id, entry.question)}" for entry in related_faq)]
    return "\n\n".join(blocks)
