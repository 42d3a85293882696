"""The FAQ, the task inventory, the checklists and the exercise log."""

from __future__ import annotations

import html
from itertools import groupby

from ..freshness import CHECKLIST, CHECKLIST_TEST, FAQ
from ..labels import Labels
from ..model import PRIORITY_ORDER, AnswerStatus, Audience, ChecklistKind, FaqEntry, Handbook
from .markup import Links, table, text
from .review import stale_badge


def answer_markdown(answer: str) -> str:
    """FAQ answers are Markdown written by editors; raw HTML in them is shown as text, never run."""
    return html.escape(answer, quote=False)


def _stamp(entry: FaqEntry, links: Links, labels: Labels) -> str:
    when = f"{entry.last_updated:%Y-%m-%d %H:%M}"
    badge = stale_badge(links.handbook, entry, FAQ, labels)
    if entry.status is AnswerStatus.in_progress:
        return (f'!!! warning "{labels("faq.in_progress_title")}"\n\n'
                f'    {labels("faq.in_progress", checked=when)}{badge} {labels("common.owner")}: {links.role(entry.owner)}')
    return f'<small class="faq-stamp">{labels("faq.last_updated", updated=when)}{badge} · {labels("common.owner")}: ' \
           f'{links.role(entry.owner)}</small>'


def render_faq_page(handbook: Handbook, labels: Labels, page: str = "faq.md") -> str:
    """Entries grouped by audience and topic, each with its last-updated stamp or in-progress notice."""
    links = Links(handbook, page)
    blocks = [f"# {labels('faq.title')}", labels("faq.intro")]
    for audience in Audience:
        entries = sorted((e for e in handbook.faq if e.audience is audience), key=lambda e: (e.topic, e.question))
        if not entries:
            continue
        blocks.append(f"## {labels('faq.audience.' + audience.value)}")
        for topic, in_topic in groupby(entries, key=lambda e: e.topic):
            blocks.append(f"### {text(topic)}")
            for entry in in_topic:
                blocks += [f"#### {text(entry.question)} {{#faq-{entry.id}}}", answer_markdown(entry.answer),
                           _stamp(entry, links, labels)]
                if entry.scenario:
                    blocks.append(f"{labels('faq.scenario')}: {links.scenario(entry.scenario)}")
    return "\n\n".join(blocks)


def render_task_inventory(handbook: Handbook, labels: Labels, page: str = "tasks.md") -> str:
    """Tasks by priority, with SLA, remote capability, deferral, stand-ins and overflow partner."""
    links = Links(handbook, page)
    yes, no = labels("common.answer_yes"), labels("common.answer_no")
    blocks = [f"# {labels('tasks.title')}", labels("tasks.intro")]
    for priority in PRIORITY_ORDER:
        tasks = [task for task in handbook.tasks if task.priority is priority]
        if not tasks:
            continue
        blocks += [f"## {labels('tasks.priority.' + priority.value)}", table(
            [labels("tasks.task"), labels("tasks.sla"), labels("tasks.remote"), labels("tasks.defer"),
             labels("tasks.simplified"), labels("tasks.provider"), labels("tasks.stand_ins"),
             labels("tasks.overflow")],
            [[f'<span id="task-{task.id}"></span>{text(task.name)}', text(task.sla),
              yes if task.remote_capable else no, yes if task.can_defer else no,
              text(task.simplified_mode) if task.simplified_mode else labels("common.none"),
              text(handbook.provider_name(task.provider)) if task.provider else labels("common.none"),
              ", ".join(links.contact(c) for c in task.trained_stand_ins) or labels("common.none"),
              links.contact(task.overflow_partner) if task.overflow_partner else labels("common.none")]
             for task in tasks])]
    return "\n\n".join(blocks)


def render_checklist_items(handbook: Handbook, labels: Labels, checklist_id: str, page: str,
                           heading_level: int = 2) -> str:
    """The sections of a checklist as tick boxes, or of a form as fields with room to write."""
    checklist = handbook.checklist(checklist_id)
    links = Links(handbook, page)
    blocks = []
    for section in checklist.sections:
        blocks.append(f"{'#' * heading_level} {text(section.title)}")
        if checklist.kind is ChecklistKind.form:
            blocks.append(table([labels("checklists.field"), labels("checklists.entry")],
                                [[text(item.text) + (f"<br><small>{text(item.note)}</small>" if item.note else ""),
                                  '<span class="form-blank"></span>'] for item in section.items]))
            continue
        lines = []
        for item in section.items:
            extra = [f"*{links.role(item.owner)}*" if item.owner else "", text(item.note) if item.note else ""]
            lines.append(f"- [ ] {text(item.text)}" + "".join(f" — {part}" for part in extra if part))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_checklist_page(handbook: Handbook, labels: Labels, checklist_id: str) -> str:
    """A whole checklist page: purpose, owner, review date, who tests it, then the items."""
    checklist = handbook.checklist(checklist_id)
    page = f"checklists/{checklist.id}.md"
    links = Links(handbook, page)
    facts = [f"**{labels('common.owner')}:** {links.role(checklist.owner)}",
             f"**{labels('checklists.reviewed')}:** {checklist.reviewed_on:%Y-%m-%d}"
             + stale_badge(handbook, checklist, CHECKLIST, labels)]
    if checklist.testing:
        facts.append(labels("checklists.testing", people=", ".join(links.contact(c) for c in checklist.testing.tested_by),
                            days=checklist.testing.every_days)
                     + stale_badge(handbook, checklist, CHECKLIST_TEST, labels))
    return "\n\n".join([f"# {text(checklist.title)}", text(checklist.purpose), "  \n".join(facts),
                        render_checklist_items(handbook, labels, checklist.id, page)])


def render_checklist_overview(handbook: Handbook, labels: Labels, page: str = "checklists/index.md") -> str:
    """All checklists and forms with their purpose."""
    links = Links(handbook, page)
    return "\n\n".join([f"# {labels('checklists.title')}", table(
        [labels("checklists.checklist"), labels("checklists.purpose"), labels("common.owner")],
        [[links.checklist(c.id), text(c.purpose), links.role(c.owner)]
         for c in sorted(handbook.checklists, key=lambda c: c.title)])])


def render_exercise_log(handbook: Handbook, labels: Labels, page: str = "exercises.md") -> str:
    """Every exercise, newest first, with what it tested and what it found."""
    links = Links(handbook, page)
    rows = []
    for exercise in sorted(handbook.exercises, key=lambda e: e.date, reverse=True):
        tested = [links.scenario(exercise.scenario) if exercise.scenario else "",
                  links.chain(exercise.alerting_chain) if exercise.alerting_chain else "",
                  links.checklist(exercise.checklist) if exercise.checklist else ""]
        rows.append([f"{exercise.date:%Y-%m-%d}", labels("exercises.kind." + exercise.kind.value),
                     "<br>".join(part for part in tested if part) or labels("common.none"),
                     ", ".join(links.party(p) for p in exercise.participants),
                     "<br>".join(text(f) for f in exercise.findings)])
    return "\n\n".join([f"# {labels('exercises.title')}", labels("exercises.intro"), table(
        [labels("exercises.date"), labels("exercises.kind_heading"), labels("exercises.tested"),
         labels("exercises.participants"), labels("exercises.findings")], rows)])
