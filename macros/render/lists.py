"""The FAQ, the task inventory, the checklists and the exercise log."""

from __future__ import annotations

from itertools import groupby

from ..edition import Edition
from ..freshness import CHECKLIST, CHECKLIST_TEST, FAQ
from ..model import PRIORITY_ORDER, Action, AnswerStatus, ChecklistKind, FaqAudience, FaqEntry, Handbook
from .data_markup import relative_page_link, render_data_markdown
from .markup import Links, table, text
from .review import stale_badge


def answer_html(answer: str, links: Links) -> str:
    """An FAQ answer (Markdown written by editors) as sanitised HTML: raw HTML shows as text, nothing runs,
    links go only to https:, mailto:, tel: or pages of this edition."""
    sanitised = render_data_markdown(answer, relative_page_link(links.page, links.page_paths),
                                     links.labels("common.outside_link"))
    return f'<div class="faq-answer">\n{sanitised.html}\n</div>'


def _stamp(entry: FaqEntry, links: Links) -> str:
    labels = links.labels
    when = labels.datetime(entry.last_updated)
    badge = stale_badge(links.handbook, entry, FAQ, links.edition)
    # Customers see when an answer was checked; who inside looks after it is for staff.
    owner = "" if links.edition.is_public else f" · {labels('common.owner')}: {links.role(entry.owner)}"
    if entry.status is AnswerStatus.in_progress:
        return (f'!!! warning "{labels("faq.in_progress_title")}"\n\n'
                f'    {labels("faq.in_progress", checked=when)}{badge}{owner}')
    return f'<small class="faq-stamp">{labels("faq.last_updated", updated=when)}{badge}{owner}</small>'


def render_faq_page(handbook: Handbook, edition: Edition) -> str:
    """Entries grouped by audience and topic, each with its last-updated stamp or in-progress notice."""
    labels = edition.labels
    links = Links(handbook, edition, "faq")
    blocks = [f"# {labels('faq.title')}", labels("faq.intro")]
    for audience in FaqAudience:
        entries = sorted((e for e in handbook.faq if e.audience is audience), key=lambda e: (e.topic, e.question))
        if not entries:
            continue
        blocks.append(f"## {labels('faq.audience.' + audience.value)}")
        for topic, in_topic in groupby(entries, key=lambda e: e.topic):
            blocks.append(f"### {text(topic)}")
            for entry in in_topic:
                blocks += [f"#### {text(entry.question)} {{#faq-{entry.id}}}", answer_html(entry.answer, links),
                           _stamp(entry, links)]
                if entry.scenario and not edition.is_public:
                    blocks.append(f"{labels('faq.scenario')}: {links.scenario(entry.scenario)}")
    return "\n\n".join(blocks)


def render_task_inventory(handbook: Handbook, edition: Edition) -> str:
    """Tasks by priority, with SLA, remote capability, deferral, stand-ins and overflow partner."""
    labels = edition.labels
    links = Links(handbook, edition, "tasks")
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


def render_checklist_items(handbook: Handbook, edition: Edition, checklist_id: str, page_key: str,
                           heading_level: int = 2, record_id: str | None = None) -> str:
    """The sections of a checklist as tick boxes, or of a form as fields with room to write."""
    labels = edition.labels
    checklist = handbook.checklist(checklist_id)
    links = Links(handbook, edition, page_key, record_id)
    blocks = []
    for section in checklist.sections:
        blocks.append(f"{'#' * heading_level} {text(section.title)}")
        if checklist.kind is ChecklistKind.form:
            blocks.append(table([labels("checklists.field"), labels("checklists.entry")],
                                [[text(item.text) + (f"<br><small>{text(item.note)}</small>" if item.note else ""),
                                  '<span class="form-blank">' + '<span class="form-line"></span>' * item.lines + "</span>"]
                                 for item in section.items]))
            continue
        lines = []
        for item in section.items:
            extra = [f"*{links.role(item.owner)}*" if item.owner else "", text(item.note) if item.note else ""]
            lines.append(f"- [ ] {text(item.text)}" + "".join(f" — {part}" for part in extra if part))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_checklist_page(handbook: Handbook, edition: Edition, checklist_id: str) -> str:
    """A whole checklist page: purpose, owner, review date, who tests it, then the items."""
    labels = edition.labels
    checklist = handbook.checklist(checklist_id)
    links = Links(handbook, edition, "checklist", checklist.id)
    facts = [f"**{labels('common.owner')}:** {links.role(checklist.owner)}",
             f"**{labels('checklists.reviewed')}:** {labels.date(checklist.reviewed_on)}"
             + stale_badge(handbook, checklist, CHECKLIST, edition)]
    if checklist.testing:
        people = ", ".join(links.contact(c) for c in checklist.testing.tested_by) or links.withheld()
        facts.append(labels("checklists.testing", people=people, days=checklist.testing.every_days)
                     + stale_badge(handbook, checklist, CHECKLIST_TEST, edition))
    return "\n\n".join([f"# {text(checklist.title)}", text(checklist.purpose), "  \n".join(facts),
                        render_checklist_items(handbook, edition, checklist.id, "checklist", record_id=checklist.id)])


def render_checklist_overview(handbook: Handbook, edition: Edition) -> str:
    """All checklists and forms with their purpose."""
    labels = edition.labels
    links = Links(handbook, edition, "checklist-overview")
    return "\n\n".join([f"# {labels('checklists.title')}", table(
        [labels("checklists.checklist"), labels("checklists.purpose"), labels("common.owner")],
        [[links.checklist(c.id), text(c.purpose), links.role(c.owner)]
         for c in sorted(handbook.checklists, key=lambda c: c.title)])])


def render_exercise_log(handbook: Handbook, edition: Edition) -> str:
    """Every exercise, newest first, with what it tested and what it found."""
    labels = edition.labels
    links = Links(handbook, edition, "exercises")
    rows = []
    actions = []
    for exercise in sorted(handbook.exercises, key=lambda e: e.date, reverse=True):
        tested = [links.scenario(exercise.scenario) if exercise.scenario else "",
                  links.chain(exercise.alerting_chain) if exercise.alerting_chain else "",
                  links.checklist(exercise.checklist) if exercise.checklist else "",
                  *(links.provider(p) for p in exercise.providers)]
        # A closed incident keeps its timeline under its findings.
        timeline = [f"{labels.datetime(entry.at)}: {text(entry.text)}" for entry in exercise.timeline]
        rows.append([f'<span id="exercise-{exercise.id}"></span>{labels.date(exercise.date)}',
                     labels("exercises.kind." + exercise.kind.value),
                     "<br>".join(part for part in tested if part) or labels("common.none"),
                     ", ".join(links.party(p) for p in exercise.participants) or links.withheld(),
                     "<br>".join([text(f) for f in exercise.findings]
                                 + ([f"**{labels('exercises.timeline')}:**", *timeline] if timeline else []))])
        actions += [(exercise, action) for action in exercise.actions]
    blocks = [f"# {labels('exercises.title')}", labels("exercises.intro"), table(
        [labels("exercises.date"), labels("exercises.kind_heading"), labels("exercises.tested"),
         labels("exercises.participants"), labels("exercises.findings")], rows)]
    if actions:
        # Open work first, the nearest due date first; done actions stay on record at the end.
        actions.sort(key=lambda pair: (pair[1].status.value == "done", pair[1].due))
        blocks += [f"## {labels('exercises.actions_heading')} {{#actions}}", labels("exercises.actions_intro"),
                   table([labels("exercises.action"), labels("common.owner"), labels("exercises.due"),
                          labels("exercises.status_heading"), labels("exercises.from_exercise")],
                         [[text(action.text), links.party(action.owner), labels.date(action.due),
                           _action_status(action, edition), labels.date(exercise.date)]
                          for exercise, action in actions])]
    return "\n\n".join(blocks)


def _action_status(action: Action, edition: Edition) -> str:
    labels = edition.labels
    words = labels(f"exercises.status.{action.status.value}")
    if action.status.value != "done" and action.due < edition.today:
        badge = labels("review.badge_overdue", date=labels.date(action.due))
        return f'**{words}** <strong class="stale-badge">{badge}</strong>'
    return words
