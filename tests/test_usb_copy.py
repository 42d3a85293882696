"""The USB copy: a deterministic zip with a manifest, and `verify` naming every missing, changed and extra file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import MINIMAL, ROOT, SAMPLE, SOURCE_DATE_EPOCH, TODAY
from editions import edition_of, prepared

from macros import usb_copy
from macros.cli import main
from macros.errors import UsageError
from macros.loader import load_handbook
from macros.render.home import render_home
from macros.usb_copy import MANIFEST_NAME, CopyDamaged, verify_copy

BUILT_AT = dt.datetime(2026, 11, 23, 9, 30, 7, tzinfo=dt.timezone.utc)
COPY = "handbook-staff-1.0-2026-11-23"
# One edition's folder in site/: the language chooser, and each language's site (404.html stays out).
SITE_FILES = {
    "index.html": b'<a href="en/index.html">English</a>',
    "en/index.html": b"<h1>In an emergency</h1>",
    "en/404.html": b'<link href="/assets/style.css">',
    "en/assets/style.css": b"body { color: black; }",
    "en/scenarios/power-outage.html": b"<h1>Power outage</h1>",
    "en/search/search_index.js": b"var index = {};",
}
LEFT_OUT = "en/404.html"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(MINIMAL, today=TODAY, built_at=BUILT_AT)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small finished edition folder, as the build leaves it (404.html included)."""
    root = tmp_path / "site" / "staff"
    for name, content in SITE_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root


@pytest.fixture
def dist(handbook, site: Path, tmp_path: Path) -> Path:
    """dist/ after the USB-copy writer ran on the small site."""
    folder = tmp_path / "dist"
    folder.mkdir()
    usb_copy.write(handbook, edition_of(handbook), site, folder)
    return folder


@pytest.fixture
def unpacked(dist: Path, tmp_path: Path) -> Path:
    """The copy as a person finds it on the stick: the zip unpacked, one handbook folder."""
    stick = tmp_path / "stick"
    with zipfile.ZipFile(dist / f"{COPY}.zip") as archive:
        archive.extractall(stick)
    return stick / COPY


def run_verify(*arguments: str, capsys) -> tuple[int, str, str]:
    code = main(["verify", *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_copy_name_is_edition_version_and_build_day(handbook):
    """The zip is named after the edition, the version and the day it was built, in the organisation's time zone."""
    assert usb_copy.copy_name(handbook, edition_of(handbook)) == COPY
    late = load_handbook(MINIMAL, today=TODAY, built_at=dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.timezone.utc))
    assert usb_copy.copy_name(late, edition_of(late)) == "handbook-staff-1.0-2026-11-24"


def test_zip_holds_the_site_in_one_folder_with_its_manifest_and_without_404(dist):
    """Every site file except 404.html sits in one folder of the zip, next to the manifest."""
    assert sorted(p.name for p in dist.iterdir()) == [f"{COPY}.manifest.json", f"{COPY}.zip"]
    with zipfile.ZipFile(dist / f"{COPY}.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names[:-1]) + [f"{COPY}/{MANIFEST_NAME}"]
        assert sorted(names) == sorted([f"{COPY}/{name}" for name in SITE_FILES if name != LEFT_OUT]
                                       + [f"{COPY}/{MANIFEST_NAME}"])
        assert archive.read(f"{COPY}/en/index.html") == SITE_FILES["en/index.html"]
        assert archive.read(f"{COPY}/{MANIFEST_NAME}") == (dist / f"{COPY}.manifest.json").read_bytes()
        # Dated by the build (local time in Berlin), readable by everyone who unpacks it.
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 23, 10, 30, 6)}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o644}


def test_manifest_has_edition_build_time_fingerprint_and_every_hash(dist, handbook):
    """The manifest records edition, languages, version, build time, the data fingerprint and each file's hash."""
    manifest = json.loads((dist / f"{COPY}.manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "emergency-handbook-copy/2"
    assert (manifest["edition"], manifest["audience"], manifest["languages"]) == ("staff", "staff", ["en"])
    assert manifest["version"] == "1.0"
    assert manifest["title"] == "Example emergency handbook"
    assert manifest["built_at"] == "2026-11-23T10:30:07+01:00"
    assert manifest["data_fingerprint"] == handbook.fingerprint and re.fullmatch("[0-9a-f]{64}", handbook.fingerprint)
    assert manifest["copy_max_age_days"] == 30
    assert manifest["left_out"] == [LEFT_OUT]
    assert manifest["files"] == {
        name: {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        for name, content in sorted(SITE_FILES.items()) if name != LEFT_OUT
    }


def test_same_site_gives_byte_identical_zip(handbook, site, dist, tmp_path):
    """Writing the copy again from the same site and build time gives the same bytes."""
    again = tmp_path / "again"
    again.mkdir()
    usb_copy.write(handbook, edition_of(handbook), site, again)
    assert (again / f"{COPY}.zip").read_bytes() == (dist / f"{COPY}.zip").read_bytes()


def test_unchanged_copy_exits_0(unpacked, dist, capsys):
    """An unpacked copy, the zip itself and the stick's root folder all verify as identical, exit 0."""
    for target in (unpacked, dist / f"{COPY}.zip", unpacked.parent):
        code, out, err = run_verify(str(target), capsys=capsys)
        assert code == 0, out + err
        assert "staff edition, version 1.0, built 2026-11-23T10:30:07+01:00, 5 files in the manifest." in out
        assert "The copy is complete and unchanged." in out


def test_missing_changed_and_extra_files_are_listed_and_exit_1(unpacked, capsys):
    """Each difference gets its own line, grouped as missing, changed, extra; the exit code is 1."""
    (unpacked / "en/scenarios/power-outage.html").unlink()
    (unpacked / "en/assets/style.css").write_bytes(b"body { color: red; }")
    (unpacked / "en/index.html").write_bytes(SITE_FILES["en/index.html"] + b" ")
    (unpacked / "notes.txt").write_text("my notes", encoding="utf-8")
    code, out, err = run_verify(str(unpacked), capsys=capsys)
    assert code == 1
    assert out.splitlines()[1:] == [
        "missing: en/scenarios/power-outage.html",
        "changed: en/assets/style.css",
        "changed: en/index.html",
        "extra: notes.txt",
    ]
    assert "4 differences: this copy is incomplete or was changed" in err


def test_changed_entry_inside_the_zip_is_found(dist, tmp_path, capsys):
    """A zip whose page was altered (and one with a file beside the folder) does not verify."""
    altered = tmp_path / "altered.zip"
    with zipfile.ZipFile(dist / f"{COPY}.zip") as source, zipfile.ZipFile(altered, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, b"<h1>Edited</h1>" if info.filename.endswith("/en/index.html") else content)
        target.writestr("autorun.inf", b"[autorun]")
    code, out, _ = run_verify(str(altered), capsys=capsys)
    assert code == 1
    assert out.splitlines()[1:] == ["changed: en/index.html", "extra: ../autorun.inf"]


def test_zip_that_lost_its_manifest_is_read_from_its_one_folder(dist, tmp_path, capsys):
    """Without its own manifest, a zip holding one folder is checked from inside that folder: only the
    manifest is missing, every page matches; a second folder makes the zip a set of loose files."""
    stripped, loose = tmp_path / "stripped.zip", tmp_path / "loose.zip"
    with zipfile.ZipFile(dist / f"{COPY}.zip") as source:
        entries = [(info, source.read(info)) for info in source.infolist() if not info.filename.endswith(MANIFEST_NAME)]
    for target, extra in ((stripped, False), (loose, True)):
        with zipfile.ZipFile(target, "w") as archive:
            for info, content in entries:
                archive.writestr(info, content)
            if extra:
                archive.writestr("other/readme.txt", b"hello")
    manifest = str(dist / f"{COPY}.manifest.json")
    code, out, _ = run_verify(str(stripped), "--manifest", manifest, capsys=capsys)
    assert (code, out.splitlines()[1:]) == (1, ["missing: handbook-manifest.json"])
    code, out, _ = run_verify(str(loose), "--manifest", manifest, capsys=capsys)
    assert code == 1 and f"extra: {COPY}/en/index.html" in out.splitlines()


def test_a_zip_is_named_with_its_folder_and_a_nested_manifest_does_not_count(dist, tmp_path):
    """The check names the zip and the folder inside it; of two manifests the outermost is the copy's own,
    the nested one is an extra file."""
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(dist / f"{COPY}.zip") as source, zipfile.ZipFile(nested, "w") as target:
        # The nested manifest first in the zip: order in the archive must not decide which one counts.
        target.writestr(f"{COPY}/archive/{MANIFEST_NAME}", b"{}")
        for info in source.infolist():
            target.writestr(info, source.read(info))
    check = usb_copy.verify_copy(nested)
    assert check.where == f"{nested}:{COPY}"
    assert (check.missing, check.changed, check.extra) == ([], [], [f"archive/{MANIFEST_NAME}"])


def test_a_zip_without_a_folder_is_named_by_itself(unpacked, tmp_path):
    """A zip holding the copy's files at its top level (no folder) is named by the zip alone."""
    flat = tmp_path / "flat.zip"
    with zipfile.ZipFile(flat, "w") as archive:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(unpacked).as_posix())
    check = verify_copy(flat)
    assert (check.where, check.missing, check.changed, check.extra) == (str(flat), [], [], [])


def test_a_file_that_is_no_zip_names_itself_and_why(tmp_path):
    """A .zip that does not open is a damaged copy, named with zipfile's own reason."""
    broken = tmp_path / "copy.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(usb_copy.CopyDamaged) as raised:
        usb_copy.verify_copy(broken)
    assert str(raised.value) == f"{broken}: the zip cannot be read (File is not a zip file)"


def test_external_manifest_catches_a_copy_whose_own_manifest_was_rewritten(unpacked, dist, handbook, capsys):
    """Against the manifest from dist/, a page changed together with the copy's own manifest is still found."""
    (unpacked / "en/index.html").write_bytes(b"<h1>Call 0800 FAKE</h1>")
    forged = usb_copy.build_manifest(handbook, edition_of(handbook), unpacked)
    (unpacked / MANIFEST_NAME).write_bytes(usb_copy.manifest_bytes(forged))
    assert run_verify(str(unpacked), capsys=capsys)[0] == 0  # the forged manifest agrees with itself
    code, out, _ = run_verify(str(unpacked), "--manifest", str(dist / f"{COPY}.manifest.json"), capsys=capsys)
    assert code == 1
    assert out.splitlines()[1:] == ["changed: en/index.html", "changed: handbook-manifest.json"]
    (unpacked / MANIFEST_NAME).unlink()
    code, out, _ = run_verify(str(unpacked), "--manifest", str(dist / f"{COPY}.manifest.json"), capsys=capsys)
    assert out.splitlines()[1:] == ["missing: handbook-manifest.json", "changed: en/index.html"]


def test_usage_mistakes_exit_2(tmp_path, site, capsys, monkeypatch):
    """No such path, a folder without a manifest, a file that is no zip, no path at all: exit 2, one line."""
    # Away from the German sample in handbook_data/, whose language verify would speak before it reads a manifest.
    monkeypatch.chdir(tmp_path)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello", encoding="utf-8")
    for arguments, message in [
        ([str(tmp_path / "nowhere")], "no such folder or zip"),
        ([str(site)], f"no {MANIFEST_NAME} in this copy"),
        ([str(text_file)], "neither a folder nor a zip file"),
        ([str(site), "--manifest", str(tmp_path / "none.json")], "no such manifest file"),
    ]:
        code, out, err = run_verify(*arguments, capsys=capsys)
        assert (code, out) == (2, ""), err
        assert err.startswith("error: ") and message in err and len(err.splitlines()) == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["verify"])
    assert exit_info.value.code == 2


def test_damaged_zip_or_manifest_exits_1_without_traceback(dist, unpacked, tmp_path, capsys, monkeypatch):
    """A truncated zip or an unreadable manifest means the copy is damaged: exit 1 and a plain message."""
    monkeypatch.chdir(tmp_path)
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes((dist / f"{COPY}.zip").read_bytes()[:-200])
    (unpacked / MANIFEST_NAME).write_text('{"format": "emergency-handbook-copy/2", "files": {', encoding="utf-8")
    for target, message in [(truncated, "the zip cannot be read"), (unpacked, "the manifest is not readable JSON")]:
        code, _, err = run_verify(str(target), capsys=capsys)
        assert code == 1 and message in err and "Traceback" not in err


@pytest.mark.parametrize("files", [
    {"../outside.txt": {"sha256": "0" * 64, "size": 1}},
    {"/etc/passwd": {"sha256": "0" * 64, "size": 1}},
    {"index.html": "0" * 64},
])
def test_manifest_with_paths_outside_the_copy_or_bad_entries_is_refused(unpacked, files):
    """A manifest naming files outside the copy, or without hashes, is refused before any file is read."""
    manifest = {"format": "emergency-handbook-copy/2", "files": files}
    (unpacked / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(CopyDamaged, match="must map relative paths to their sha256"):
        verify_copy(unpacked)


def test_verify_speaks_the_handbooks_language_then_the_copys(tmp_path, unpacked, capsys, monkeypatch):
    """Before a manifest is read, verify speaks the language of handbook_data/ (the German sample here);
    once it is read, the copy's own primary language (English for the fixture's copy)."""
    monkeypatch.chdir(ROOT)
    code, _, err = run_verify(str(tmp_path / "nowhere"), capsys=capsys)
    assert (code, err) == (2, f"Fehler: {tmp_path / 'nowhere'}: Diesen Ordner oder dieses Zip gibt es nicht\n")
    (unpacked / "en" / "index.html").write_bytes(b"changed")
    code, out, err = run_verify(str(unpacked), capsys=capsys)
    assert code == 1 and out.splitlines()[1:] == ["changed: en/index.html"]
    assert err.startswith("1 difference: this copy is incomplete or was changed")


@pytest.mark.parametrize("version, expected", [
    ("2026.3 (Entwurf)/B", "handbook-staff-2026.3-Entwurf-B-2026-11-23"),
    ("-1.0-", "handbook-staff-1.0-2026-11-23"),
    ("-X1.0X-", "handbook-staff-X1.0X-2026-11-23"),
    ("§ ½ ∞", "handbook-staff-version-2026-11-23"),
])
def test_copy_name_makes_any_version_safe_for_a_file_name(handbook, version, expected):
    """Characters a file system may refuse become one hyphen, hyphens at the ends go, nothing left is 'version'."""
    renamed = dataclasses.replace(handbook, organisation=handbook.organisation.model_copy(update={"version": version}))
    assert usb_copy.copy_name(renamed, edition_of(renamed)) == expected


def test_usage_mistakes_name_the_path_given(tmp_path, site):
    """Each usage mistake names the path that was given, as the reader typed it."""
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello", encoding="utf-8")
    for arguments, message in [
        ((text_file,), f"{text_file}: neither a folder nor a zip file (give the copied folder or the handbook-….zip)"),
        ((site, tmp_path / "none.json"), f"{tmp_path / 'none.json'}: no such manifest file"),
        ((site,), f"{site}: no {MANIFEST_NAME} in this copy; point at the copied handbook folder or pass the manifest "
                  "from dist/ with --manifest"),
    ]:
        with pytest.raises(UsageError) as raised:
            verify_copy(*arguments)
        assert str(raised.value) == message


def test_a_damaged_manifest_is_named_where_it_was_read(unpacked, tmp_path):
    """The copy's own manifest is named inside the copy; one passed with --manifest by its own path."""
    (unpacked / MANIFEST_NAME).write_text("{", encoding="utf-8")
    with pytest.raises(CopyDamaged) as raised:
        verify_copy(unpacked)
    assert str(raised.value).startswith(f"{unpacked}/{MANIFEST_NAME}: the manifest is not readable JSON")
    reference = tmp_path / "reference.json"
    reference.write_text("[]", encoding="utf-8")
    with pytest.raises(CopyDamaged) as raised:
        verify_copy(unpacked, reference)
    assert str(raised.value).startswith(f"{reference}: not a handbook manifest")


def test_a_folder_copy_is_named_by_its_folder(unpacked):
    """The check of an unpacked copy names the folder it read."""
    assert verify_copy(unpacked).where == str(unpacked)


def test_manifest_is_indented_utf8_json_naming_the_edition_and_its_marking(site, tmp_path):
    """People read the manifest: two-space indent, umlauts and dashes as written, the edition's title and marking
    under their own names; dist/ is created with its parents."""
    sample = load_handbook(SAMPLE, today=TODAY, built_at=BUILT_AT)
    dist = tmp_path / "out" / "dist"
    usb_copy.write(sample, edition_of(sample, "staff", "de"), site, dist)
    manifest = next(dist.glob("*.manifest.json")).read_bytes().decode("utf-8")
    assert manifest.splitlines()[4:7] == [
        '  "audience": "staff",', '  "edition_title": "Mitarbeitende",',
        '  "classification": "INTERN – nur für Mitarbeitende von Lindenblatt Mobile und seinen Dienstleistern",']
    assert manifest.endswith("}\n")


@pytest.mark.parametrize("second, stored", [(5, 4), (8, 8), (59, 58)])
def test_zip_entries_carry_the_build_time_to_two_seconds_below(handbook, site, tmp_path, second, stored):
    """Zip stores even seconds only: a build at 09:30:05 is stored as 09:30:04, never rounded up."""
    built = dataclasses.replace(handbook, built_at=dt.datetime(2026, 11, 23, 9, 30, second, tzinfo=dt.timezone.utc))
    archive = usb_copy.write(built, edition_of(built), site, tmp_path / "dist")
    with zipfile.ZipFile(archive) as copy:
        assert {info.date_time for info in copy.infolist()} == {(2026, 11, 23, 9, 30, stored)}


def test_a_build_dated_before_1980_is_dated_1980_in_the_zip(handbook, site, tmp_path):
    """Zip cannot store dates before 1980: every entry of a copy built earlier is dated 1 Jan 1980, 00:00."""
    early = dataclasses.replace(handbook, built_at=dt.datetime(1975, 6, 1, 12, 0, tzinfo=dt.timezone.utc))
    archive = usb_copy.write(early, edition_of(early), site, tmp_path / "dist")
    with zipfile.ZipFile(archive) as copy:
        assert {info.date_time for info in copy.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("content, message", [
    (b'{"format": ', "the manifest is not readable JSON (Expecting value: line 1 column 12 (char 11))"),
    (b"\xff", "the manifest is not readable JSON ('utf-8' codec can't decode byte 0xff in position 0: invalid start byte)"),
    (b"[]", 'not a handbook manifest (expected "format": "emergency-handbook-copy/2")'),
    (b'{"format": "emergency-handbook-copy/1"}', 'not a handbook manifest (expected "format": "emergency-handbook-copy/2")'),
    (b'{"format": "emergency-handbook-copy/2", "files": []}',
     "the manifest's \"files\" must map relative paths to their sha256 and size"),
])
def test_a_broken_manifest_is_named_with_what_is_wrong(content, message):
    """Each way a manifest can be broken gives its own line, naming where the manifest is."""
    with pytest.raises(usb_copy.CopyDamaged) as raised:
        usb_copy.parse_manifest(content, "stick/handbook-manifest.json")
    assert str(raised.value) == f"stick/handbook-manifest.json: {message}"


def test_verify_copy_reports_usage_errors_as_usage_error(tmp_path):
    """The library function raises UsageError (exit 2 in the CLI) for a path that does not exist."""
    with pytest.raises(UsageError):
        verify_copy(tmp_path / "missing")


def test_home_page_carries_the_hidden_out_of_date_notice(handbook):
    """The home page has the notice from the catalogue, hidden, kept out of search, with the policy's days."""
    markdown = render_home(*prepared(handbook))
    stamp = re.search(r'<p class="build-stamp" data-built-at="([^"]+)" data-max-age-days="(\d+)">', markdown)
    assert stamp and stamp.groups() == ("2026-11-23T10:30:07+01:00", "30")
    notice = re.search(r'<div class="admonition warning copy-age-notice" id="copy-age-notice" role="alert" '
                       r'hidden data-search-exclude>(.*?)</div>', markdown)
    assert notice, markdown
    assert "This copy may be out of date" in notice.group(1)
    assert "It was built more than 30 days ago. Check for a newer one" in notice.group(1)


def test_build_writes_a_copy_that_matches_the_site_and_verifies(tmp_path):
    """`build` writes dist/<copy>.zip whose pages carry the manifest's build time, and the copy verifies."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    site, dist = tmp_path / "site", tmp_path / "dist"
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--data", str(MINIMAL), "--site", str(site),
                             "--dist", str(dist)], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    archive = dist / "staff" / f"{COPY}.zip"
    manifest = json.loads((dist / "staff" / f"{COPY}.manifest.json").read_text(encoding="utf-8"))
    assert manifest["built_at"] == "2026-11-23T10:30:00+01:00"
    assert f'data-built-at="{manifest["built_at"]}"' in (site / "staff/en/index.html").read_text(encoding="utf-8")
    html_pages = {name for name in manifest["files"] if name.endswith(".html")}
    assert {"index.html", "en/index.html", "en/contacts.html", "en/faq.html", "en/scenarios/outage.html"} <= html_pages
    assert "en/404.html" not in html_pages and (site / "staff/en/404.html").is_file()
    assert "en/assets/javascripts/copy-age.js" in manifest["files"]
    verified = subprocess.run([sys.executable, "-m", "macros", "verify", str(archive)], cwd=ROOT, env=environment,
                              capture_output=True, text=True, timeout=300)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    shutil.rmtree(site)  # the copy stands on its own: it does not need site/
    assert verify_copy(archive).identical
