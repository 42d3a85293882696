"""The review status: what is overdue or due soon, grouped by owner, on a page, as text and as badges."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from babel import Locale

from ..edition import Edition
from ..freshness import (
    ACTION,
    CHAIN,
    CHECKLIST,
    CHECKLIST_TEST,
    CONTACT,
    DUE_SOON_DAYS,
    ESCALATION,
    FAQ,
    PROCESS,
    SCENARIO,
    ExerciseGap,
    ReviewDuty,
    exercise_gaps,
    overdue_duty,
    stale_entries,
)
from ..labels import Labels
from ..model import Handbook
from ..translation import MISSING, UNCONFIRMED, TranslationDuty
from .markup import Links, attribute, party_name, table, text


def stale_badge(handbook: Handbook, record: Any, kind: str, edition: Edition) -> str:
    """' overdue since 2 Jun 2026' as a marked-up badge after a date, or '' when the record is on time."""
    labels = edition.labels
    # Customers see when an answer was last checked, not the organisation's review duties.
    duty = None if edition.is_public else overdue_duty(handbook, record, kind, edition.today)
    if duty is None:
        return ""
    words = (labels("review.badge_never") if duty.due is None
             else labels("review.badge_overdue", date=labels.date(duty.due)))
    # The words carry the meaning; the class only adds emphasis (never colour alone).
    return f' <strong class="stale-badge">{attribute(words)}</strong>'


def duty_status(duty: ReviewDuty, labels: Labels) -> str:
    """'overdue since 2026-06-02 (174 days)', 'due on 2026-12-05 (in 12 days)', 'due today' or 'never done'."""
    due, days = duty.due, duty.days_overdue
    # Both are None together (never done); both are tested for the type checker.
    if due is None or days is None:  # pragma: no mutate
        return labels("review.never_done")
    if days > 0:
        return labels("review.overdue", date=labels.date(due), days=days)
    if days == 0:
        return labels("review.due_today")
    return labels("review.due_in", date=labels.date(due), days=-days)


def _title(duty: ReviewDuty, labels: Labels) -> str:
    return labels("review.escalation_title") if duty.kind == ESCALATION else duty.title


def _owner_heading(handbook: Handbook, owner: str, labels: Labels) -> str:
    # The kind's word as each language writes it inside a sentence (German capitalises nouns).
    key = "review.owner_role" if handbook.has("roles", owner) else "review.owner_contact"
    return labels(key, name=party_name(handbook, owner, labels("common.withheld")), id=owner)


def _by_owner(duties: list[Any]) -> list[tuple[str, list[Any]]]:
    """Groups in the order of their most urgent duty; within a group, oldest first."""
    groups: dict[str, list[Any]] = {}
    for duty in duties:
        groups.setdefault(duty.owner, []).append(duty)
    return list(groups.items())


def _record_link(links: Links, duty: ReviewDuty, title: str) -> str:
    if duty.kind == CONTACT:
        return links.contact(duty.id)
    if duty.kind == CHAIN:
        return links.chain(duty.id)
    if duty.kind in (CHECKLIST, CHECKLIST_TEST):
        return links.checklist(duty.id)
    if duty.kind == FAQ:
        return links.faq(duty.id, title)
    if duty.kind == PROCESS:
        return links.process(duty.id)
    if duty.kind == ACTION:
        target = links.to("exercises", f"exercise-{duty.id}")
        return f"[{text(title)}]({target})" if target else text(title)
    target = links.to("escalation")
    return f"[{text(title)}]({target})" if target else text(title)


def _gap_status(gap: ExerciseGap, labels: Labels) -> str:
    if gap.last_exercised is None:
        return labels("review.never_exercised")
    return labels("review.last_exercised_on", date=labels.date(gap.last_exercised),
                  days=(gap.today - gap.last_exercised).days)


def render_review_page(handbook: Handbook, edition: Edition, within_days: int = DUE_SOON_DAYS) -> str:
    """Everything overdue or due within `within_days`, one table per owner, then the exercise report."""
    labels = edition.labels
    today = edition.today
    links = Links(handbook, edition, "review")
    duties = stale_entries(handbook, today, within_days)
    overdue = sum(duty.overdue for duty in duties)
    blocks = [f"# {labels('review.title')}",
              labels("review.intro", days=within_days, today=labels.date(today)),
              f"**{labels('review.summary', overdue=overdue, soon=len(duties) - overdue, days=within_days)}**"]
    if not duties:
        blocks.append(labels("review.all_current", days=within_days))
    for owner, owned in _by_owner(duties):
        blocks.append(f"## {text(_owner_heading(handbook, owner, labels))}")
        blocks.append(table(
            [labels("review.status"), labels("review.what"), labels("review.record"), labels("review.last_done"),
             labels("review.where")],
            [[f"**{duty_status(duty, labels)}**" if duty.overdue else duty_status(duty, labels),
              labels(f"review.kind.{duty.kind}"), _record_link(links, duty, _title(duty, labels)),
              labels.date(duty.last_done) if duty.last_done else labels("review.never"),
              f"`{duty.file}:{duty.line}`"] for duty in owned]))
    blocks += _translation_blocks(handbook, edition)
    gaps = exercise_gaps(handbook, today)
    interval = handbook.organisation.review_policy.exercise_interval_days
    blocks += [f"## {labels('review.exercises_heading')} {{#exercises}}",
               labels("review.exercises_intro", days=interval)]
    if gaps:
        blocks.append(table(
            [labels("review.status"), labels("review.what"), labels("review.record"), labels("review.where")],
            [[_gap_status(gap, labels), labels(f"review.exercise_kind.{gap.kind}"),
              links.scenario(gap.id) if gap.kind == SCENARIO else links.chain(gap.id),
              f"`{gap.file}:{gap.line}`"] for gap in gaps]))
    else:
        blocks.append(labels("review.exercises_none", days=interval))
    blocks += _single_point_blocks(handbook, edition, links)
    return "\n\n".join(blocks)


def _single_points(handbook: Handbook) -> list[tuple[str, Any, list[str]]]:
    from ..validation import single_points_of_failure

    return single_points_of_failure(handbook.processes, handbook.systems, handbook.organisation.providers,
                                    handbook.organisation.risk_policy.single_point_from)


def _single_point_blocks(handbook: Handbook, edition: Edition, links: Links) -> list[str]:
    """Systems and providers many processes depend on that have no fallback (only with an impact analysis)."""
    labels = edition.labels
    if not handbook.processes:
        return []
    threshold = handbook.organisation.risk_policy.single_point_from
    blocks = [f"## {labels('review.spof_heading')} {{#single-points-of-failure}}",
              labels("review.spof_intro", count=threshold)]
    found = _single_points(handbook)
    if not found:
        return blocks + [labels("review.spof_none")]
    rows = []
    for kind, record, users in found:
        name = links.system(record.id) if kind == "system" else links.provider(record.id)
        where = _where_declared(handbook, kind, record)
        rows.append([name, labels(f"bia.kind.{kind}"), ", ".join(links.process(p) for p in users),
                     f"`{where}`" if where else labels("common.none")])
    return blocks + [table([labels("review.record"), labels("review.what"), labels("review.spof_used_by"),
                            labels("review.where")], rows)]


def _where_declared(handbook: Handbook, kind: str, record: Any) -> str:
    """'file:line' where a system, or a provider in organisation.yml, starts ('' for records built by hand)."""
    from ..model import origin_of

    owner, path = (record, ()) if kind == "system" else (
        handbook.organisation, ("providers", handbook.organisation.providers.index(record)))
    origin = origin_of(owner)
    if origin is None:
        return ""
    source, base = origin
    return f"{source.path}:{source.line_of((*base, *path))}"


def translation_status(duty: TranslationDuty, labels: Labels) -> str:
    """'3 of 12 texts missing', 'not confirmed' or 'source changed since the translation was confirmed'."""
    if duty.kind == MISSING:
        return labels("review.translation_missing", missing=duty.missing, total=duty.total)
    return labels("review.translation_unconfirmed") if duty.kind == UNCONFIRMED else labels("review.translation_stale")


def _translation_blocks(handbook: Handbook, edition: Edition) -> list[str]:
    labels = edition.labels
    duties = handbook.translation_duties
    if len(edition.languages) < 2:
        return []
    blocks = [f"## {labels('review.translations_heading')} {{#translations}}", labels("review.translations_intro")]
    if not duties:
        return blocks + [labels("review.translations_none")]
    for owner, owned in _by_owner(duties):
        blocks.append(f"### {text(_owner_heading(handbook, owner, labels))}")
        blocks.append(table(
            [labels("review.language"), labels("review.status"), labels("review.record"), labels("review.where")],
            [[_language_name(duty.language, edition.language), translation_status(duty, labels),
              text(_duty_title(duty, labels)), f"`{duty.file}:{duty.line}`"] for duty in owned]))
    return blocks


def _duty_title(duty: TranslationDuty, labels: Labels) -> str:
    # A record without a title or id of its own (the crisis group) is named by its kind, in the reader's language.
    return duty.title or duty.record_label.text(labels)


# The review names the same few languages once per translation duty; Babel parses the locale at every call.
@lru_cache(maxsize=256)
def _language_name(language: str, in_language: str) -> str:
    return Locale.parse(language).get_display_name(in_language) or language


def render_review_text(handbook: Handbook, labels: Labels, today: dt.date,
                       within_days: int = DUE_SOON_DAYS) -> str:
    """The review page as plain text for a weekly reminder (e-mail, chat or the CI job summary)."""
    duties = stale_entries(handbook, today, within_days)
    overdue = sum(duty.overdue for duty in duties)
    lines = [f"{labels('review.title')}: {handbook.organisation.handbook_title}, {labels.date(today)}",
             labels("review.summary", overdue=overdue, soon=len(duties) - overdue, days=within_days)]
    if not duties:
        lines.append(labels("review.all_current", days=within_days))
    for owner, owned in _by_owner(duties):
        lines += ["", _owner_heading(handbook, owner, labels) + ":"]
        for duty in owned:
            status = duty_status(duty, labels)
            lines.append(f"  - {status}: {labels(f'review.kind.{duty.kind}')} "
                         f"\"{_title(duty, labels)}\" — {duty.file}:{duty.line}")
    translations = handbook.translation_duties
    if translations:
        lines += ["", labels("review.translations_heading") + ": " + labels("review.translations_intro")]
        for owner, owned in _by_owner(translations):
            lines += [_owner_heading(handbook, owner, labels) + ":"]
            lines += [f"  - {_language_name(duty.language, labels.language)}: {translation_status(duty, labels)}: "
                      f"\"{_duty_title(duty, labels)}\" — {duty.file}:{duty.line}" for duty in owned]
    gaps = exercise_gaps(handbook, today)
    interval = handbook.organisation.review_policy.exercise_interval_days
    lines += ["", labels("review.exercises_heading") + ": " + labels("review.exercises_intro", days=interval)]
    if not gaps:
        lines.append("  " + labels("review.exercises_none", days=interval))
    for gap in gaps:
        lines.append(f"  - {_gap_status(gap, labels)}: {labels(f'review.exercise_kind.{gap.kind}')} "
                     f"\"{gap.title}\" — {gap.file}:{gap.line}")
    if handbook.processes:
        found = _single_points(handbook)
        threshold = handbook.organisation.risk_policy.single_point_from
        lines += ["", labels("review.spof_heading") + ": " + labels("review.spof_intro", count=threshold)]
        if not found:
            lines.append("  " + labels("review.spof_none"))
        for kind, record, users in found:
            where = _where_declared(handbook, kind, record)
            lines.append(f"  - {labels(f'bia.kind.{kind}')} \"{record.name}\": "
                         f"{labels('review.spof_used_by')} {', '.join(users)}" + (f" — {where}" if where else ""))
    return "\n".join(lines) + "\n"
