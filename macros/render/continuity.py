"""The business impact analysis: the overview sorted by recovery time with the dependency diagram, and one page
per process with its figures, dependencies, restart plan and recovery plan."""

from __future__ import annotations

from typing import Callable

from ..edition import Edition
from ..labels import Labels
from ..model import Handbook, Process
from .diagrams import dependency_dot, render_svg
from .markup import Links, table, text


def hours(value: float, labels: Labels) -> str:
    """'4 h', '0,5 h', '2 d (48 h)': hours in the reader's number format, days added from two days on."""
    if value >= 48 and value % 24 == 0:
        return labels("bia.days_and_hours", days=labels.number(value / 24), hours=labels.number(value))
    return labels("bia.hours", hours=labels.number(value))


def figures_row(process: Process, links: Links) -> list[str]:
    """The process (linked), its owner and its MTPD, RTO and RPO, for the overview table."""
    labels = links.labels
    return [links.process(process.id), links.role(process.owner), hours(process.rto_hours, labels),
            hours(process.mtpd_hours, labels), hours(process.rpo_hours, labels), text(process.emergency_level)]


def _figures_headers(labels: Labels) -> list[str]:
    return [labels("bia.process"), labels("common.owner"), labels("bia.rto"), labels("bia.mtpd"), labels("bia.rpo"),
            labels("bia.emergency_level")]


def dependency_diagram(handbook: Handbook, edition: Edition) -> str:
    """The inline SVG of what the processes depend on: systems, sites and providers."""
    labels = edition.labels
    sites = {site.id: site for site in handbook.organisation.sites}
    providers = {provider.id: provider for provider in handbook.organisation.providers}
    nodes: dict[str, tuple[str, str, str]] = {}
    edges = []
    for number, process in enumerate(handbook.processes_by_rto(), start=1):
        node = f"process{number}"
        nodes[node] = (node, f"{process.title}\n{labels('bia.rto')} {hours(process.rto_hours, labels)}", "process")
        dependencies = process.dependencies
        resources: tuple[tuple[str, list[str], Callable[[str], bool]], ...] = (
            ("system", dependencies.systems, lambda i: handbook.has("systems", i)),
            ("site", dependencies.sites, lambda i: i in sites),
            ("provider", dependencies.providers, lambda i: i in providers))
        for kind, ids, known in resources:
            for resource in ids:
                if not known(resource):
                    continue
                target = f"{kind}_{resource.replace('-', '_')}"
                if target not in nodes:
                    name = (handbook.system(resource).name if kind == "system" else
                            sites[resource].name if kind == "site" else providers[resource].name)
                    nodes[target] = (target, f"{labels('bia.kind.' + kind)}\n{name}", kind)
                edges.append((node, target))
    ordered = sorted(nodes.values(), key=lambda n: (["process", "system", "provider", "site"].index(n[2]), n[0]))
    dot = dependency_dot(ordered, edges)
    return render_svg(dot, "diagram-dependencies", labels("bia.diagram_description"))


def render_bia_overview(handbook: Handbook, edition: Edition) -> str:
    """Every process sorted by recovery time (most urgent first), the dependency diagram, and the systems."""
    labels = edition.labels
    links = Links(handbook, edition, "bia")
    processes = handbook.processes_by_rto()
    blocks = [f"# {labels('bia.title')}", labels("bia.intro"),
              table(_figures_headers(labels), [figures_row(process, links) for process in processes]),
              labels("bia.units"),
              f"## {labels('bia.diagram_heading')} {{#dependencies}}", labels("bia.diagram_intro"),
              dependency_diagram(handbook, edition)]
    if handbook.systems:
        users = {system.id: [p for p in processes if system.id in p.dependencies.systems] for system in handbook.systems}
        blocks += [f"## {labels('bia.systems_heading')} {{#systems}}", table(
            [labels("bia.system"), labels("common.owner"), labels("bia.provider"), labels("bia.backup"),
             labels("bia.fallback"), labels("bia.used_by")],
            [[f'<span id="system-{system.id}"></span>{text(system.name)}', links.role(system.owner),
              links.provider(system.provider) if system.provider else labels("common.none"),
              hours(system.backup_every_hours, labels) if system.backup_every_hours is not None else labels("common.none"),
              text(system.fallback) if system.fallback else f"**{labels('bia.no_fallback')}**",
              ", ".join(links.process(p.id) for p in users[system.id]) or labels("common.none")]
             for system in handbook.systems])]
    return "\n\n".join(blocks)


def render_process_page(handbook: Handbook, edition: Edition, process_id: str) -> str:
    """One process: what it is, its figures, what it depends on, what threatens it, how it restarts and recovers."""
    labels = edition.labels
    process = handbook.process(process_id)
    links = Links(handbook, edition, "process", process.id)
    dependencies = process.dependencies
    facts = [(labels("common.owner"), links.role(process.owner)),
             (labels("bia.mtpd_long"), hours(process.mtpd_hours, labels)),
             (labels("bia.rto_long"), hours(process.rto_hours, labels)),
             (labels("bia.rpo_long"), hours(process.rpo_hours, labels)),
             (labels("bia.emergency_level"), text(process.emergency_level)),
             (labels("bia.reviewed"), labels.date(process.reviewed_on))]
    blocks = [f"# {text(process.title)}", text(process.description),
              table([labels("bia.figure"), labels("bia.value")], [[name, value] for name, value in facts])]
    needs = [(labels("bia.kind.system"), [links.system(i) for i in dependencies.systems]),
             (labels("bia.kind.site"), [links.site(i) for i in dependencies.sites]),
             (labels("bia.kind.provider"), [links.provider(i) for i in dependencies.providers]),
             (labels("bia.kind.task"), [links.task(i) for i in dependencies.tasks]),
             (labels("bia.kind.role"), [links.role(i) for i in dependencies.roles])]
    needs = [(kind, found) for kind, found in needs if found]
    if needs:
        blocks += [f"## {labels('bia.dependencies_heading')}",
                   table([labels("bia.kind_heading"), labels("bia.what")], [[kind, ", ".join(found)] for kind, found in needs])]
    if process.scenarios:
        blocks += [f"## {labels('bia.threats_heading')}",
                   "\n".join(f"- {links.scenario(s)}" for s in process.scenarios)]
    blocks += [f"## {labels('bia.restart_heading')} {{#restart}}", labels("bia.restart_intro",
                                                                           rto=hours(process.rto_hours, labels)),
               table(["#", labels("bia.step"), labels("common.owner"), labels("bia.within")],
                     [[str(number), text(step.text), links.role(step.owner), hours(step.within_hours, labels)]
                      for number, step in enumerate(process.restart_plan, start=1)]),
               f"## {labels('bia.recovery_heading')} {{#recovery}}", labels("bia.recovery_intro"),
               table(["#", labels("bia.step"), labels("common.owner")],
                     [[str(number), text(step.text), links.role(step.owner)]
                      for number, step in enumerate(process.recovery_plan, start=1)])]
    return "\n\n".join(blocks)
