"""Alerting chains, the escalation process and the crisis group: diagrams plus tables."""

from __future__ import annotations

from ..edition import Edition
from ..freshness import CHAIN, ESCALATION
from ..model import Handbook
from .diagrams import alerting_chain_dot, escalation_classification_dot, escalation_ladder_dot, render_svg
from .markup import Links, bullets, party_name, table, text
from .review import stale_badge


def render_alerting_page(handbook: Handbook, edition: Edition) -> str:
    """Every alerting chain as numbered steps (for phones), a diagram, and a step table with stand-ins (for larger
    screens and paper)."""
    labels = edition.labels
    links = Links(handbook, edition, "alerting")
    withheld = labels("common.withheld")
    blocks = [f"# {labels('alerting.title')}", labels("alerting.intro")]
    for chain in handbook.alerting_chains:
        rows = [[
            str(number), links.party(step.sender), links.party(step.recipient),
            labels("common.channel_kind." + step.channel.value),
            labels("alerting.minutes", minutes=step.within_minutes),
            links.party(step.stand_in), text(step.message) if step.message else labels("common.none"),
        ] for number, step in enumerate(chain.steps, start=1)]
        steps = "\n".join(
            f"{number}. " + labels("alerting.step_sentence", sender=links.party(step.sender),
                                   recipient=links.party(step.recipient),
                                   channel=labels("common.channel_kind." + step.channel.value),
                                   minutes=step.within_minutes, stand_in=links.party(step.stand_in))
            + (f" *{text(step.message)}*" if step.message else "")
            for number, step in enumerate(chain.steps, start=1))
        dot = alerting_chain_dot(chain, lambda party_id: party_name(handbook, party_id, withheld), labels)
        blocks += [
            f"## {text(chain.name)} {{#chain-{chain.id}}}",
            f"**{labels('alerting.trigger')}:** {text(chain.trigger)}  \n"
            f"**{labels('alerting.last_tested')}:** {labels.date(chain.last_tested)}"
            + stale_badge(handbook, chain, CHAIN, edition),
            # Shown on phones only; the table below says the same, so search indexes only the table.
            f'<div class="alerting-steps" data-search-exclude markdown="1">\n\n{steps}\n\n</div>',
            render_svg(dot, f"diagram-chain-{chain.id}", labels("alerting.diagram_description", name=chain.name)),
            '<div class="alerting-table" markdown="1">\n\n' + table(
                [labels("alerting.step"), labels("alerting.sender"), labels("alerting.recipient"),
                 labels("common.channel"), labels("alerting.within"), labels("alerting.stand_in"),
                 labels("alerting.message")], rows) + "\n\n</div>",
        ]
    return "\n\n".join(blocks)


def render_escalation_page(handbook: Handbook, edition: Edition) -> str:
    """Classification, the ladder of levels with time limits, duties per side and the report form."""
    labels = edition.labels
    links = Links(handbook, edition, "escalation")
    escalation = handbook.escalation_process
    blocks = [
        f"# {labels('escalation.title')}",
        text(escalation.purpose),
        f"**{labels('escalation.reviewed')}:** {labels.date(escalation.reviewed_on)}"
        f"{stale_badge(handbook, escalation, ESCALATION, edition)} · "
        f"{labels('escalation.review_cycle', days=handbook.escalation_review_days)}",
        f"## {labels('escalation.classification_heading')}",
        render_svg(escalation_classification_dot(escalation, labels), "diagram-escalation-classification",
                   labels("escalation.classification_description")),
        table([labels("escalation.severity"), labels("escalation.criteria"), labels("escalation.escalates"),
               labels("escalation.example")], [[
                   f"**{text(severity.name)}**", "<br>".join(text(c) for c in severity.criteria),
                   labels("common.answer_yes") if severity.escalates else labels("common.answer_no"),
                   text(severity.example) if severity.example else labels("common.none"),
               ] for severity in escalation.classification]),
        f"## {labels('escalation.ladder_heading')}",
        render_svg(escalation_ladder_dot(escalation, labels), "diagram-escalation-ladder",
                   labels("escalation.ladder_description")),
    ]
    for number, level in enumerate(escalation.levels, start=1):
        limits = [labels("escalation.within_hours", what=text(limit.what), hours=labels.number(limit.within_hours))
                  if limit.within_hours is not None else
                  labels("escalation.every_hours", what=text(limit.what), hours=labels.number(limit.every_hours or 0))
                  for limit in level.time_limits]
        duty_rows = [[text(contractor) if contractor else "", text(client) if client else ""]
                     for contractor, client in _side_by_side(level.contractor_duties, level.client_duties)]
        blocks += [
            f"### {labels('escalation.level', number=number)}: {text(level.name)} {{#level-{level.id}}}",
            f"**{labels('escalation.entry')}:** {text(level.entry_criterion)}",
            (f"**{labels('escalation.time_limits')}:**\n\n" + bullets(limits)) if limits else "",
            table([labels("escalation.contractor_side"), labels("escalation.client_side")], [[
                ", ".join(links.party(p) for p in level.participants.contractor) or links.withheld(),
                ", ".join(links.party(p) for p in level.participants.client) or links.withheld()]] + duty_rows),
            f"**{labels('escalation.next_level')}:** {text(level.next_level_when)}" if level.next_level_when else "",
        ]
    form = handbook.checklist(escalation.report_form)
    blocks += [
        f"## {labels('escalation.report_heading')}",
        labels("escalation.report_intro", form=links.checklist(form.id)),
        bullets([text(item.text) for section in form.sections for item in section.items]),
    ]
    return "\n\n".join(block for block in blocks if block)


def _side_by_side(left: list[str], right: list[str]) -> list[tuple[str | None, str | None]]:
    length = max(len(left), len(right))
    return [(left[i] if i < len(left) else None, right[i] if i < len(right) else None) for i in range(length)]


def render_crisis_group_page(handbook: Handbook, edition: Edition) -> str:
    """Members with their current holders, tasks, the daily check-in and the meeting rules."""
    labels = edition.labels
    links = Links(handbook, edition, "crisis-group")
    group = handbook.crisis_team
    member_rows = []
    for role_id in dict.fromkeys([group.lead, *group.members]):
        holders = handbook.role(role_id).holders
        member_rows.append([
            links.role(role_id) + (f" ({labels('crisis.lead')})" if role_id == group.lead else ""),
            links.contact(holders[0]) if holders else links.via_officer(),
            ", ".join(links.contact(d) for d in holders[1:]) or labels("common.none"),
        ])
    check_in = group.check_in
    blocks = [
        f"# {labels('crisis.title')}",
        labels("crisis.intro"),
        f"## {labels('crisis.members_heading')}",
        table([labels("common.role"), labels("contacts.primary"), labels("crisis.deputies")], member_rows),
    ]
    if group.on_call:
        blocks.append(f"**{labels('crisis.on_call')}:** " + ", ".join(links.role(r) for r in group.on_call))
    blocks += [
        f"## {labels('crisis.tasks_heading')}", bullets([text(t) for t in group.tasks]),
        f"## {labels('crisis.check_in_heading')}",
        labels("crisis.check_in", time=check_in.time, channel=text(check_in.channel),
               minutes=check_in.duration_minutes),
        bullets([text(item) for item in check_in.agenda]),
        f"## {labels('crisis.remote_heading')}", bullets([text(r) for r in group.remote_meeting_rules]),
        f"## {labels('crisis.communication_heading')}", bullets([text(r) for r in group.communication_rules]),
    ]
    return "\n\n".join(blocks)


def render_communication_page(handbook: Handbook, edition: Edition) -> str:
    """Internal flows, meetings, external channels and ready-to-use message templates."""
    labels = edition.labels
    links = Links(handbook, edition, "communication")
    plan = handbook.communication
    blocks = [
        f"# {labels('communication.title')}",
        f"## {labels('communication.internal_heading')}",
        table([labels("communication.audience"), labels("communication.informed_by"), labels("common.channel"),
               labels("communication.frequency")],
              [[text(f.audience), links.role(f.informed_by), text(f.channel), text(f.frequency)]
               for f in plan.internal]),
    ]
    if plan.meetings:
        blocks += [f"## {labels('communication.meetings_heading')}",
                   table([labels("communication.meeting"), labels("communication.participants"),
                          labels("communication.when"), labels("common.channel")],
                         [[text(m.name), ", ".join(links.party(p) for p in m.participants) or links.withheld(), text(m.when),
                           text(m.channel)] for m in plan.meetings])]
    blocks += [
        f"## {labels('communication.external_heading')}",
        table([labels("common.channel"), labels("common.owner"), labels("communication.how")],
              [[text(c.name), links.role(c.owner), text(c.how)] for c in plan.external_channels]),
        f"## {labels('communication.templates_heading')}",
        labels("communication.templates_intro"),
    ]
    for template in plan.templates:
        fence = "`" * max(3, _longest_backtick_run(template.text) + 1)
        blocks += [
            f"### {text(template.title)} {{#template-{template.id}}}",
            f"**{labels('common.channel')}:** {text(template.channel)}",
            f"{fence}text\n{template.text}\n{fence}",
        ]
        if template.placeholders:
            blocks.append(table([labels("communication.placeholder"), labels("communication.meaning")],
                                [[f"`{{{p.name}}}`", text(p.meaning)] for p in template.placeholders]))
    return "\n\n".join(blocks)


def _longest_backtick_run(value: str) -> int:
    longest = current = 0
    for char in value:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest
