"""`check` and the other commands speak the handbook's language: exact German and Swedish messages, no English
left in a German run, the language worked out from organisation.yml alone, and English when that file fails."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, edit, messages_after_edit

from macros.cli import main
from macros.errors import DataError
from macros.labels import CATALOGUE_DIR, labels_for
from macros.loader import load_handbook

# One mistake of each kind: (file, text to replace, replacement).
MISTAKES = {
    "syntax": ("faq/phone-down.yml", "status: answered", 'status: "answered'),
    "missing field": ("alerting.yml", "      stand_in: communication-lead\n", ""),
    "unknown field with did-you-mean": ("tasks.yml", "  can_defer: false", "  can_defer: false\n  remote_capabel: true"),
    "wrong date": ("checklists/first-hour.yml", "reviewed_on: 2026-05-01", "reviewed_on: 22.11.2026"),
    "dangling reference": ("faq/phone-down.yml", "owner: communication-lead", "owner: comms-lead"),
    "no deputy": ("roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun]"),
}

EXPECTED = {
    "de": {
        "syntax": [
            "handbook_data/faq/phone-down.yml:11: Ein Anführungszeichen in dieser Zeile wird nie geschlossen "
            "(setzen Sie das schließende Anführungszeichen ans Ende des Textes)"],
        "missing field": [
            "handbook_data/alerting.yml:7: Alarmierungskette 'outage', Feld 'steps[1].stand_in': Dieses Feld fehlt "
            "(ergänzen Sie 'stand_in:' im Datensatz)"],
        "unknown field with did-you-mean": [
            "handbook_data/tasks.yml:9: Aufgabe 'hotline', Feld 'remote_capabel': Dieses Feld gibt es nicht "
            "(meinten Sie 'remote_capable'?)"],
        "wrong date": [
            "handbook_data/checklists/first-hour.yml:6: Checkliste 'first-hour', Feld 'reviewed_on': Erwartet wird "
            "ein Datum wie 2026-11-22, hier steht '22.11.2026' (schreiben Sie das Jahr zuerst: JJJJ-MM-TT)"],
        "dangling reference": [
            "handbook_data/faq/phone-down.yml:10: FAQ-Eintrag 'phone-down', Feld 'owner': Es gibt keine Rolle mit "
            "der ID 'comms-lead' (meinten Sie 'communication-lead'?)"],
        "no deputy": [
            "handbook_data/roles.yml:15: Rolle 'communication-lead', Feld 'holders': Die Rolle hat keine Vertretung "
            "(tragen Sie unter 'holders' eine zweite Kontakt-ID ein: die erste ist der Hauptkontakt, alle weiteren "
            "sind Vertretungen)"],
        "overdue record": [
            "handbook_data/contacts.yml:41: Kontakt 'clara-cruz', Feld 'verified_on': Zuletzt geprüft am 01.06.2025, "
            "überfällig seit 01.06.2026 (review_policy erlaubt 365 Tage) (prüfen Sie Nummern und Angaben mit dem "
            "Kontakt und setzen Sie dann verified_on auf den Tag der Prüfung)"],
        "outdated translation": [
            "handbook_data/faq/phone-down.yml:3: FAQ-Eintrag 'phone-down', Feld 'translated': Die Texte auf Deutsch "
            "wurden geändert, nachdem die Übersetzung auf Englisch bestätigt wurde (0badf00d, jetzt {fingerprint}) "
            "(passen Sie die Texte auf Englisch an und setzen Sie dann `translated: {{en: {fingerprint}}}`)"],
    },
    "sv": {
        "syntax": [
            "handbook_data/faq/phone-down.yml:11: ett citattecken på den här raden stängs aldrig "
            "(lägg till det avslutande citattecknet i slutet av texten)"],
        "missing field": [
            "handbook_data/alerting.yml:7: larmkedja 'outage', fält 'steps[1].stand_in': fältet saknas "
            "(lägg till 'stand_in:' i posten)"],
        "unknown field with did-you-mean": [
            "handbook_data/tasks.yml:9: arbetsuppgift 'hotline', fält 'remote_capabel': okänt fält "
            "(menade du 'remote_capable'?)"],
        "wrong date": [
            "handbook_data/checklists/first-hour.yml:6: checklista 'first-hour', fält 'reviewed_on': förväntade ett "
            "datum som 2026-11-22, men här står '22.11.2026' (skriv året först: ÅÅÅÅ-MM-DD)"],
        "dangling reference": [
            "handbook_data/faq/phone-down.yml:10: fråga 'phone-down', fält 'owner': det finns ingen roll med id "
            "'comms-lead' (menade du 'communication-lead'?)"],
        "no deputy": [
            "handbook_data/roles.yml:15: roll 'communication-lead', fält 'holders': rollen har ingen ersättare "
            "(lägg till ett andra kontakt-id under 'holders': den första är ordinarie, resten är ersättare)"],
        "overdue record": [
            "handbook_data/contacts.yml:41: kontakt 'clara-cruz', fält 'verified_on': senast kontrollerad "
            "1 juni 2025, försenad sedan 1 juni 2026 (review_policy tillåter 365 dagar) (kontrollera nummer och "
            "uppgifter med kontakten och ändra sedan verified_on till dagen du kontrollerade)"],
        "outdated translation": [
            "handbook_data/faq/phone-down.yml:3: fråga 'phone-down', fält 'translated': texterna på tyska har "
            "ändrats sedan översättningen till engelska bekräftades (0badf00d, nu {fingerprint}) (uppdatera "
            "texterna på engelska och ändra sedan till `translated: {{en: {fingerprint}}}`)"],
    },
}


def in_language(data: Path, language: str, others: str = "") -> Path:
    """The fixture handbook with `language` as its primary language (and `others` as its other languages)."""
    edit(data / "organisation.yml", "language: en", f"language: {language}" + (f"\nlanguages: [{others}]" if others else ""))
    return data


def with_outdated_translation(data: Path) -> Path:
    """The FAQ entry written in the primary language and English, confirmed for an older primary text."""
    faq = data / "faq" / "phone-down.yml"
    edit(faq, "id: phone-down\n", 'id: phone-down\ntranslated: {en: "0badf00d"}\n')
    edit(faq, "question: Why can't I get through?", "question:\n  de: Warum komme ich nicht durch?\n"
         "  en: Why can't I get through?")
    edit(faq, "answer: |\n  Our phone line has a fault.", "answer:\n  de: |\n    Unsere Leitung ist gestört.\n"
         "  en: |\n    Our phone line has a fault.")
    edit(faq, "topic: Availability", "topic: {de: Erreichbarkeit, en: Availability}")
    return data


@pytest.mark.parametrize("language", ["de", "sv"])
@pytest.mark.parametrize("kind", list(MISTAKES))
def test_data_mistake_in_the_handbooks_language(data_copy, language, kind):
    """Each kind of data mistake reads, word for word, as written in that language's catalogue."""
    file, old, new = MISTAKES[kind]
    in_language(data_copy, language)
    edit(data_copy / file, old, new)
    with pytest.raises(DataError) as raised:
        load_handbook(data_copy, today=TODAY)
    assert [problem.text(labels_for(language)) for problem in raised.value.problems] == EXPECTED[language][kind]


@pytest.mark.parametrize("language", ["de", "sv"])
def test_overdue_record_in_the_handbooks_language(data_copy, language):
    """An overdue record names its dates in the reader's form (01.06.2025, 1 juni 2025), not as ISO."""
    in_language(data_copy, language)
    edit(data_copy / "contacts.yml", "verified_on: 2026-08-01", "verified_on: 2025-06-01")
    warnings = load_handbook(data_copy, today=TODAY).warnings
    labels = labels_for(language)
    assert [w.text(labels) for w in warnings if w.record and "clara-cruz" in str(w.record)] == \
        EXPECTED[language]["overdue record"]


@pytest.mark.parametrize("language", ["de", "sv"])
def test_outdated_translation_in_the_handbooks_language(data_copy, language):
    """An outdated translation names both languages by their names in the reader's language."""
    with_outdated_translation(in_language(data_copy, "de", "en"))
    handbook = load_handbook(data_copy, today=TODAY)
    [duty] = [duty for duty in handbook.translation_duties if duty.record_id == "phone-down"]
    expected = [line.format(fingerprint=duty.fingerprint) for line in EXPECTED[language]["outdated translation"]]
    assert duty.fingerprint != "0badf00d"
    assert [duty.problem("de").text(labels_for(language))] == expected


def test_english_stays_as_it_was(data_copy):
    """str() of a problem is the English line the tests and logs have always seen."""
    assert messages_after_edit(data_copy, *MISTAKES["no deputy"]) == [
        "handbook_data/roles.yml:15: role 'communication-lead', field 'holders': the role has no deputy "
        "(list a second contact id under 'holders': the first holder is primary, the rest deputies)"]


def run_check(data: Path, capsys, *options: str) -> tuple[int, str, str]:
    code = main(["check", "--data", str(data), "--today", TODAY.isoformat(), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def english_fragments() -> list[str]:
    """The English catalogue's message texts, cut at their placeholders, in pieces of four words or more."""
    catalogue = yaml.safe_load((CATALOGUE_DIR / "en.yml").read_text(encoding="utf-8"))["messages"]

    def leaves(tree: dict) -> list[str]:
        return [text for value in tree.values() for text in (leaves(value) if isinstance(value, dict) else [value])]

    fragments = []
    for text in leaves(catalogue):
        for literal, *_ in string.Formatter().parse(str(text)):
            fragments += [part.strip() for part in literal.split(":") if len(part.split()) >= 4]
    return fragments


def test_english_fragments_cover_the_catalogue():
    """The leak test below looks for the English words of the messages, so there must be plenty of them."""
    fragments = english_fragments()
    assert len(fragments) > 100
    assert "there is no role with the id '" in fragments and "this line is indented with a tab" in fragments


def test_no_english_message_reaches_a_german_check(data_copy, capsys):
    """A German handbook with many mistakes, then the same handbook valid but overdue and half translated:
    not one English message text appears in what `check` prints."""
    in_language(data_copy, "de", "en")
    broken = {
        "faq/phone-down.yml": ("status: answered", 'status: "answered'),
        "contacts.yml": ("  verified_on: 2026-10-01", "  verifed_on: 2026-10-01"),
        "checklists/first-hour.yml": ("reviewed_on: 2026-05-01", "reviewed_on: 22.11.2026"),
        "scenarios/outage.yml": ("owner: communication-lead", "owner: nobody"),
        "roles.yml": ("holders: [bert-braun, anna-adler]", "holders: [bert-braun]"),
        "alerting.yml": ("last_tested: 2026-06-01", "last_tested: 2027-01-05"),
        "communication.yml": ("Next update at {next_update}.", "Next update at {next_update}. Call {hotline}."),
        "crisis-group.yml": ('time: "09:00"', 'time: "9 am"'),
        "tasks.yml": ("  can_defer: false", "  can_defer: false\n  can_defer: true"),
    }
    originals = {file: (data_copy / file).read_text(encoding="utf-8") for file in broken}
    for file, (old, new) in broken.items():
        edit(data_copy / file, old, new)
    code, out, err = run_check(data_copy, capsys)
    assert code == 1 and len(err.splitlines()) == 11
    assert err.splitlines()[-1] == "10 Probleme in den Handbuchdaten."
    for file, text in originals.items():
        (data_copy / file).write_text(text, encoding="utf-8")
    with_outdated_translation(data_copy)
    edit(data_copy / "contacts.yml", "verified_on: 2026-08-01", "verified_on: 2025-06-01")
    code, valid_out, valid_err = run_check(data_copy, capsys)
    assert code == 0 and valid_err.startswith("Warnung: ") and "Die Handbuchdaten sind gültig" in valid_out
    printed = err + out + valid_out + valid_err
    leaked = [fragment for fragment in english_fragments() if fragment in printed]
    assert not leaked, printed


def test_language_option_reads_the_messages_in_another_catalogue(data_copy, capsys):
    """`check --language sv` on a German handbook prints Swedish; an unknown code is a usage error (exit 2)."""
    in_language(data_copy, "de")
    edit(data_copy / "roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun]")
    code, _, err = run_check(data_copy, capsys, "--language", "sv")
    assert code == 1 and err.splitlines() == EXPECTED["sv"]["no deputy"] + ["1 problem i datafilerna."]
    code, _, err = run_check(data_copy, capsys, "--language", "xx")
    assert (code, err) == (2, "Fehler: Für die Sprache 'xx' gibt es keinen Meldungskatalog (vorhanden: de, en, sv)\n")


def test_language_is_known_even_when_other_files_are_broken(data_copy, capsys):
    """A broken roles.yml does not hide the handbook's language: its syntax problem is told in German."""
    in_language(data_copy, "de")
    edit(data_copy / "roles.yml", "  reachable_24_7: true", "\treachable_24_7: true")
    code, _, err = run_check(data_copy, capsys)
    assert code == 1 and err.splitlines()[0] == (
        "handbook_data/roles.yml:8: Diese Zeile ist mit einem Tabulator eingerückt "
        "(YAML braucht Leerzeichen zum Einrücken: ersetzen Sie den Tabulator durch Leerzeichen)")


@pytest.mark.parametrize("old,new,first_line", [
    ('version: "1.0"', 'version: "1.0', "handbook_data/organisation.yml:5: a quote opened on this line is never "
                                         "closed (add the closing quote at the end of the text)"),
    ("language: de", "language: fr", "handbook_data/organisation.yml:6: organisation 'example-service', field "
                                     "'language': there is no label catalogue for the language 'fr' (use one of: de, "
                                     "en, sv)"),
], ids=["organisation.yml unreadable", "unknown language"])
def test_english_when_organisation_yml_fails(data_copy, capsys, old, new, first_line):
    """When organisation.yml cannot be read or names a language without a catalogue, everything is in English."""
    in_language(data_copy, "de")
    edit(data_copy / "organisation.yml", old, new)
    code, _, err = run_check(data_copy, capsys)
    assert code == 1 and first_line in err.splitlines()
    assert err.splitlines()[-1].endswith("in the handbook data.")


def test_review_and_build_speak_the_handbooks_language(data_copy, tmp_path, capsys):
    """`review` prints in German for a German handbook; a build on broken German data says so in German."""
    in_language(data_copy, "de")
    assert main(["review", "--data", str(data_copy), "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out.startswith("Prüfstatus: Example emergency handbook, 23.11.2026\n")
    assert main(["review", "--data", str(data_copy), "--today", TODAY.isoformat(), "--language", "sv"]) == 0
    # The review text writes its dates with no-break spaces, as the review page does.
    assert capsys.readouterr().out.startswith("Granskningsstatus: Example emergency handbook, 23\u00a0november\u00a02026\n")
    edit(data_copy / "roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun]")
    site, dist = tmp_path / "site", tmp_path / "dist"
    assert main(["build", "--data", str(data_copy), "--config", str(ROOT / "mkdocs.yml"), "--site", str(site),
                 "--dist", str(dist)]) == 1
    assert capsys.readouterr().err.splitlines() == EXPECTED["de"]["no deputy"] + [
        "1 Problem in den Handbuchdaten.", f"Es wurde nichts erstellt; {site}/ und {dist}/ sind unverändert."]


def test_new_faq_writes_in_the_handbooks_language(data_copy, capsys):
    """The comment, the placeholder answer and the default topic of a new FAQ file are German in a German
    handbook, and so are the refusals."""
    in_language(data_copy, "de")
    assert main(["new-faq", "--data", str(data_copy), "--question", "Warum ist die Hotline besetzt?",
                 "--owner", "communication-lead", "--schemas", str(ROOT / "schemas")]) == 0
    path = data_copy / "faq" / "warum-ist-die-hotline-besetzt.yml"
    assert capsys.readouterr().out.startswith(f"{path.as_posix()} angelegt (status: in-progress). Schreiben Sie")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1] == ("# FAQ für Kundinnen und Kunden, angelegt mit `make new-faq`: Schreiben Sie die Antwort und "
                        "setzen Sie dann status: answered.")
    assert lines[5] == ("  Wir arbeiten an einer Antwort auf diese Frage und veröffentlichen sie hier, sobald sie "
                        "bestätigt ist.")
    assert "topic: Allgemein" in lines
    assert main(["new-faq", "--data", str(data_copy), "--question", "Warum?", "--owner", "comms-lead"]) == 2
    assert capsys.readouterr().err == (
        f"Fehler: Es gibt keine Rolle 'comms-lead' in {data_copy.as_posix()}/roles.yml: Verantwortlich für eine "
        "Antwort ist immer eine Rolle (meinten Sie 'communication-lead'?)\n")


def test_new_faq_in_swedish(data_copy):
    """A Swedish handbook's new FAQ file is Swedish: comment, placeholder answer, default topic."""
    in_language(data_copy, "sv")
    from macros.new_faq import create_faq

    path = create_faq(data_copy, "Varför är kön så lång?", "communication-lead", audience="agents")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1] == ("# Fråga för medarbetare, skapad med `make new-faq`: skriv svaret och ändra sedan till "
                        "status: answered.")
    assert lines[5] == "  Vi arbetar på ett svar på den här frågan och publicerar det här så snart det är bekräftat."
    assert "topic: Allmänt" in lines
