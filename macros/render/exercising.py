"""Exercising the handbook: the exercise plan for the year, and a printable tabletop script per scenario."""

from __future__ import annotations

import datetime as dt

from ..edition import Edition
from ..exercise_plan import PLAN_DAYS, PlannedExercise, planned_exercises
from ..labels import Labels
from ..model import Handbook
from .continuity import hours
from .markup import Links, table, text

# Minutes until the next level of a scenario is played in when the level before names no first steps.
DEFAULT_LEVEL_MINUTES = 60


def _month(day: dt.date, labels: Labels) -> str:
    from babel.dates import format_date

    return format_date(day, "LLLL yyyy", locale=labels.locale)


def _plan_status(item: PlannedExercise, today: dt.date, labels: Labels) -> str:
    if item.last_done is None:
        return f"**{labels('exercise_plan.never')}**"
    if item.due < today:
        return f"**{labels('review.overdue', date=labels.date(item.due), days=(today - item.due).days)}**"
    return labels("exercise_plan.due_on", date=labels.date(item.due))


def _subject(item: PlannedExercise, links: Links) -> str:
    if item.subject == "alerting_chain":
        return links.chain(item.id)
    if item.subject == "checklist":
        return links.checklist(item.id)
    if item.subject == "scenario":
        return links.scenario(item.id)
    return links.provider(item.id)


def render_exercise_plan(handbook: Handbook, edition: Edition) -> str:
    """What is to be exercised in the next twelve months and what is overdue, by month, from the log and the policy."""
    labels = edition.labels
    today = edition.today
    links = Links(handbook, edition, "exercise-plan")
    plan = planned_exercises(handbook, today)
    blocks = [f"# {labels('exercise_plan.title')}",
              labels("exercise_plan.intro", today=labels.date(today),
                      until=labels.date(today + dt.timedelta(days=PLAN_DAYS)))]
    rows = []
    for item in plan:
        month = labels("exercise_plan.now") if item.due <= today else _month(item.due, labels)
        rows.append([month, labels(f"exercise_plan.kind.{item.kind}"), _subject(item, links),
                     labels.date(item.last_done) if item.last_done else labels("review.never"),
                     _plan_status(item, today, labels),
                     labels("exercise_plan.every", days=item.interval_days)])
    blocks.append(table([labels("exercise_plan.month"), labels("exercise_plan.kind_heading"),
                         labels("exercise_plan.subject"), labels("exercise_plan.last_done"),
                         labels("exercise_plan.due"), labels("exercise_plan.rule")], rows)
                  if rows else labels("exercise_plan.nothing_due"))
    blocks += [labels("exercise_plan.rules"), labels("exercise_plan.scripts")]
    return "\n\n".join(blocks)


def _injects(handbook: Handbook, scenario_id: str, labels: Labels, links: Links) -> list[tuple[int, str]]:
    """(minutes after the start, what happens) for the script: each level of the scenario in turn, played in once
    the level before should have done its first steps; then each threatened process at its recovery time."""
    scenario = handbook.scenario(scenario_id)
    injects = []
    minute = 0
    for level in scenario.levels:
        injects.append((minute, labels("tabletop.inject_level", level=text(level.name), trigger=text(level.trigger))))
        minute += max((step.within_minutes for step in level.first_steps), default=DEFAULT_LEVEL_MINUTES)
    for process in handbook.processes_by_rto():
        if scenario.id in process.scenarios:
            injects.append((round(process.rto_hours * 60), labels(
                "tabletop.inject_rto", process=links.process(process.id), rto=hours(process.rto_hours, labels),
                level=text(process.emergency_level))))
    return sorted(injects, key=lambda inject: inject[0])


def _clock(minutes: int) -> str:
    return f"T+{minutes // 60}:{minutes % 60:02d}"


def _questions(handbook: Handbook, scenario_id: str, labels: Labels) -> dict[str, list[str]]:
    """For each role with a part in the scenario (in the order they first appear), the questions to put to it."""
    scenario = handbook.scenario(scenario_id)
    questions: dict[str, list[str]] = {}
    if scenario.alerting_chain and handbook.has("alerting_chains", scenario.alerting_chain):
        for step in handbook.alerting_chain(scenario.alerting_chain).steps:
            if handbook.has("roles", step.recipient):
                questions.setdefault(step.recipient, [])
    for level in scenario.levels:
        for first_step in level.first_steps:
            questions.setdefault(first_step.owner, []).append(
                labels("tabletop.question_step", step=text(first_step.text), minutes=first_step.within_minutes))
        for _, measures in level.measures.by_area():
            for measure in measures:
                questions.setdefault(measure.owner, []).append(
                    labels("tabletop.question_measure", measure=text(measure.text)))
    return {role: [labels("tabletop.question_reached"), *dict.fromkeys(asked)]
            for role, asked in questions.items() if handbook.has("roles", role)}


def render_tabletop_script(handbook: Handbook, edition: Edition, scenario_id: str) -> str:
    """A script to print for a tabletop exercise of one scenario: the situation, injects by time, questions for
    each role, and an after-action form whose findings become actions in the exercise log."""
    labels = edition.labels
    scenario = handbook.scenario(scenario_id)
    links = Links(handbook, edition, "tabletop", scenario.id)
    threatened = [p for p in handbook.processes_by_rto() if scenario.id in p.scenarios]
    blocks = [f"# {labels('tabletop.title', scenario=text(scenario.title))}",
              labels("tabletop.intro", scenario=links.scenario(scenario.id)),
              f"## {labels('tabletop.situation_heading')}", text(scenario.summary)]
    if threatened:
        blocks.append(labels("tabletop.threatened") + "\n\n" + "\n".join(
            f"- {links.process(p.id)}: {labels('bia.rto')} {hours(p.rto_hours, labels)}, "
            f"{labels('bia.mtpd')} {hours(p.mtpd_hours, labels)}" for p in threatened))
    blocks += [f"## {labels('tabletop.injects_heading')}",
               table([labels("tabletop.time"), labels("tabletop.inject")],
                     [[_clock(minute), words] for minute, words in _injects(handbook, scenario.id, labels, links)]),
               f"## {labels('tabletop.questions_heading')}"]
    for role, asked in _questions(handbook, scenario.id, labels).items():
        blocks += [f"### {text(handbook.role(role).title)}", "\n".join(f"- {question}" for question in asked)]
    form = [(labels("tabletop.form.date"), 1), (labels("tabletop.form.participants"), 2),
            (labels("tabletop.form.went_well"), 4), (labels("tabletop.form.went_wrong"), 4),
            (labels("tabletop.form.actions"), 6), (labels("tabletop.form.logged"), 1)]
    blocks += [f"## {labels('tabletop.form_heading')}", labels("tabletop.form_intro"),
               table([labels("checklists.field"), labels("checklists.entry")],
                     [[field, '<span class="form-blank">' + '<span class="form-line"></span>' * lines + "</span>"]
                      for field, lines in form])]
    return "\n\n".join(blocks)
