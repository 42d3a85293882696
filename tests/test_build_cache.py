"""The theme's compiled templates kept in the build cache: a build that reads them writes the very same site."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.site_build import build_site
from tests.conftest import MINIMAL, ROOT, SOURCE_DATE_EPOCH, load_on_test_day
from tests.editions import prepared


def _site(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_compiled_templates_are_kept_and_change_nothing_even_when_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    # Material sets it when MkDocs starts; set here, it goes back with the test.
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    handbook, edition = prepared(load_on_test_day(MINIMAL), "staff")

    build_site(handbook, edition, tmp_path / "first", ROOT / "mkdocs.yml")
    kept = sorted((tmp_path / "cache" / "templates").rglob("*"))
    compiled = [path for path in kept if path.is_file()]
    assert len(compiled) > 20

    build_site(handbook, edition, tmp_path / "second", ROOT / "mkdocs.yml")
    assert _site(tmp_path / "second") == _site(tmp_path / "first")

    # A damaged entry is compiled again, never used.
    for path in compiled:
        path.write_bytes(b"not a compiled template")
    build_site(handbook, edition, tmp_path / "third", ROOT / "mkdocs.yml")
    assert _site(tmp_path / "third") == _site(tmp_path / "first")
    assert all(path.read_bytes() != b"not a compiled template" for path in compiled)
