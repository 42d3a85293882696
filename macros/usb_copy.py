"""The USB copy: the finished site as one zip with a manifest, and the check that a copy is complete.

During an outage the handbook is opened from a USB stick or a file share. `write` packs one edition's
site, every language of it, into `dist/<edition>/handbook-<edition>-<version>-<date>.zip` (one folder
inside) and lists every file with its SHA-256 in a manifest that travels inside the copy and also lies
next to the zip. `verify_copy` compares a copied
folder or zip with that manifest and names every missing, changed and extra file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from .edition import Edition
from .errors import HandbookError, Message, UsageError
from .model import Handbook

MANIFEST_NAME = "handbook-manifest.json"
MANIFEST_FORMAT = "emergency-handbook-copy/2"
# Material writes absolute asset paths into 404.html because a web server shows it at any depth; from
# a USB stick no browser ever shows it, and opened directly it would load no styles: it stays out.
LEFT_OUT_OF_COPY_NAME = "404.html"
# Zip entries are dated by the build, and readable by everyone who unpacks them, so equal builds give equal zips.
ZIP_FILE_MODE = 0o644 << 16
# zlib's fastest level: the sample's three copies take 23 % more room (9.7 MB, not 7.9) and are packed in about
# 0.5 s less at the end of a build, when the languages are done and nothing else runs.
FAST_DEFLATE = 1
_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class CopyDamaged(HandbookError):
    """The copy cannot be read as a whole: a broken zip or an unreadable manifest."""


def copy_name(handbook: Handbook, edition: Edition) -> str:
    """'handbook-staff-2026.3-2026-11-23': edition, version and build day, safe as a file and folder name."""
    version = _UNSAFE_IN_FILE_NAME.sub("-", handbook.organisation.version).strip("-") or "version"
    return f"handbook-{edition.id}-{version}-{edition.built_at:%Y-%m-%d}"


def copy_files(site_dir: Path) -> list[str]:
    """The site's files that go into the copy, as sorted POSIX paths relative to the edition's site folder."""
    paths = (path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file())
    return sorted(path for path in paths if PurePosixPath(path).name != LEFT_OUT_OF_COPY_NAME and path != MANIFEST_NAME)


def build_manifest(handbook: Handbook, edition: Edition, site_dir: Path) -> dict[str, Any]:
    """What the copy must contain: edition, languages, build time, data fingerprint, each file's SHA-256 and size."""
    organisation = handbook.organisation
    return {
        "format": MANIFEST_FORMAT,
        "title": str(organisation.handbook_title),
        "edition": edition.id,
        "audience": edition.audience.value,
        "edition_title": edition.title_suffix,
        "classification": edition.classification,
        "languages": list(edition.languages),
        "version": str(organisation.version),
        "built_at": edition.built_at.isoformat(),
        "data_fingerprint": handbook.fingerprint,
        "copy_max_age_days": organisation.review_policy.copy_max_age_days,
        "left_out": [f"{language}/{LEFT_OUT_OF_COPY_NAME}" for language in edition.languages],
        "files": {path: _file_entry((site_dir / path).read_bytes()) for path in copy_files(site_dir)},
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as UTF-8 JSON, indented for people, with a final newline."""
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    # pragma: codec names are case-blind ("UTF-8" is the same codec).
    return text.encode("utf-8")  # pragma: no mutate


def write(handbook: Handbook, edition: Edition, site_dir: Path, dist_dir: Path) -> Path:
    """Write <dist_dir>/<copy>.zip (the edition's site, every language, plus manifest, in one folder) and
    <dist_dir>/<copy>.manifest.json; return the zip's path. `site_dir` is the edition's folder in site/."""
    name = copy_name(handbook, edition)
    manifest = build_manifest(handbook, edition, site_dir)
    dist_dir.mkdir(parents=True, exist_ok=True)
    archive = dist_dir / f"{name}.zip"
    stamp = _zip_date_time(edition.built_at)
    # Each entry is deflated by _add_entry.
    with zipfile.ZipFile(archive, "w") as copy:
        for path in manifest["files"]:
            _add_entry(copy, f"{name}/{path}", (site_dir / path).read_bytes(), stamp)
        _add_entry(copy, f"{name}/{MANIFEST_NAME}", manifest_bytes(manifest), stamp)
    (dist_dir / f"{name}.manifest.json").write_bytes(manifest_bytes(manifest))
    return archive


def _file_entry(content: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}


# Year, month, day, hour, minute, second: what zipfile stores.
ZipStamp = tuple[int, int, int, int, int, int]


def _zip_date_time(built_at: dt.datetime) -> ZipStamp:
    # Zip stores local wall-clock time from 1980 on, to two seconds.
    local = max(built_at.replace(tzinfo=None), dt.datetime(1980, 1, 1))
    return (local.year, local.month, local.day, local.hour, local.minute, local.second - local.second % 2)


def _add_entry(copy: zipfile.ZipFile, name: str, content: bytes, stamp: ZipStamp) -> None:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.external_attr = ZIP_FILE_MODE
    entry.compress_type = zipfile.ZIP_DEFLATED
    copy.writestr(entry, content, compresslevel=FAST_DEFLATE)


# --- Checking a copy -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CopyCheck:
    """The result of comparing a copy with its manifest: which files are missing, changed or extra."""

    where: str
    manifest: dict[str, Any]
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.missing or self.changed or self.extra)

    def differences(self) -> Iterator[Message]:
        """One line per difference, 'missing: path', 'changed: path', 'extra: path', sorted by kind."""
        for kind, paths in (("missing", self.missing), ("changed", self.changed), ("extra", self.extra)):
            yield from (Message.of(f"verify.{kind}", path=path) for path in paths)


def verify_copy(path: Path, manifest_path: Path | None = None) -> CopyCheck:
    """Compare a copied folder or zip with its manifest (its own, or `manifest_path` when given).

    Raises UsageError when `path` is neither a folder nor a zip or holds no manifest, and CopyDamaged
    when the zip or a manifest cannot be read.
    """
    if not path.exists():
        raise UsageError(Message.of("verify.no_such_path", path=path))
    copy: _FolderCopy | _ZipCopy
    if path.is_dir():
        copy = _FolderCopy(path)
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        # A .zip that does not open is a damaged copy, not a wrong argument.
        copy = _ZipCopy(path)
    else:
        raise UsageError(Message.of("verify.not_a_copy", path=path))
    own_manifest = copy.read(MANIFEST_NAME)
    if manifest_path is not None:
        if not manifest_path.is_file():
            raise UsageError(Message.of("verify.no_manifest_file", path=manifest_path))
        reference = manifest_path.read_bytes()
    elif own_manifest is None:
        raise UsageError(Message.of("verify.no_manifest", path=path, name=MANIFEST_NAME))
    else:
        reference = own_manifest
    manifest = parse_manifest(reference, str(manifest_path or f"{copy.where}/{MANIFEST_NAME}"))
    expected: dict[str, dict[str, Any]] = manifest["files"]
    present = copy.files()
    missing = [name for name in expected if name not in present]
    changed = [name for name in expected if name in present and copy.digest(name) != expected[name]["sha256"]]
    extra = [name for name in present if name not in expected and name != MANIFEST_NAME]
    # With a manifest from elsewhere, the copy's own manifest must be that same manifest.
    if manifest_path is not None:
        if own_manifest is None:
            missing.append(MANIFEST_NAME)
        elif own_manifest != reference:
            changed.append(MANIFEST_NAME)
    return CopyCheck(copy.where, manifest, sorted(missing), sorted(changed), sorted(extra))


def parse_manifest(content: bytes, where: str) -> dict[str, Any]:
    """The manifest's content, checked for shape; CopyDamaged names what is wrong with it."""
    try:
        # pragma: codec names are case-blind ("UTF-8" is the same codec).
        manifest = json.loads(content.decode("utf-8"))  # pragma: no mutate
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CopyDamaged(Message.of("verify.bad_json", where=where, error=str(error))) from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise CopyDamaged(Message.of("verify.not_a_manifest", where=where, format=MANIFEST_FORMAT))
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(_is_file_entry(name, entry) for name, entry in files.items()):
        raise CopyDamaged(Message.of("verify.bad_files", where=where))
    return manifest


def _is_file_entry(name: str, entry: Any) -> bool:
    # A path that climbs out of the copy (or is absolute) would make the check read other files.
    # (JSON object keys are always texts.)
    parts = PurePosixPath(name).parts
    return (bool(parts) and ".." not in parts and not name.startswith("/") and isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str))


class _FolderCopy:
    """A copied folder; given the folder above it (a USB stick's root), the single handbook folder in it."""

    def __init__(self, path: Path):
        inner = [child for child in path.iterdir() if (child / MANIFEST_NAME).is_file()]
        self.root = inner[0] if not (path / MANIFEST_NAME).is_file() and len(inner) == 1 else path
        self.where = str(self.root)

    def files(self) -> set[str]:
        return {p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()}

    def read(self, name: str) -> bytes | None:
        target = self.root / name
        return target.read_bytes() if target.is_file() else None

    def digest(self, name: str) -> str:
        with open(self.root / name, "rb") as content:
            # pragma: hash names are case-blind ("SHA256" is the same hash).
            return hashlib.file_digest(content, "sha256").hexdigest()  # pragma: no mutate


class _ZipCopy:
    """A zip as written by `write`: one folder holding the site and the manifest."""

    def __init__(self, path: Path):
        try:
            with zipfile.ZipFile(path) as archive:
                self.entries = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise CopyDamaged(Message.of("verify.bad_zip", path=path, error=str(error))) from None
        manifests = sorted((name for name in self.entries if PurePosixPath(name).name == MANIFEST_NAME),
                           key=lambda name: name.count("/"))
        self.prefix = manifests[0][: -len(MANIFEST_NAME)] if manifests else self._single_folder()
        self.where = f"{path}:{self.prefix.rstrip('/')}" if self.prefix else str(path)

    def _single_folder(self) -> str:
        tops = {name.partition("/")[0] for name in self.entries}
        return f"{tops.pop()}/" if len(tops) == 1 and all("/" in name for name in self.entries) else ""

    def files(self) -> set[str]:
        # Entries beside the handbook folder are extra too; "../" keeps them apart from the manifest's names.
        return {name[len(self.prefix):] if name.startswith(self.prefix) else f"../{name}" for name in self.entries}

    def read(self, name: str) -> bytes | None:
        return self.entries.get(self.prefix + name)

    def digest(self, name: str) -> str:
        return hashlib.sha256(self.entries[self.prefix + name]).hexdigest()
