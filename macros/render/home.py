"""The home page, "In an emergency": the 24/7 number first, then the first hour, then scenarios.

The public edition has a home page of its own: how customers reach the organisation and the FAQ.
"""

from __future__ import annotations

from ..edition import Edition
from ..model import Handbook
from ..pages import has_page
from .lists import render_checklist_items
from .markup import Links, attribute, emergency_holders, text
from .risk import risk_class


def build_stamp(handbook: Handbook, edition: Edition) -> str:
    """'Staff · version 2026.3 · built 23 Nov 2026, 10:30 CET', the line every page carries."""
    labels = edition.labels
    return labels("common.edition_stamp", edition=edition.name,
                  version=handbook.organisation.version, built_at=labels.datetime(edition.built_at, zone=True))


def copy_age_notice(handbook: Handbook, edition: Edition) -> str:
    """The "this copy may be out of date" warning: hidden until copy-age.js finds the copy too old."""
    labels = edition.labels
    days = handbook.organisation.review_policy.copy_max_age_days
    # Kept out of the search index: a search must not lead to a warning that is not shown.
    return (f'<div class="admonition warning copy-age-notice" id="copy-age-notice" role="alert" hidden '
            f'data-search-exclude>'
            f'<p class="admonition-title">{attribute(labels("usb.out_of_date_title"))}</p>'
            f'<p>{attribute(labels("usb.out_of_date_text", days=days))}</p></div>')


def _stamp_and_notice(handbook: Handbook, edition: Edition) -> list[str]:
    days = handbook.organisation.review_policy.copy_max_age_days
    return [f'<p class="build-stamp" data-built-at="{edition.built_at.isoformat()}" data-max-age-days="{days}">'
            f'{attribute(build_stamp(handbook, edition))}</p>',
            copy_age_notice(handbook, edition)]


def _who_to_call_link(edition: Edition, links: Links) -> str:
    """The link right under the emergency number to every role's numbers ("" when the edition lacks the page)."""
    if not has_page(edition, "who-to-call"):
        return ""
    return f"[{edition.labels('who_to_call.home_link')}]({links.to('who-to-call')}){{ .who-to-call-link }}"


def render_home(handbook: Handbook, edition: Edition) -> str:
    """Emergency number, first-hour checklist, quick links by scenario, the edition and build time."""
    labels = edition.labels
    links = Links(handbook, edition, "home")
    organisation = handbook.organisation
    officer = handbook.emergency_officer
    number = organisation.emergency_number
    tel = "tel:" + number.replace(" ", "")
    first_hour = handbook.checklist(organisation.first_hour_checklist)
    on_call = [role for role in handbook.roles if role.reachable_24_7 and role.id != officer.id and role.holders]
    blocks = [
        f"# {labels('home.title')}",
        f'<div class="emergency-number" id="emergency-number">'
        f'<p class="emergency-number__label">{attribute(labels("home.call_first", role=officer.title))}</p>'
        f'<p class="emergency-number__value"><a class="phone" href="{attribute(tel)}">{attribute(number)}</a></p>'
        f'<p class="emergency-number__who">{attribute(labels("home.answered_by"))} '
        + attribute(emergency_holders(handbook)) + "</p></div>",
        _who_to_call_link(edition, links),
        *_stamp_and_notice(handbook, edition),
        f"## {labels('home.first_hour_heading')} {{#first-hour}}",
        render_checklist_items(handbook, edition, first_hour.id, "home", heading_level=3),
        labels("home.first_hour_after", checklist=links.checklist(first_hour.id)),
        f"## {labels('home.scenarios_heading')}",
        "\n".join(f"- {links.scenario(s.id)} — {risk_class(handbook, s, edition)}" for s in handbook.scenarios_by_risk()),
    ]
    if on_call:
        blocks += [f"## {labels('home.on_call_heading')}",
                   "\n".join(f"- {links.role(role.id)}: {links.contact(role.primary)}, "
                             f"{links.phones(handbook.contact(role.primary))}" for role in on_call)]
    return "\n\n".join(block for block in blocks if block)


def render_public_home(handbook: Handbook, edition: Edition) -> str:
    """For customers: how to reach customer service now, and the answers to their questions."""
    labels = edition.labels
    links = Links(handbook, edition, "public-home")
    channels = handbook.communication.public_channels
    blocks = [f"# {text(handbook.organisation.handbook_title)}", labels("public.intro"),
              *_stamp_and_notice(handbook, edition)]
    if channels:
        rows = []
        for channel in channels:
            number = (f' <a class="phone" href="tel:{attribute(channel.number.replace(" ", ""))}">'
                      f"{attribute(channel.number)}</a>") if channel.number else ""
            rows.append(f"- **{text(channel.name)}**{number}: {text(channel.how)}")
        blocks += [f"## {labels('public.channels_heading')}", "\n".join(rows)]
    questions = [f"- {links.faq(entry.id, entry.question)}" for entry in sorted(handbook.faq, key=lambda e: e.question)]
    if questions:
        blocks += [f"## {labels('public.faq_heading')}", "\n".join(questions)]
    return "\n\n".join(blocks)
