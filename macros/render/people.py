"""The contacts-and-roles page: roles with holders and deputies, providers and sites, the directory."""

from __future__ import annotations

from itertools import groupby

from ..edition import Edition
from ..freshness import CONTACT
from ..labels import Labels
from ..model import Contact, Handbook
from .hours import availability_words
from .markup import Links, mail_link, table, text
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
