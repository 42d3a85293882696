"""mkdocs-macros entry point (`module_name: macros`): registers the page macros and nothing else."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register one macro per generated page; each is a one-line call into a pure renderer."""
    from .labels import labels_for
    from .render import home, lists, people, processes, review, risk

    def context() -> tuple[Any, Any]:
        # The site hook loaded and validated the data in on_config; pages render after that.
        handbook = env.conf["handbook"]
        return handbook, labels_for(handbook.organisation.language)

    env.macro(lambda: home.render_home(*context()), "home_page")
    env.macro(lambda: people.render_contacts_page(*context()), "contacts_page")
    env.macro(lambda: processes.render_alerting_page(*context()), "alerting_page")
    env.macro(lambda: processes.render_escalation_page(*context()), "escalation_page")
    env.macro(lambda: processes.render_crisis_group_page(*context()), "crisis_group_page")
    env.macro(lambda: processes.render_communication_page(*context()), "communication_page")
    env.macro(lambda: risk.render_risk_matrix(*context()), "risk_matrix_page")
    env.macro(lambda scenario_id: risk.render_scenario_page(*context(), scenario_id), "scenario_page")
    env.macro(lambda: lists.render_faq_page(*context()), "faq_page")
    env.macro(lambda: lists.render_task_inventory(*context()), "task_inventory_page")
    env.macro(lambda: lists.render_checklist_overview(*context()), "checklist_overview_page")
    env.macro(lambda checklist_id: lists.render_checklist_page(*context(), checklist_id), "checklist_page")
    env.macro(lambda: lists.render_exercise_log(*context()), "exercise_log_page")
    env.macro(lambda: review.render_review_page(*context()), "review_page")
