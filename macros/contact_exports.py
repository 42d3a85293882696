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
from .model import Contact, ContactKind, Handbook, PhoneKind
from .model.contacts import Availability, AvailabilityKind

VCARD_FILE = "contacts.vcf"
CSV_FILE = "contacts.csv"
# Contacts of these kinds are people, with a given name and a surname; the others are desks and hotlines.
PERSON_KINDS = frozenset({ContactKind.staff, ContactKind.provider, ContactKind.client})
# vCard 3.0 TEL types that phones map to "work", "mobile" and "home".
VCARD_PHONE_TYPES = {PhoneKind.office: ["WORK", "VOICE"], PhoneKind.mobile: ["CELL", "VOICE"],
                     PhoneKind.private: ["HOME", "VOICE"]}
CSV_COLUMNS = ["id", "name", "organisation", "kind", "job_title", "roles", "office", "mobile", "private", "email",
               "availability", "verified", "note"]


def availability_plain(availability: Availability, labels: Labels) -> str:
    """'24/7' or 'Mon–Fri 08:00–18:00' as plain text, the data's words untouched (the site's text is Markdown)."""
    if availability.kind is AvailabilityKind.always:
        return labels("contacts.always")
    hours = f"{availability.start}–{availability.end}" if availability.start else ""
    return " ".join(part for part in (availability.days or "", hours) if part) or labels("contacts.business_hours")


def _note(handbook: Handbook, contact: Contact, labels: Labels) -> str:
    roles = ", ".join(role.title for role in handbook.roles_held_by(contact.id))
    parts = [labels("print.vcard.roles", roles=roles) if roles else "",
             labels("print.vcard.availability", availability=availability_plain(contact.availability, labels)),
             contact.note or "", labels("print.vcard.verified", date=f"{contact.verified_on:%Y-%m-%d}")]
    return "\n".join(part for part in parts if part)


def render_vcards(handbook: Handbook, labels: Labels) -> str:
    """One vCard 3.0 per contact (name, organisation, function, numbers by kind, e-mail, roles and hours);
    every number the edition's copy of the handbook holds (redaction took the private ones out of the others)."""
    cards = []
    for contact in handbook.contacts:
        card = vobject.vCard()
        card.add("uid").value = f"{handbook.organisation.id}/{contact.id}"
        card.add("fn").value = contact.name
        if contact.kind in PERSON_KINDS and " " in contact.name:
            given, family = contact.name.rsplit(" ", 1)
            card.add("n").value = vobject.vcard.Name(family=family, given=given)
        else:
            card.add("n").value = vobject.vcard.Name(family=contact.name)
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
        card.add("categories").value = [labels("print.vcard.category"), contact.kind.value]
        card.add("note").value = _note(handbook, contact, labels)
        cards.append(card.serialize())
    return "".join(cards)


def render_contacts_csv(handbook: Handbook, labels: Labels) -> str:
    """The directory as CSV, one row per contact; a private-number column only in an edition that has private numbers."""
    has_private = any(phone.kind is PhoneKind.private for contact in handbook.contacts for phone in contact.phones)
    columns = [c for c in CSV_COLUMNS if has_private or c != "private"]
    output = io.StringIO()
    table = csv.writer(output, lineterminator="\r\n")
    table.writerow([labels(f"print.contacts_csv.{column}") for column in columns])
    for contact in handbook.contacts:
        numbers = {kind: "; ".join(p.number for p in contact.phones if p.kind is kind) for kind in PhoneKind}
        row = {
            "id": contact.id, "name": contact.name, "organisation": contact.organisation,
            "kind": contact.kind.value, "job_title": contact.job_title or "",
            "roles": "; ".join(role.title for role in handbook.roles_held_by(contact.id)),
            "office": numbers[PhoneKind.office], "mobile": numbers[PhoneKind.mobile],
            "private": numbers[PhoneKind.private], "email": contact.email or "",
            "availability": availability_plain(contact.availability, labels),
            "verified": f"{contact.verified_on:%Y-%m-%d}", "note": contact.note or "",
        }
        table.writerow([row[column] for column in columns])
    return output.getvalue()


def write(handbook: Handbook, edition: Edition, site_dir: Path, dist_dir: Path) -> str:
    """Write contacts.vcf and contacts.csv into dist_dir (private numbers in the crisis team's edition only)."""
    labels = edition.labels
    dist_dir.mkdir(parents=True, exist_ok=True)
    (dist_dir / VCARD_FILE).write_text(render_vcards(handbook, labels), encoding="utf-8", newline="")
    # With a byte-order mark, spreadsheet programs read the UTF-8 names (Özdemir, Malmö) correctly.
    (dist_dir / CSV_FILE).write_text(render_contacts_csv(handbook, labels), encoding="utf-8-sig", newline="")
    return f"{VCARD_FILE} and {CSV_FILE} ({len(handbook.contacts)} contacts)"
