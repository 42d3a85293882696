"""Handbooks in German, Swedish and English: dates and numbers in the reader's locale, no English word the
generator wrote in a German build, texts missing in a language marked, the sample in three languages."""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import ROOT, SAMPLE, SOURCE_DATE_EPOCH, TODAY, load_on_test_day
from editions import prepared
from printed_sample import require_chromium
from pypdf import PdfReader

from macros.labels import CATALOGUE_DIR, labels_for
from macros.render.markup import text

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual"
WINTER = dt.datetime(2026, 11, 23, 19, 29, tzinfo=ZoneInfo("Europe/Berlin"))
SUMMER = dt.datetime(2026, 7, 3, 9, 5, tzinfo=ZoneInfo("Europe/Berlin"))


def plain(value: str) -> str:
    """No-break spaces (dates never wrap) read as spaces."""
    return value.replace("\u00a0", " ")


@pytest.mark.parametrize(("language", "moment", "expected"), [
    ("de", WINTER, "23.11.2026, 19:29 Uhr MEZ"), ("de", SUMMER, "03.07.2026, 09:05 Uhr MESZ"),
    ("sv", WINTER, "23 november 2026 19:29 CET"), ("sv", SUMMER, "3 juli 2026 09:05 CEST"),
    ("en", WINTER, "23 Nov 2026, 19:29 CET"), ("en", SUMMER, "3 Jul 2026, 09:05 CEST")])
def test_date_and_time_as_each_locale_writes_them(language, moment, expected):
    """German dates with dots and 'Uhr' and MEZ/MESZ, Swedish with the month written out, British English."""
    assert plain(labels_for(language).datetime(moment, zone=True)) == expected


@pytest.mark.parametrize(("language", "day", "numeric", "number"), [
    ("de", "23.11.2026", "23.11.2026", "1,5"), ("sv", "23 november 2026", "2026-11-23", "1,5"),
    ("en", "23 Nov 2026", "23/11/2026", "1.5")])
def test_days_and_numbers_as_each_locale_writes_them(language, day, numeric, number):
    """A day on a page, a day in a spreadsheet, and a decimal number, per language."""
    labels = labels_for(language)
    assert (plain(labels.date(WINTER)), labels.date_numeric(WINTER), labels.number(1.5)) == (day, numeric, number)


def test_a_date_never_breaks_across_lines():
    """Dates and times are written with no-break spaces, on the site and on paper."""
    for language in ("de", "sv", "en"):
        written = labels_for(language).datetime(WINTER, zone=True)
        assert " " not in written and "\u00a0" in written


def test_a_text_missing_in_a_language_is_shown_in_the_primary_one_and_marked():
    """The Swedish scenario page shows the German summary (never nothing), tagged DE with the words of the mark."""
    handbook, edition = prepared(load_on_test_day(BILINGUAL), "staff", "sv")
    summary = handbook.scenario("outage").summary
    assert summary == "Die Telefonieplattform fällt aus."
    shown = text(summary)
    assert shown.startswith('<span lang="de">Die Telefonieplattform fällt aus.</span><sup class="untranslated"')
    assert "inte översatt än" in shown and ">DE<" in shown
    # What is translated is shown as it is, unmarked.
    assert text(handbook.scenario("outage").title) == "Telefonin ligger nere"


def test_the_sample_speaks_german_first_then_english_and_partly_swedish():
    """The sample is German-primary; every text has English; the Malmö team's daily pages have Swedish."""
    loaded = load_on_test_day(SAMPLE)
    assert loaded.organisation.all_languages == ["de", "en", "sv"]
    assert [duty for duty in loaded.translation_duties if duty.language == "en" and duty.kind == "missing"] == []
    swedish, _ = prepared(loaded, "staff", "sv")
    first_hour = swedish.checklist(loaded.organisation.first_hour_checklist)
    assert all(type(item.text) is str for section in first_hour.sections for item in section.items)
    assert any(duty.language == "sv" and duty.kind == "missing" for duty in loaded.translation_duties)


def english_label_fragments() -> set[str]:
    """Pieces of the English catalogue's labels long enough to be unmistakable, that German never uses."""
    def flat(tree: dict, prefix: str = "") -> dict[str, str]:
        items: dict[str, str] = {}
        for key, value in tree.items():
            items.update(flat(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}": str(value)})
        return items

    english = flat(yaml.safe_load((CATALOGUE_DIR / "en.yml").read_text(encoding="utf-8")))
    german = " ".join(flat(yaml.safe_load((CATALOGUE_DIR / "de.yml").read_text(encoding="utf-8"))).values())
    fragments = set()
    for key, value in english.items():
        if key.startswith("format."):
            continue
        for piece in re.split(r"\{[a-z_]+\}", value):
            piece = piece.strip(" .,:;()·—–-")
            if len(piece) >= 10 and " " in piece and piece not in german:
                fragments.add(piece)
    return fragments


def visible_text(page: str) -> str:
    """The text a reader sees in an HTML page (scripts, styles and the search index's JSON left out)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    # Names cited in English on purpose (ISO 22301's clause names) are marked lang="en" and not the generator's words.
    body = re.sub(r'<span lang="en">[^<]*</span>', " ", body)
    return plain(html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def german_build(tmp_path_factory) -> Path:
    """The bilingual fixture's staff edition built in German, PDFs included."""
    require_chromium()
    work = tmp_path_factory.mktemp("german")
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--data", str(BILINGUAL), "--site",
                             str(work / "site"), "--dist", str(work / "dist"), "--edition", "staff", "--language", "de"],
                            cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return work


def test_no_english_word_of_the_generator_reaches_a_german_build(german_build):
    """No label of the English catalogue appears in the German pages or PDFs (the data itself is German)."""
    # ISO 22301's clause names are cited in English in every language (the coverage page marks them lang="en").
    from macros.coverage import REQUIREMENTS
    cited = " ".join(clause for requirement in REQUIREMENTS for clause in requirement.clauses if "ISO" in clause)
    fragments = {fragment for fragment in english_label_fragments() if fragment not in cited}
    assert len(fragments) > 50, "the check needs the English catalogue's labels to look for"
    site = german_build / "site" / "staff" / "de"
    pages = {path.relative_to(site).as_posix(): visible_text(path.read_text(encoding="utf-8"))
             for path in site.rglob("*.html")}
    pdfs = {path.name: " ".join(unicodedata.normalize("NFKC", page.extract_text()) for page in
                                PdfReader(io.BytesIO(path.read_bytes())).pages)
            for path in (german_build / "dist" / "staff" / "de").rglob("*.pdf")}
    found = {name: sorted(f for f in fragments if f in " ".join(text_.split()))
             for name, text_ in {**pages, **pdfs}.items()}
    assert {name: words for name, words in found.items() if words} == {}


def test_a_german_build_says_so_to_browsers_and_search(german_build):
    """The pages are lang="de", Material's own words are German, and search stems German words."""
    page = (german_build / "site" / "staff" / "de" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in page
    index = (german_build / "site" / "staff" / "de" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["de"]' in index.replace(" ", "")
    assert "Suche" in visible_text(page) or 'placeholder="Suchen"' in page


def test_the_review_speaks_the_handbook_language():
    """`make review` on the German sample prints German headings and German dates."""
    result = subprocess.run([sys.executable, "-m", "macros", "review", "--today", f"{TODAY:%Y-%m-%d}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Prüfstatus: Notfallhandbuch")
    assert "überfällig seit 02.06.2026" in plain(result.stdout)
