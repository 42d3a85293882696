"""Search without a browser: settings per language, the records' keywords, what reaches the search index.

What a person finds is tested in the browser (tests/browser/test_search*.py); here, what the build gives
Material's search: its language, separator and pipeline, the keywords by index location, the maintenance
pages' boost, and the keywords model (a list, or a list per language, never a text to translate).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import BUILT_AT, MINIMAL, SAMPLE, TODAY, edit, load_on_test_day, messages_after_edit
from editions import prepared
from test_build import build_site

from macros.loader import load_handbook
from macros.model import Keywords
from macros.pages import built_pages, page
from macros.search import KEYWORDS_FIELD, search_keywords, search_settings
from macros.translation import source_fingerprint, translation_duties


@pytest.mark.parametrize("language", ["de", "en", "sv"])
def test_separator_ends_words_at_punctuation_and_quotes_of_the_language(language):
    """'(eSIM!)', „Die erste Stunde“, ”Första timmen”, e-mail addresses and times fall apart into their words."""
    separator = re.compile(search_settings(language).separator)

    def words(text: str) -> list[str]:
        return [word for word in separator.split(text) if word]

    assert words("(eSIM!)") == ["eSIM"]
    assert words("„Die erste Stunde“ – jetzt") == ["Die", "erste", "Stunde", "jetzt"]
    assert words("”Första timmen”") == ["Första", "timmen"]
    assert words("sabine.krueger@lindenblatt-mobile.example") == ["sabine", "krueger", "lindenblatt-mobile", "example"]
    assert words("08:30&lt;x&gt;") == ["08", "30", "x"]


def test_the_german_gender_colon_stays_in_the_word():
    """'Notfallbeauftragte:r' is one word in German (the worker folds it to 'notfallbeauftragter'), two elsewhere."""
    def words(language: str, text: str) -> list[str]:
        return [word for word in re.split(search_settings(language).separator, text) if word]

    assert words("de", "Notfallbeauftragte:r, Eskalationsmanager:in und Kund:innen") == [
        "Notfallbeauftragte:r", "Eskalationsmanager:in", "und", "Kund:innen"]
    assert words("de", "Hinweis: um 08:30") == ["Hinweis", "um", "08", "30"]
    assert words("en", "Notfallbeauftragte:r") == ["Notfallbeauftragte", "r"]


@pytest.mark.parametrize("language", ["de", "en", "sv"])
def test_the_stemmer_is_kept_in_every_language(language):
    """Material's default pipeline drops the stemmer; ours keeps it (English without lunr's ASCII-only trimmer)."""
    pipeline = search_settings(language).pipeline
    assert pipeline[-2:] == ("stopWordFilter", "stemmer")
    assert ("trimmer" in pipeline) == (language != "en")


def loaded(data_dir: Path):
    return load_handbook(data_dir, today=TODAY, built_at=BUILT_AT)


def test_keywords_are_a_list_or_a_list_per_language(data_copy):
    """A plain list is the primary language's; a mapping keeps each language's own list."""
    edit(data_copy / "organisation.yml", "language: en\n", "language: en\nlanguages: [de]\n")
    edit(data_copy / "faq/phone-down.yml", "keywords: [hotline busy, cannot get through]",
         "keywords:\n  en: [hotline busy]\n  de: [Hotline besetzt, kein Durchkommen]")
    handbook = loaded(data_copy)
    faq, scenario = handbook.faq[0], handbook.scenarios[0]
    assert isinstance(faq.keywords, Keywords) and list(faq.keywords) == ["hotline busy"]
    assert faq.keywords.in_language("de") == ("Hotline besetzt", "kein Durchkommen")
    assert scenario.keywords.in_language("de") == ("phones down", "no calls coming in"), "falls back to the primary"
    assert handbook.checklist("escalation-report").keywords == ()


def test_keywords_are_not_texts_to_translate(data_copy):
    """Keywords change no translation fingerprint and are never a missing translation."""
    edit(data_copy / "organisation.yml", "language: en\n", "language: en\nlanguages: [de]\n")
    before = loaded(data_copy)
    edit(data_copy / "scenarios/outage.yml", "keywords: [phones down, no calls coming in]",
         "keywords: [phones down, no calls coming in, dead line]")
    after = loaded(data_copy)
    assert source_fingerprint(before.scenarios[0]) == source_fingerprint(after.scenarios[0])
    assert [(d.record_id, d.missing, d.total) for d in translation_duties(before)] == \
           [(d.record_id, d.missing, d.total) for d in translation_duties(after)]


@pytest.mark.parametrize("written, expected", [
    ("keywords: {fr: [panne]}", "'fr' is not one of the handbook's languages"),
    ("keywords: {de: [Ausfall]}", "the English text is missing"),
])
def test_keywords_in_a_language_the_handbook_lacks_are_a_data_error(data_copy, written, expected):
    """Keywords follow the rules of every text: known languages only, the primary one always."""
    edit(data_copy / "organisation.yml", "language: en\n", "language: en\nlanguages: [de]\n")
    messages = messages_after_edit(data_copy, "scenarios/outage.yml", "keywords: [phones down, no calls coming in]",
                                   written)
    assert len(messages) == 1 and messages[0].startswith("handbook_data/scenarios/outage.yml:")
    assert "keywords" in messages[0] and expected in messages[0]


def test_keywords_by_index_location_follow_the_pages_and_the_edition():
    """Scenario and checklist pages, FAQ sections, roles on 'Who to call'; the public edition has FAQ words only."""
    handbook = load_handbook(MINIMAL, today=TODAY, built_at=BUILT_AT)
    staff = search_keywords(*prepared(handbook, "staff"))
    assert staff == {
        "who-to-call.html": staff["who-to-call.html"],
        "scenarios/outage.html": ("phones down", "no calls coming in"),
        "checklists/first-hour.html": ("what to do now", "first steps"),
        "faq.html#faq-phone-down": ("hotline busy", "cannot get through"),
        "who-to-call.html#role-emergency-officer": ("on call", "duty phone"),
    }
    assert "who do I call" in staff["who-to-call.html"]
    assert search_keywords(*prepared(handbook, "public")) == {
        "faq.html#faq-phone-down": ("hotline busy", "cannot get through")}


def test_sample_keywords_are_in_german_and_english():
    """Every scenario, and the records agents look for, have keywords in German and English."""
    handbook = load_on_test_day(SAMPLE)
    records = [*handbook.scenarios, *handbook.faq, *handbook.roles, *handbook.checklists]
    assert [r.id for r in records if not {"de", "en"} <= set(r.keywords.by_language)] == []
    german, _ = prepared(handbook, "staff", "de")
    assert "Trojaner" in search_keywords(*prepared(handbook, "staff", "de"))["scenarios/cyber-attack.html"]
    assert "hacked" in search_keywords(*prepared(handbook, "staff", "en"))["scenarios/cyber-attack.html"]
    assert german.scenario("cyber-attack").keywords.in_language("de") == german.scenario("cyber-attack").keywords


def test_maintenance_pages_carry_materials_search_front_matter():
    """Review status is left out of search, the exercise log ranks below the rest; every page tells mkdocs-macros to
    leave its rendered text alone."""
    handbook, edition = prepared(load_handbook(MINIMAL, today=TODAY, built_at=BUILT_AT), "staff")
    matter = {built.page.key: built.front_matter for built in built_pages(handbook, edition)}
    assert matter["review"] == "---\nrender_macros: false\nsearch:\n  exclude: true\n---\n"
    assert matter["exercises"] == "---\nrender_macros: false\nsearch:\n  boost: 0.1\n---\n"
    assert matter["contacts"] == "---\nrender_macros: false\n---\n"
    assert page("review").search_boost == 0 and 0 < page("exercises").search_boost < 1
    contacts = next(built for built in built_pages(handbook, edition) if built.page.key == "contacts")
    assert contacts.markdown(handbook, edition) == matter["contacts"] + page("contacts").render(handbook, edition)


@pytest.fixture(scope="module")
def german_index(tmp_path_factory) -> dict:
    """The search index of the sample's staff edition in German, as `mkdocs build` previews it."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        site = build_site(SAMPLE, tmp_path_factory.mktemp("german") / "site", monkeypatch, "de")
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_index_is_in_the_editions_language_with_the_keywords_field(german_index):
    """lang follows the edition, the German separator and pipeline are used, keywords weigh like titles."""
    config = german_index["config"]
    settings = search_settings("de")
    assert config["lang"] == ["de"]
    assert config["separator"] == settings.separator and config["pipeline"] == list(settings.pipeline)
    assert config["fields"][KEYWORDS_FIELD]["boost"] == config["fields"]["title"]["boost"]


def test_the_index_holds_each_records_keywords_where_its_section_is(german_index):
    """Every keyword list of the edition lands on its page or section, and nowhere else."""
    handbook, edition = prepared(load_on_test_day(SAMPLE), "staff", "de")
    found = {doc["location"]: doc[KEYWORDS_FIELD] for doc in german_index["docs"] if KEYWORDS_FIELD in doc}
    assert found == {location: ", ".join(words) for location, words in search_keywords(handbook, edition).items()}
    assert "Trojaner" in found["scenarios/cyber-attack.html"]
    assert "Trojaner" not in json.dumps([doc["text"] for doc in german_index["docs"]]), "keywords never reach a page"


def test_review_status_is_not_indexed_and_the_exercise_log_ranks_below(german_index):
    """No entry for review.html; every entry of exercises.html has Material's boost below 1."""
    locations = [doc["location"] for doc in german_index["docs"]]
    assert not [location for location in locations if location.startswith("review.html")]
    exercises = [doc for doc in german_index["docs"] if doc["location"].startswith("exercises.html")]
    assert exercises and all(doc.get("boost", 1) < 1 for doc in exercises)
