"""Editions: one data source, a public, a staff and a crisis-team handbook, with nothing leaking between them.

Markers are planted in every private number and every confidential record and field of a fixture; after
a real build of all editions, every file of the lower editions (HTML, search index, sitemap, PDF text,
exports, the zip's members, the manifest) is searched for them, and the crisis-team edition must hold them.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT, SAMPLE, TODAY, edit
from editions import prepared
from printed_sample import BUILD_EPOCH, require_chromium
from pypdf import PdfReader

from macros.loader import load_handbook
from macros.pages import PAGES

# Markers: private numbers (written with spaces in the data, compared without), and confidential texts.
PRIVATE_NUMBERS = ["+49 171 7654321", "+49 30 5557 0101", "+49 40 5550 1234", "+49 30 5557 0202"]
CONFIDENTIAL_TEXTS = ["LEAKMARK-forensics-name", "LEAKMARK-forensics-note", "LEAKMARK-anna-note",
                      "LEAKMARK-sabotage-title", "LEAKMARK-crisis-meeting", "LEAKMARK-sabotage-keyword",
                      "LEAKMARK-role-keyword"]
STAFF_NAMES = ["Anna Adler", "Bert Braun", "Clara Cruz"]

EDITIONS = """editions:
  - id: public
    audience: public
  - id: staff
    audience: staff
    classification: "INTERNAL"
  - id: crisis-team
    audience: crisis-team
    classification: "CONFIDENTIAL: crisis team only"
"""


def editions_fixture(target: Path) -> Path:
    """The minimal handbook with three editions, a marker in every private and confidential place."""
    shutil.copytree(MINIMAL, target)
    with (target / "organisation.yml").open("a", encoding="utf-8") as organisation:
        organisation.write(EDITIONS)
    edit(target / "contacts.yml", """  email: anna.adler@example.com
""", """    - number: "+49 30 5557 0101"
      kind: private
  email: anna.adler@example.com
  note: LEAKMARK-anna-note
  confidential: [note]
""")
    with (target / "contacts.yml").open("a", encoding="utf-8") as contacts:
        contacts.write("""- id: forensics
  name: LEAKMARK-forensics-name
  kind: it-supplier
  organisation: Forensics GmbH
  phones:
    - number: "+49 40 5550 1234"
      kind: office
  availability:
    kind: 24/7
  verified_on: 2026-10-01
  note: LEAKMARK-forensics-note
  confidential: true
- id: dora-dahl
  name: Dora Dahl
  kind: staff
  organisation: Example Service Ltd
  phones:
    - number: "+49 30 5557 0202"
      kind: private
  availability:
    kind: 24/7
  verified_on: 2026-10-01
""")
    edit(target / "roles.yml", "holders: [bert-braun, anna-adler]", "holders: [bert-braun, anna-adler, dora-dahl]")
    # The communication lead is the last role of the file: its search words are for the crisis team only.
    with (target / "roles.yml").open("a", encoding="utf-8") as roles:
        roles.write("  keywords: [LEAKMARK-role-keyword]\n  confidential: [keywords]\n")
    scenario = (target / "scenarios/outage.yml").read_text(encoding="utf-8")
    (target / "scenarios/sabotage.yml").write_text(
        scenario.replace("id: outage", "id: sabotage").replace("title: Telephony outage",
                                                              "title: LEAKMARK-sabotage-title")
        .replace("phones down", "LEAKMARK-sabotage-keyword") + "confidential: true\n", encoding="utf-8")
    edit(target / "communication.yml", "    name: Daily check-in", "    name: LEAKMARK-crisis-meeting")
    edit(target / "communication.yml", "internal:\n", "confidential: [meetings]\ninternal:\n")
    return target


def test_fixture_plants_what_the_leak_test_looks_for(tmp_path):
    """Every marker is really in the loaded data (so the leak test cannot pass on an empty fixture)."""
    handbook = load_handbook(editions_fixture(tmp_path / "handbook_data"), today=TODAY)
    numbers = {squeezed(phone.number) for contact in handbook.contacts for phone in contact.phones}
    assert {squeezed(number) for number in PRIVATE_NUMBERS} <= numbers
    texts = repr([handbook.contacts, handbook.roles, handbook.scenarios, handbook.communication])
    assert all(marker in texts for marker in CONFIDENTIAL_TEXTS)


def test_staff_copy_has_no_private_number_and_nothing_confidential(tmp_path):
    """Redaction for staff drops private numbers, confidential records and fields; roles keep their holders."""
    handbook, _ = prepared(load_handbook(editions_fixture(tmp_path / "handbook_data"), today=TODAY), "staff")
    assert [p.kind.value for c in handbook.contacts for p in c.phones].count("private") == 0
    assert "forensics" not in {c.id for c in handbook.contacts} and "forensics" in handbook.withheld
    assert "sabotage" not in {s.id for s in handbook.scenarios}
    assert next(c for c in handbook.contacts if c.id == "anna-adler").note is None
    assert handbook.communication.meetings == []
    assert handbook.role("emergency-officer").holders == ["anna-adler", "bert-braun"]


def test_public_copy_holds_only_what_customers_may_see(tmp_path):
    """The public copy has no contact, role, process or agent FAQ, and no emergency number."""
    handbook, _ = prepared(load_handbook(editions_fixture(tmp_path / "handbook_data"), today=TODAY), "public")
    assert (handbook.contacts, handbook.roles, handbook.scenarios, handbook.checklists, handbook.tasks) == \
        ([], [], [], [], [])
    assert handbook.escalation is None and handbook.crisis_group is None
    assert all(entry.audience.value == "customers" for entry in handbook.faq)
    assert handbook.organisation.emergency_number == "" and handbook.organisation.providers == []


def test_crisis_team_copy_is_the_whole_handbook(tmp_path):
    """The crisis team's edition keeps every record, field and number."""
    loaded = load_handbook(editions_fixture(tmp_path / "handbook_data"), today=TODAY)
    handbook, _ = prepared(loaded, "crisis-team")
    assert handbook.contacts == loaded.contacts and handbook.scenarios == loaded.scenarios


def run_build(data: Path, site: Path, dist: Path, *extra: str, env: dict[str, str] | None = None
              ) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(env or {})}
    return subprocess.run([sys.executable, "-m", "macros", "build", "--data", str(data), "--site", str(site),
                           "--dist", str(dist), *extra], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=900)


def _texts_of(path: Path, content: bytes) -> list[str]:
    """The readable text of a built file: PDF text (NFKC), zip members, gzip, or the file as text."""
    name = path.name
    if name.endswith(".pdf"):
        return [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return [text for info in archive.infolist() if not info.is_dir()
                    for text in _texts_of(Path(info.filename), archive.read(info))]
    if name.endswith(".gz"):
        return _texts_of(path.with_suffix(""), gzip.decompress(content))
    return [content.decode("utf-8", "replace")]


def file_texts(folder: Path) -> dict[str, str]:
    """Every file below `folder` as searchable text: entities decoded, spaces of all kinds removed."""
    import html

    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = html.unescape(" ".join(_texts_of(path, path.read_bytes())))
        found[path.relative_to(folder).as_posix()] = re.sub(r"\s+", "", text.replace("\u00a0", " "))
    return found


def squeezed(marker: str) -> str:
    return re.sub(r"\s+", "", marker)


@pytest.fixture(scope="module")
def three_editions(tmp_path_factory) -> Path:
    """The fixture built into site/ and dist/ in all three editions (PDFs included)."""
    require_chromium()
    work = tmp_path_factory.mktemp("editions")
    result = run_build(editions_fixture(work / "handbook_data"), work / "site", work / "dist")
    assert result.returncode == 0, result.stdout + result.stderr
    return work


@pytest.mark.parametrize("edition", ["public", "staff"])
def test_no_private_number_or_confidential_text_in_any_file_of_a_lower_edition(three_editions, edition):
    """HTML, search index, sitemap, PDFs, contacts.vcf/.csv, the zip's members and the manifest: no marker."""
    for folder in (three_editions / "site" / edition, three_editions / "dist" / edition):
        texts = file_texts(folder)
        assert texts, folder
        for marker in PRIVATE_NUMBERS + CONFIDENTIAL_TEXTS:
            leaked = [name for name, text in texts.items() if squeezed(marker) in text]
            assert leaked == [], f"{marker} leaked into {edition}: {leaked}"


def test_every_marker_reaches_the_crisis_team_edition(three_editions):
    """The crisis team's site, PDFs and exports do hold each marker: the leak test searches real content."""
    site = file_texts(three_editions / "site" / "crisis-team")
    dist = file_texts(three_editions / "dist" / "crisis-team")
    for marker in PRIVATE_NUMBERS + CONFIDENTIAL_TEXTS:
        assert any(squeezed(marker) in text for text in site.values()), f"{marker} not in the crisis-team site"
    for marker in PRIVATE_NUMBERS[:2] + ["LEAKMARK-anna-note"]:
        assert squeezed(marker) in dist["en/contacts.csv"] and squeezed(marker) in dist["en/contacts.vcf"], marker
    folder_text = dist["en/emergency-folder.pdf"]
    assert squeezed("LEAKMARK-sabotage-title") in folder_text and squeezed("CONFIDENTIAL: crisis team only") in folder_text


def test_public_edition_has_no_staff_name_and_no_internal_page(three_editions):
    """Customers' edition: its home page and the FAQ only, no name of staff, no internal number."""
    site = three_editions / "site" / "public" / "en"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["404.html", "faq.html", "index.html"]
    texts = file_texts(three_editions / "site" / "public") | file_texts(three_editions / "dist" / "public")
    for secret in STAFF_NAMES + ["+49 30 90182000", "+49 30 90182001"]:
        assert [name for name, text in texts.items() if squeezed(secret) in text] == [], secret
    assert sorted(p.name for p in (three_editions / "dist" / "public").iterdir()) == [
        "handbook-public-1.0-2026-11-23.manifest.json", "handbook-public-1.0-2026-11-23.zip"]


def test_each_edition_is_marked_on_screen_on_paper_and_in_the_copy(three_editions):
    """The classification is on every site page and every printed page; the copy's manifest names the edition."""
    for page in (three_editions / "site" / "staff" / "en").rglob("*.html"):
        if page.name != "404.html":
            assert "INTERNAL" in page.read_text(encoding="utf-8"), page
    for pdf in (three_editions / "dist" / "crisis-team" / "en").rglob("*.pdf"):
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            assert "CONFIDENTIAL: crisis team only" in unicodedata.normalize("NFKC", page.extract_text()), \
                f"{pdf.name} page {number}"
    manifest = (three_editions / "dist" / "staff" / "handbook-staff-1.0-2026-11-23.manifest.json").read_text()
    assert '"edition": "staff"' in manifest and '"classification": "INTERNAL"' in manifest


def pdf_pages(folder: Path) -> dict[str, list[str]]:
    """The text of every page of every PDF below `folder` (NFKC), by file name."""
    return {pdf.relative_to(folder).as_posix(): _texts_of(pdf, pdf.read_bytes()) for pdf in sorted(folder.rglob("*.pdf"))}


def test_staff_and_crisis_team_share_the_prints_of_pages_they_show_alike(tmp_path):
    """Printed one after the other with one print cache, the crisis team's folder reuses the staff's prints of
    the pages both show alike and prints anew those it shows differently; each page still carries its own edition's
    classification, and the staff's PDFs never the crisis team's."""
    require_chromium()
    data = editions_fixture(tmp_path / "handbook_data")
    cache = tmp_path / "cache"

    def build(edition: str) -> set[Path]:
        result = run_build(data, tmp_path / "site", tmp_path / "dist", "--edition", edition,
                           env={"HANDBOOK_CACHE": str(cache)})
        assert result.returncode == 0, result.stdout + result.stderr
        return set((cache / "pages").rglob("*.pdf"))

    staff_prints = build("staff")
    crisis_prints = build("crisis-team") - staff_prints
    staff = pdf_pages(tmp_path / "dist" / "staff" / "en")
    crisis = pdf_pages(tmp_path / "dist" / "crisis-team" / "en")
    # The contacts (private numbers) and the pages naming the confidential scenario differ; the rest is shared.
    assert 0 < len(crisis_prints) < len(staff_prints) / 2, (len(crisis_prints), len(staff_prints))
    for name, pages in staff.items():
        for number, text in enumerate(pages, start=1):
            assert "INTERNAL" in text and "CONFIDENTIAL" not in text, f"staff {name} page {number}"
    for name, pages in crisis.items():
        for number, text in enumerate(pages, start=1):
            assert "CONFIDENTIAL: crisis team only" in text and "INTERNAL" not in text, f"crisis {name} page {number}"
    folder = re.sub(r"\s+", "", " ".join(crisis["emergency-folder.pdf"]))
    for marker in ["LEAKMARK-sabotage-title", PRIVATE_NUMBERS[1]]:
        assert squeezed(marker) in folder, marker
    assert not any(squeezed(marker) in re.sub(r"\s+", "", " ".join(pages))
                   for pages in staff.values() for marker in PRIVATE_NUMBERS + CONFIDENTIAL_TEXTS)


def test_a_page_prints_the_same_in_two_editions_only_when_it_shows_the_same(three_editions):
    """What decides a page's print leaves out the edition's marks (classification, build stamp) and nothing else."""
    from macros.print_outputs import printed_part

    staff, crisis = three_editions / "site" / "staff" / "en", three_editions / "site" / "crisis-team" / "en"
    alike = [page.relative_to(staff) for page in staff.rglob("*.html")
             if printed_part(page.read_text(encoding="utf-8")) ==
             printed_part((crisis / page.relative_to(staff)).read_text(encoding="utf-8"))]
    assert alike, "no page prints alike in both editions"
    for page in alike:
        staff_page = (staff / page).read_text(encoding="utf-8")
        assert staff_page != (crisis / page).read_text(encoding="utf-8"), page
        assert "INTERNAL" in staff_page and "INTERNAL" not in printed_part(staff_page), page
    assert Path("contacts.html") not in alike


def test_a_staff_reader_reaches_withheld_people_through_the_emergency_officer(three_editions):
    """A contact whose only number is private reads 'via Emergency officer' in the staff edition, never a gap;
    the crisis team sees the number itself."""
    def dora_row(edition: str) -> str:
        page = (three_editions / "site" / edition / "en" / "contacts.html").read_text(encoding="utf-8")
        return re.search(r'<span id="contact-dora-dahl"></span>.*?</tr>', page, re.S).group(0)

    assert 'via <a href="#role-emergency-officer">Emergency officer</a>' in dora_row("staff")
    assert 'href="tel:+493055570202"' in dora_row("crisis-team")


def tree_digest(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file below the folders, by path (the folders must exist)."""
    digests = {}
    for folder in folders:
        assert folder.is_dir(), folder
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digests[path.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


@pytest.fixture
def built_once(tmp_path) -> tuple[Path, Path, Path]:
    """The minimal handbook built once: its data folder (a copy to break), site/ and dist/."""
    require_chromium()
    data = tmp_path / "handbook_data"
    shutil.copytree(MINIMAL, data)
    site, dist = tmp_path / "site", tmp_path / "dist"
    result = run_build(data, site, dist)
    assert result.returncode == 0, result.stdout + result.stderr
    return data, site, dist


def test_a_build_that_fails_while_printing_changes_nothing(built_once):
    """An alerting plan too long for one page fails in the PDF step, after the sites were built: nothing changes."""
    data, site, dist = built_once
    before = tree_digest(site, dist)
    step = """    - sender: anna-adler
      recipient: communication-lead
      channel: phone
      within_minutes: 15
      stand_in: emergency-officer
      message: Say what fails, since when, and what you have tried so far; repeat it to the stand-in.
"""
    text = (data / "alerting.yml").read_text(encoding="utf-8")
    (data / "alerting.yml").write_text(text.replace("  steps:\n", "  steps:\n" + step * 150, 1), encoding="utf-8")
    result = run_build(data, site, dist)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "the alerting plan does not fit on one A4 page" in result.stderr
    assert "unchanged" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(site, dist) == before
    assert [p.name for p in site.parent.iterdir() if ".building-" in p.name or p.name.endswith(".old")] == []


def test_a_build_that_fails_inside_mkdocs_changes_nothing(built_once, tmp_path):
    """MkDocs itself refusing the build (a stray page in docs/, which would reach every edition) ends in exit 1
    with its message, and site/ and dist/ stay byte-identical."""
    data, site, dist = built_once
    before = tree_digest(site, dist)
    project = tmp_path / "project"
    project.mkdir()
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    (project / "macros").symlink_to(ROOT / "macros")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "stray.md").write_text("# A page nobody registered\n", encoding="utf-8")
    result = run_build(data, site, dist, "--config", str(project / "mkdocs.yml"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/stray.md" in result.stderr and "Traceback" not in result.stderr
    assert tree_digest(site, dist) == before


def test_a_missing_browser_is_one_line_before_anything_is_built(built_once):
    """Without Chromium the build stops at once with one line saying what to install; nothing changes."""
    data, site, dist = built_once
    before = tree_digest(site, dist)
    result = run_build(data, site, dist, env={"HANDBOOK_CHROMIUM": "/nonexistent/chromium"})
    assert result.returncode == 1
    assert "Chromium not found" in result.stderr and "Traceback" not in result.stderr
    assert "site" not in result.stdout
    assert tree_digest(site, dist) == before


def test_one_edition_is_rebuilt_alone(built_once, tmp_path):
    """`--edition staff` replaces site/staff and dist/staff only, and a site of another edition stays."""
    data, site, dist = built_once
    other = site / "other" / "kept.html"
    other.parent.mkdir()
    other.write_text("kept", encoding="utf-8")
    result = run_build(data, site, dist, "--edition", "staff")
    assert result.returncode == 0, result.stderr
    assert other.read_text(encoding="utf-8") == "kept" and (site / "staff" / "en" / "index.html").is_file()
    unknown = run_build(data, site, dist, "--edition", "press")
    assert unknown.returncode == 2 and "there is no edition 'press' in organisation.yml" in unknown.stderr


def test_the_built_site_is_readable_by_a_web_server(built_once):
    """Folders 755 and files 644, like any static site (staging folders are made private by tempfile)."""
    _, site, dist = built_once
    for folder in (site, site / "staff", dist, dist / "staff"):
        assert folder.stat().st_mode & 0o777 == 0o755, folder


def test_the_registry_is_the_only_place_a_page_path_is_written():
    """No module but macros/pages.py spells a page's path (`contacts.md`, `scenarios/…`)."""
    paths = {page.path for page in PAGES}
    literals = {path for path in paths if "{" not in path} | {path.split("{")[0] for path in paths if "{" in path}
    offenders = []
    for source in sorted((ROOT / "macros").rglob("*.py")):
        if source.name == "pages.py":
            continue
        code = source.read_text(encoding="utf-8")
        offenders += [f"{source.relative_to(ROOT)}: {literal}" for literal in literals
                      if re.search(r"[\"'/]" + re.escape(literal), code)]
    assert offenders == []


def test_sample_editions_differ_as_promised():
    """The sample defines public, staff and crisis-team; the staff copy holds no private number of the sample."""
    handbook = load_handbook(SAMPLE, today=TODAY)
    assert [(e.id, e.audience.value) for e in handbook.organisation.editions] == [
        ("public", "public"), ("staff", "staff"), ("crisis-team", "crisis-team")]
    private = {p.number for c in handbook.contacts for p in c.phones if p.kind.value == "private"}
    assert private
    staff, _ = prepared(handbook, "staff")
    assert not private & {p.number for c in staff.contacts for p in c.phones}
