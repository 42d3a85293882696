"""Safe building blocks for generated Markdown: escaped text, tables, links between pages."""

from __future__ import annotations

import html
import posixpath
import re

import phonenumbers

from ..model import Contact, Handbook, Role

# 112 reaches the emergency services from any mobile phone in Europe (and most of the world).
_EMERGENCY_112 = re.compile(r"(?<![\w+/.,-])112(?![\w/-]|[.,]\d)")
# Characters that Markdown (or a table) would act on; escaped so data text shows literally.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]{}|#])")


def text(value: object) -> str:
    """Data text shown literally: HTML and Markdown syntax neutralised, line breaks kept as <br>,
    international phone numbers (+49 30 …) as tel: links, so a phone dials them with one tap."""
    raw = str(value)
    pieces, done = [], 0
    for start, end, tel in _phone_numbers_in(raw):
        pieces += [_literal(raw[done:start]), f'<a href="tel:{tel}">{_literal(raw[start:end])}</a>']
        done = end
    escaped = "".join(pieces) + _literal(raw[done:])
    return "<br>".join(line.strip() for line in escaped.splitlines()) if "\n" in escaped else escaped


def _phone_numbers_in(raw: str) -> list[tuple[int, int, str]]:
    """(start, end, E.164 number) of each phone number in `raw`, in order, never overlapping."""
    found = []
    # Without a region the matcher finds only numbers written with their country code, never dates.
    if "+" in raw:
        for number in phonenumbers.PhoneNumberMatcher(raw, None, leniency=phonenumbers.Leniency.POSSIBLE):
            # The matcher may take an opening bracket along; the number itself starts at its '+'.
            start = max(raw.find("+", number.start, number.end), number.start)
            found.append((start, number.end, phonenumbers.format_number(number.number,
                                                                         phonenumbers.PhoneNumberFormat.E164)))
    found += [(match.start(), match.end(), "112") for match in _EMERGENCY_112.finditer(raw)
              if not any(start <= match.start() < end for start, end, _ in found)]
    return sorted(found)


def _literal(value: str) -> str:
    return _MARKDOWN_ACTIVE.sub(r"\\\1", html.escape(value, quote=False))


def attribute(value: object) -> str:
    return html.escape(str(value), quote=True)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped with `text()` or built from safe parts."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or "" for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


class Links:
    """Relative Markdown links from one page to anchors on other pages (MkDocs checks them in --strict)."""

    def __init__(self, handbook: Handbook, page: str):
        self.handbook = handbook
        self.page = page

    def to(self, target_page: str, anchor: str = "") -> str:
        relative = posixpath.relpath(target_page, posixpath.dirname(self.page) or ".")
        if relative == posixpath.basename(self.page) and anchor:
            relative = ""
        return f"{relative}#{anchor}" if anchor else relative

    def role(self, role_id: str) -> str:
        role = self.handbook.role(role_id)
        return f"[{text(role.title)}]({self.to('contacts.md', 'role-' + role.id)})"

    def contact(self, contact_id: str) -> str:
        contact = self.handbook.contact(contact_id)
        return f"[{text(contact.name)}]({self.to('contacts.md', 'contact-' + contact.id)})"

    def party(self, party_id: str) -> str:
        party = self.handbook.party(party_id)
        return self.role(party_id) if isinstance(party, Role) else self.contact(party_id)

    def scenario(self, scenario_id: str) -> str:
        scenario = self.handbook.scenario(scenario_id)
        return f"[{text(scenario.title)}]({self.to(f'scenarios/{scenario.id}.md')})"

    def checklist(self, checklist_id: str) -> str:
        checklist = self.handbook.checklist(checklist_id)
        return f"[{text(checklist.title)}]({self.to(f'checklists/{checklist.id}.md')})"

    def chain(self, chain_id: str) -> str:
        chain = self.handbook.alerting_chain(chain_id)
        return f"[{text(chain.name)}]({self.to('alerting.md', 'chain-' + chain.id)})"


def phone_links(contact: Contact, labels) -> str:
    """Every number of a contact as a tel: link with its kind written out (office / mobile / private)."""
    return "<br>".join(
        f'<a href="{attribute(phone.tel_uri)}">{attribute(phone.number)}</a> '
        f'({labels("common.phone_kind." + phone.kind.value)})'
        for phone in contact.phones)


def mail_link(contact: Contact) -> str:
    return f'<a href="mailto:{attribute(contact.email)}">{attribute(contact.email)}</a>' if contact.email else ""


def emergency_holders(handbook: Handbook) -> str:
    """The names answering the emergency number: the officer role's holders in calling order."""
    return ", ".join(handbook.contact(holder).name for holder in handbook.emergency_officer.holders)


def party_name(handbook: Handbook, party_id: str) -> str:
    """The display name of a role (its title) or a contact (their name)."""
    party = handbook.party(party_id)
    return party.title if isinstance(party, Role) else party.name
