"""Safe building blocks for generated Markdown: escaped text, tables, links between pages."""

from __future__ import annotations

import html
import re
from functools import cached_property
from typing import TYPE_CHECKING

import phonenumbers

from .. import pages
from ..model import Contact, Handbook, Untranslated

if TYPE_CHECKING:
    from ..edition import Edition

# 112 reaches the emergency services from any mobile phone in Europe (and most of the world).
_EMERGENCY_112 = re.compile(r"(?<![\w+/.,-])112(?![\w/-]|[.,]\d)")
# Characters that Markdown (or a table) would act on; each gets a backslash so data text shows literally. The
# backslash comes first, so that no backslash added for another character is escaped again.
_MARKDOWN_ACTIVE = "\\`*_[]{}|#"


def text(value: object) -> str:
    """Data text shown literally: HTML and Markdown syntax neutralised, line breaks kept as <br>,
    international phone numbers (+49 30 …) as tel: links, so a phone dials them with one tap.
    A text shown in the primary language because its translation is missing is marked as such."""
    if isinstance(value, Untranslated):
        return untranslated(value, _text(value))
    return _text(value)


def untranslated(value: Untranslated, shown: str) -> str:
    """`shown` (the rendered text) in the language it is written in, marked with that language's code ("DE"):
    short enough for every table cell; the words "not yet translated" are its tooltip and what a screen
    reader says, and the page explains the mark once at its top."""
    return (f'<span lang="{value.language}">{shown}</span>'
            f'<sup class="untranslated" title="{attribute(value.marker)}">{value.language.upper()}'
            f'<span class="visually-hidden">: {attribute(value.marker)}</span></sup>')


def _text(value: object) -> str:
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
    # The pattern begins with a look-behind, so the regex engine tries it at every character: look for 112 first.
    if "112" in raw:
        found += [(match.start(), match.end(), "112") for match in _EMERGENCY_112.finditer(raw)
                  if not any(start <= match.start() < end for start, end, _ in found)]
    return sorted(found)


def _literal(value: str) -> str:
    escaped = html.escape(value, quote=False)
    # One replace per character present: most texts hold none of them (a regex substitution cost more per text).
    for character in _MARKDOWN_ACTIVE:
        if character in escaped:
            escaped = escaped.replace(character, "\\" + character)
    return escaped


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
    """Relative Markdown links from one page to other pages of the same edition (MkDocs checks them in --strict).

    A link to a page the edition does not have, or to a record it leaves out, is written as plain text
    (or, for a withheld record, as the catalogue's "withheld" words): never a broken link.
    """

    def __init__(self, handbook: Handbook, edition: Edition, page_key: str, record_id: str | None = None):
        self.handbook = handbook
        self.edition = edition
        self.labels = edition.labels
        self.page = pages.page(page_key).path_for(record_id)

    @cached_property
    def page_paths(self) -> set[str]:
        """The Markdown path of every page of the edition (worked out once per page rendered, not per answer)."""
        return set(pages.all_paths(self.handbook, self.edition))

    def to(self, page_key: str, anchor: str = "", record_id: str | None = None) -> str | None:
        """The relative link to a page (and anchor) of this edition, or None when the edition lacks the page."""
        if not pages.has_page(self.edition, page_key, self.handbook):
            return None
        return pages.relative_link(self.page, pages.page(page_key).path_for(record_id), anchor)

    def _link(self, words: str, page_key: str, anchor: str = "", record_id: str | None = None) -> str:
        target = self.to(page_key, anchor, record_id)
        return f"[{text(words)}]({target})" if target is not None else text(words)

    def withheld(self) -> str:
        """What stands where a record is left out of this edition."""
        return f"*{self.labels('common.withheld')}*"

    def role(self, role_id: str) -> str:
        if not self.handbook.has("roles", role_id):
            return self.withheld()
        return self._link(self.handbook.role(role_id).title, "contacts", "role-" + role_id)

    def contact(self, contact_id: str) -> str:
        if not self.handbook.has("contacts", contact_id):
            return self.withheld()
        return self._link(self.handbook.contact(contact_id).name, "contacts", "contact-" + contact_id)

    def party(self, party_id: str) -> str:
        return self.role(party_id) if self.handbook.has("roles", party_id) else self.contact(party_id)

    def scenario(self, scenario_id: str) -> str:
        if not self.handbook.has("scenarios", scenario_id):
            return self.withheld()
        return self._link(self.handbook.scenario(scenario_id).title, "scenario", record_id=scenario_id)

    def checklist(self, checklist_id: str) -> str:
        if not self.handbook.has("checklists", checklist_id):
            return self.withheld()
        return self._link(self.handbook.checklist(checklist_id).title, "checklist", record_id=checklist_id)

    def chain(self, chain_id: str) -> str:
        if not self.handbook.has("alerting_chains", chain_id):
            return self.withheld()
        return self._link(self.handbook.alerting_chain(chain_id).name, "alerting", "chain-" + chain_id)

    def faq(self, entry_id: str, question: str) -> str:
        return self._link(question, "faq", "faq-" + entry_id)

    def process(self, process_id: str) -> str:
        if not self.handbook.has("processes", process_id):
            return self.withheld()
        return self._link(self.handbook.process(process_id).title, "process", record_id=process_id)

    def system(self, system_id: str) -> str:
        if not self.handbook.has("systems", system_id):
            return self.withheld()
        return self._link(self.handbook.system(system_id).name, "bia", "system-" + system_id)

    def task(self, task_id: str) -> str:
        if not self.handbook.has("tasks", task_id):
            return self.withheld()
        return self._link(self.handbook.task(task_id).name, "tasks", "task-" + task_id)

    def site(self, site_id: str) -> str:
        site = next((s for s in self.handbook.organisation.sites if s.id == site_id), None)
        return self._link(site.name, "contacts", "site-" + site_id) if site else self.withheld()

    def provider(self, provider_id: str) -> str:
        provider = next((p for p in self.handbook.organisation.providers if p.id == provider_id), None)
        return self._link(provider.name, "contacts", "provider-" + provider_id) if provider else self.withheld()


    def call(self, role_id: str) -> str:
        """A tap-to-call link to whoever answers for the role now: the emergency number for the emergency officer,
        else the primary holder's first number (mobile before office); '' when the edition has none."""
        if role_id == self.handbook.organisation.emergency_officer and self.handbook.organisation.emergency_number:
            number = self.handbook.organisation.emergency_number
        else:
            role = self.handbook.role(role_id) if self.handbook.has("roles", role_id) else None
            holder = self.handbook.contact(role.primary) if role and role.holders else None
            order = {"mobile": 0, "office": 1, "private": 2}
            phones = sorted(holder.phones, key=lambda p: order[p.kind.value]) if holder else []
            if not phones:
                return ""
            number = phones[0].number
        return f'<a class="phone" href="tel:{attribute(number.replace(" ", ""))}">{attribute(number)}</a>'

    def via_officer(self) -> str:
        """'via Emergency officer': how to reach someone whose numbers this edition leaves out."""
        return f"{self.labels('common.via')} {self.role(self.handbook.organisation.emergency_officer)}"

    def phones(self, contact: Contact) -> str:
        """Every number of a contact as a tel: link with its kind written out (office / mobile / private);
        a contact with no number in this edition is reached through the emergency officer."""
        if not contact.phones:
            return self.via_officer()
        return "<br>".join(
            f'<a class="phone" href="{attribute(phone.tel_uri)}">{attribute(phone.number)}</a> '
            f'({self.labels("common.phone_kind." + phone.kind.value)})'
            for phone in contact.phones)


def mail_link(contact: Contact) -> str:
    return f'<a href="mailto:{attribute(contact.email)}">{attribute(contact.email)}</a>' if contact.email else ""


def emergency_holders(handbook: Handbook) -> str:
    """The names answering the emergency number: the officer role's holders in calling order."""
    return ", ".join(handbook.contact(holder).name for holder in handbook.emergency_officer.holders)


def party_name(handbook: Handbook, party_id: str, withheld: str = "—") -> str:
    """The display name of a role (its title) or a contact (their name); `withheld` when left out."""
    if handbook.has("roles", party_id):
        return handbook.role(party_id).title
    return handbook.contact(party_id).name if handbook.has("contacts", party_id) else withheld
