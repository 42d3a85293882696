"""The data files a preview keeps between its rebuilds (`make serve`): only the file saved is read again."""

from __future__ import annotations

from pathlib import Path

from macros.kept_files import KeptFiles
from macros.loader import load_handbook
from tests.conftest import BUILT_AT, TODAY, edit


def test_a_preview_reads_again_only_the_data_file_saved_and_loads_what_a_fresh_load_does(data_copy: Path):
    kept = KeptFiles()

    def load(read=kept.read):
        return load_handbook(data_copy, today=TODAY, built_at=BUILT_AT, read=read)

    first = load()
    files = kept.reads
    assert files == len(list(data_copy.rglob("*.yml")))
    assert load() == first and kept.reads == files
    edit(data_copy / "faq" / "phone-down.yml", "Our phone line", "Zebra42: our phone line")
    edited = load()
    assert kept.reads == files + 1
    assert "Zebra42" in repr(edited) and edited != first and edited == load(read=KeptFiles().read)
