"""The data files a preview keeps between its rebuilds (`make serve`): only the file saved is read again."""

from __future__ import annotations

from pathlib import Path

from macros.kept_files import KeptFiles
from macros.loader import load_handbook
from tests.conftest import BUILT_AT, TODAY, edit


def test_a_preview_reads_again_only_the_data_file_saved_and_loads_what_a_fresh_load_does(data_copy: Path):
    kept = KeptFiles()

    def load(keeping=kept):
        return load_handbook(data_copy, today=TODAY, built_at=BUILT_AT, kept=keeping)

    first = load()
    files, records = kept.reads, kept.validations
    assert files == len(list(data_copy.rglob("*.yml"))) and records > files
    again = load()
    assert again == first and (kept.reads, kept.validations) == (files, records)
    assert again.contacts[0] is first.contacts[0]
    edit(data_copy / "faq" / "phone-down.yml", "Our phone line", "Zebra42: our phone line")
    edited = load()
    assert (kept.reads, kept.validations) == (files + 1, records + 1)
    assert "Zebra42" in repr(edited) and edited != first and edited == load(KeptFiles())
    assert edited.faq[0] is not first.faq[0] and edited.contacts[0] is first.contacts[0]


def test_a_record_is_validated_again_when_the_handbook_languages_change(data_copy: Path):
    """What a text field accepts depends on the languages organisation.yml names: a change there validates all."""
    kept = KeptFiles()
    load_handbook(data_copy, today=TODAY, built_at=BUILT_AT, kept=kept)
    records = kept.validations
    organisation = (data_copy / "organisation.yml").read_text(encoding="utf-8")
    assert "languages:" not in organisation
    (data_copy / "organisation.yml").write_text(organisation + "languages:\n  - sv\n", encoding="utf-8")
    load_handbook(data_copy, today=TODAY, built_at=BUILT_AT, kept=kept)
    assert kept.validations == 2 * records
