"""The contact directory for phones and spreadsheets: `dist/contacts.vcf` and `dist/contacts.csv`.

Numbers marked `kind: private` are in the crisis team's edition only: redaction removes them from the
others before anything is written. The files are handed to many phones; a private number should only
travel where its owner agreed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import vobject

from .edition import Edition
from .labels import Labels
from .model import Contact, Handbook, PhoneKind
from .render.hours import availability_words

VCARD_FILE = "contacts.vcf"
CSV_FILE = "contacts.csv"
# vCard 3.0 TEL types that phones map to "work", "mobile" and "home".
VCARD_PHONE_TYPES = {PhoneKind.office: ["WORK", "VOICE"], PhoneKind.mobile: ["CELL", "VOICE"],
                     PhoneKind.private: ["HOME", "VOICE"]}
CSV_COLUMNS = ["id", "name", "organisation", "kind", "job_title", "roles", "office", "mobile", "private", "email",
               "availability", "verified", "note"]
# Academic and professional titles written before a name; they go into the vCard name's prefix.
HONORIFICS = ("Dr.", "Prof.", "Dipl.-Ing.", "Mag.", "Med.", "Dr", "Prof")
# OWASP: a spreadsheet runs a cell starting with one of these as a formula; a leading ' makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def split_name(name: str) -> tuple[str, str, str]:
    """'Dr. Anna Berg' → ('Dr.', 'Anna', 'Berg'): honorifics, given names, family name."""
    words = name.split()
    prefix = []
    while len(words) > 2 and words[0] in HONORIFICS:
        prefix.append(words.pop(0))
    given, family = (" ".join(words[:-1]), words[-1]) if len(words) > 1 else ("", name)
    return " ".join(prefix), given, family


def _note(handbook: Handbook, contact: Contact, labels: Labels) -> str:
    roles = ", ".join(role.title for role in handbook.roles_held_by(contact.id))
    parts = [labels("print.vcard.roles", roles=roles) if roles else "",
             labels("print.vcard.availability", availability=availability_words(contact.availability, labels)),
             contact.note or "", labels("print.vcard.verified", date=labels.date_numeric(contact.verified_on))]
    return "\n".join(part for part in parts if part)


def render_vcards(handbook: Handbook, labels: Labels) -> str:
    """One vCard 3.0 per contact (name, organisation, function, numbers by kind, e-mail, roles and hours);
    every number the edition's copy of the handbook holds (redaction took the private ones out of the others).

    A person gets a structured name (honorific, given, family); a desk or hotline shows as a company: its
    organisation, an empty person name, and the desk's name as the display name.
    """
    cards = []
    for contact in handbook.contacts:
        card = vobject.vCard()
        card.add("uid").value = f"{handbook.organisation.id}/{contact.id}"
        card.add("fn").value = contact.name
        if contact.is_person:
            prefix, given, family = split_name(contact.name)
            card.add("n").value = vobject.vcard.Name(family=family, given=given, prefix=prefix)
        else:
            card.add("n").value = vobject.vcard.Name()
            # Apple's and Android's address books list such a card under the company's name.
            card.add("x-abshowas").value = "COMPANY"
        card.add("org").value = [contact.organisation]
        if contact.job_title:
            card.add("title").value = contact.job_title
        for phone in contact.phones:
            tel = card.add("tel")
            tel.value = phone.number
            tel.type_paramlist = VCARD_PHONE_TYPES[phone.kind]
        if contact.email:
            email = card.add("email")
            email.value = contact.email
            email.type_paramlist = ["INTERNET", "WORK"]
        card.add("categories").value = [labels("print.vcard.category"), labels(f"contacts.kind.{contact.kind.value}")]
        card.add("note").value = _note(handbook, contact, labels)
        cards.append(card.serialize())
    return "".join(cards)


def spreadsheet_cell(value: str) -> str:
    """The value as a spreadsheet shows it, never as a formula it would run (a leading ' makes it text)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def render_contacts_csv(handbook: Handbook, labels: Labels) -> str:
    """The directory as CSV for the reader's spreadsheet (`;` between cells in German and Swedish, `,` in English),
    one row per contact; a private-number column only in an edition that has private numbers."""
    has_private = any(phone.kind is PhoneKind.private for contact in handbook.contacts for phone in contact.phones)
    columns = [c for c in CSV_COLUMNS if has_private or c != "private"]
    output = io.StringIO()
    # csv ends lines with CRLF by default, as RFC 4180 and spreadsheet programs expect.
    table = csv.writer(output, delimiter=labels("format.csv_delimiter"))
    table.writerow([labels(f"print.contacts_csv.{column}") for column in columns])
    for contact in handbook.contacts:
        numbers = {kind: "; ".join(p.number for p in contact.phones if p.kind is kind) for kind in PhoneKind}
        row = {
            "id": contact.id, "name": contact.name, "organisation": contact.organisation,
            "kind": labels(f"contacts.kind.{contact.kind.value}"), "job_title": contact.job_title or "",
            "roles": "; ".join(role.title for role in handbook.roles_held_by(contact.id)),
            "office": numbers[PhoneKind.office], "mobile": numbers[PhoneKind.mobile],
            "private": numbers[PhoneKind.private], "email": contact.email or "",
            "availability": availability_words(contact.availability, labels),
            "verified": labels.date_numeric(contact.verified_on), "note": contact.note or "",
        }
        table.writerow([spreadsheet_cell(str(row[column])) for column in columns])
    return output.getvalue()


def write(handbook: Handbook, edition: Edition, site_dir: Path, dist_dir: Path) -> str:
    """Write contacts.vcf and contacts.csv into dist_dir (private numbers in the crisis team's edition only)."""
    labels = edition.labels
    dist_dir.mkdir(parents=True, exist_ok=True)
    # pragma: newline="" keeps the CRLF that vCard and CSV need on Windows too, and encoding None is UTF-8 on a
    # UTF-8 machine: on the machines the tests run on, no test can tell these apart.
    (dist_dir / VCARD_FILE).write_text(render_vcards(handbook, labels), encoding="utf-8", newline="")  # pragma: no mutate
    # With a byte-order mark, spreadsheet programs read the UTF-8 names (Özdemir, Malmö) correctly.
    (dist_dir / CSV_FILE).write_text(render_contacts_csv(handbook, labels), encoding="utf-8-sig",
                                     newline="")  # pragma: no mutate
    return f"{VCARD_FILE} and {CSV_FILE} ({len(handbook.contacts)} contacts)"
