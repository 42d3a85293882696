"""The contacts-and-roles page: roles with holders and deputies, providers and sites, the directory."""

from __future__ import annotations

from itertools import groupby

from ..edition import Edition
from ..freshness import CONTACT
from ..labels import Labels
from ..model import Contact, Handbook
from .hours import availability_words
from .markup import Links, attribute, mail_link, table, text
from .review import stale_badge


def availability_text(contact: Contact, labels: Labels) -> str:
    """'24/7' or 'Mon–Fri 08:00–18:00' for the page (escaped, never broken inside a shift)."""
    return text(availability_words(contact.availability, labels))


def render_roles(handbook: Handbook, edition: Edition) -> str:
    """Each role with its purpose, tasks and holders in order: primary first, then deputies."""
    labels = edition.labels
    links = Links(handbook, edition, "contacts")
    blocks = [f"## {labels('contacts.roles_heading')}"]
    for role in handbook.roles:
        rows = []
        for position, holder_id in enumerate(role.holders):
            contact = handbook.contact(holder_id)
            rank = labels("contacts.primary") if position == 0 else labels("contacts.deputy", number=position)
            rows.append([rank, links.contact(holder_id), links.phones(contact), mail_link(contact)])
        if not role.holders:
            rows.append([labels("contacts.primary"), links.withheld(), links.via_officer(), ""])
        reach = labels("contacts.reachable_24_7") if role.reachable_24_7 else labels("contacts.not_24_7")
        blocks.append("\n\n".join([
            f"### {text(role.title)} {{#role-{role.id}}}",
            f"{text(role.purpose)} **{reach}**",
            table([labels("contacts.order"), labels("contacts.name"), labels("contacts.phone"),
                   labels("contacts.email")], rows),
            f"#### {labels('contacts.tasks')}\n\n" + "\n".join(f"- {text(task)}" for task in role.tasks),
        ]))
    return "\n\n".join(blocks)


def render_providers(handbook: Handbook, edition: Edition) -> str:
    """The organisation's sites and its service providers with what each covers."""
    labels = edition.labels
    links = Links(handbook, edition, "contacts")
    organisation = handbook.organisation
    sites = {site.id: site for site in organisation.sites}
    site_rows = [[f'<span id="site-{site.id}"></span>{text(site.name)}', text(site.address), site.country,
                  str(site.seats) if site.seats is not None else labels("common.none")] for site in organisation.sites]
    provider_rows = [[
        f'<span id="provider-{provider.id}"></span>{text(provider.name)}', provider.country,
        "<br>".join(text(sites[site_id].name) for site_id in provider.sites),
        "<br>".join(text(item) for item in provider.covers),
        links.contact(provider.account_manager),
    ] for provider in organisation.providers]
    return "\n\n".join([
        f"## {labels('contacts.providers_heading')}",
        table([labels("contacts.provider"), labels("contacts.country"), labels("contacts.sites"),
               labels("contacts.covers"), labels("contacts.account_manager")], provider_rows),
        f"## {labels('contacts.sites_heading')}",
        table([labels("contacts.site"), labels("contacts.address"), labels("contacts.country"),
               labels("contacts.seats")], site_rows),
    ])


def render_contact_directory(handbook: Handbook, edition: Edition) -> str:
    """Every contact with tel: and mailto: links, grouped by organisation, sorted by surname."""
    labels = edition.labels
    links = Links(handbook, edition, "contacts")
    blocks = [f"## {labels('contacts.directory_heading')}"]
    by_organisation = sorted(handbook.contacts, key=lambda c: (c.organisation, c.surname, c.name))
    for organisation, members in groupby(by_organisation, key=lambda c: c.organisation):
        rows = [[
            f'<span id="contact-{contact.id}"></span>**{text(contact.name)}**'
            + (f"<br>{text(contact.job_title)}" if contact.job_title else "")
            + (f'<br><small class="contact-note">{text(contact.note)}</small>' if contact.note else ""),
            ", ".join(text(role.title) for role in handbook.roles_held_by(contact.id)) or labels("common.none"),
            links.phones(contact),
            mail_link(contact),
            availability_text(contact, labels),
            labels.date(contact.verified_on) + stale_badge(handbook, contact, CONTACT, edition),
        ] for contact in members]
        blocks.append(f"### {text(organisation)}")
        blocks.append(table([labels("contacts.name"), labels("common.roles"), labels("contacts.phone"),
                             labels("contacts.email"), labels("contacts.availability"),
                             labels("contacts.verified")], rows))
    return "\n\n".join(blocks)


def render_contacts_page(handbook: Handbook, edition: Edition) -> str:
    """The whole contacts-and-roles page."""
    labels = edition.labels
    return "\n\n".join([
        f"# {labels('contacts.title')}",
        labels("contacts.intro"),
        render_roles(handbook, edition),
        render_contact_directory(handbook, edition),
        render_providers(handbook, edition),
    ])


def _numbers_to_call(contact: Contact, links: Links) -> str:
    """A contact's numbers as tel: links that never break across lines, each with its kind."""
    if not contact.phones:
        return links.via_officer()
    return ", ".join(f'<a class="phone call-number" href="{attribute(phone.tel_uri)}">{attribute(phone.number)}</a> '
                     f'({links.labels("common.phone_kind." + phone.kind.value)})' for phone in contact.phones)


def render_who_to_call(handbook: Handbook, edition: Edition) -> str:
    """"Who to call": every role with its holders in calling order, their hours and tap-to-call numbers."""
    labels = edition.labels
    links = Links(handbook, edition, "who-to-call")
    officer = handbook.emergency_officer
    number = handbook.organisation.emergency_number
    emergency_number = (f'<a class="phone call-number" href="tel:{attribute(number.replace(" ", ""))}">'
                        f'{attribute(number)}</a>')
    blocks = [f"# {labels('who_to_call.title')}",
              labels("who_to_call.intro", number=emergency_number, role=text(officer.title))]
    for role in handbook.roles:
        reach = labels("contacts.reachable_24_7") if role.reachable_24_7 else labels("contacts.not_24_7")
        holders = []
        for position, holder_id in enumerate(role.holders):
            contact = handbook.contact(holder_id)
            rank = labels("contacts.primary") if position == 0 else labels("contacts.deputy", number=position)
            holders.append(f"{position + 1}. **{links.contact(holder_id)}** ({rank}, {availability_text(contact, labels)}): "
                           f"{_numbers_to_call(contact, links)}")
        if not role.holders:
            holders.append(f"1. {links.withheld()}: {links.via_officer()}")
        blocks += [f"## {text(role.title)} {{#role-{role.id}}}", f"{text(role.purpose)} **{reach}**", "\n".join(holders)]
    return "\n\n".join(blocks)
