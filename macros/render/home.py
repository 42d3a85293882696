"""The home page, "In an emergency": the 24/7 number first, then the first hour, then scenarios."""

from __future__ import annotations

from ..labels import Labels
from ..model import Handbook
from .lists import render_checklist_items
from .markup import Links, attribute, emergency_holders, phone_links, text
from .risk import risk_class


def build_stamp(handbook: Handbook, labels: Labels) -> str:
    """'Edition 2026.3 · built 2026-11-23 14:05 CET', the line every page carries."""
    return labels("common.edition_stamp", edition=handbook.organisation.edition,
                  built_at=f"{handbook.built_at:%Y-%m-%d %H:%M %Z}")


def copy_age_notice(handbook: Handbook, labels: Labels) -> str:
    """The "this copy may be out of date" warning: hidden until copy-age.js finds the copy too old."""
    days = handbook.organisation.review_policy.copy_max_age_days
    # Kept out of the search index: a search must not lead to a warning that is not shown.
    return (f'<div class="admonition warning copy-age-notice" id="copy-age-notice" role="alert" hidden '
            f'data-search-exclude>'
            f'<p class="admonition-title">{attribute(labels("usb.out_of_date_title"))}</p>'
            f'<p>{attribute(labels("usb.out_of_date_text", days=days))}</p></div>')


def render_home(handbook: Handbook, labels: Labels, page: str = "index.md") -> str:
    """Emergency number, first-hour checklist, quick links by scenario, the edition and build time."""
    links = Links(handbook, page)
    organisation = handbook.organisation
    officer = handbook.emergency_officer
    number = organisation.emergency_number
    tel = "tel:" + number.replace(" ", "")
    first_hour = handbook.checklist(organisation.first_hour_checklist)
    on_call = [role for role in handbook.roles if role.reachable_24_7 and role.id != officer.id]
    blocks = [
        f"# {labels('home.title')}",
        f'<div class="emergency-number" id="emergency-number">'
        f'<p class="emergency-number__label">{attribute(labels("home.call_first", role=officer.title))}</p>'
        f'<p class="emergency-number__value"><a href="{attribute(tel)}">{attribute(number)}</a></p>'
        f'<p class="emergency-number__who">{attribute(labels("home.answered_by"))} '
        + attribute(emergency_holders(handbook)) + "</p></div>",
        f'<p class="build-stamp" data-built-at="{handbook.built_at.isoformat()}" '
        f'data-max-age-days="{organisation.review_policy.copy_max_age_days}">{attribute(build_stamp(handbook, labels))}</p>',
        copy_age_notice(handbook, labels),
        f"## {labels('home.first_hour_heading')} {{#first-hour}}",
        labels("home.first_hour_intro", checklist=links.checklist(first_hour.id)),
        render_checklist_items(handbook, labels, first_hour.id, page, heading_level=3),
        f"## {labels('home.scenarios_heading')}",
        "\n".join(f"- {links.scenario(s.id)} — {risk_class(handbook, s, labels)}" for s in handbook.scenarios_by_risk()),
    ]
    if on_call:
        blocks += [f"## {labels('home.on_call_heading')}",
                   "\n".join(f"- {links.role(role.id)}: {text(handbook.contact(role.primary).name)}, "
                             f"{phone_links(handbook.contact(role.primary), labels)}" for role in on_call)]
    return "\n\n".join(blocks)
