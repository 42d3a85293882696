"""The fast libyaml parser and the pure-Python one read every data file identically, lines included."""

from __future__ import annotations

import pytest
import yaml
from conftest import MINIMAL, SAMPLE

from macros import source

FILES = sorted(SAMPLE.rglob("*.yml")) + sorted(MINIMAL.rglob("*.yml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_parsers_give_the_same_data_and_lines(path, monkeypatch):
    """Data, line numbers and the text as written agree between yaml.CSafeLoader and yaml.SafeLoader."""
    fast = source.read_yaml(path, path.name)
    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    slow = source.read_yaml(path, path.name)
    assert (fast.data, fast.lines, fast.raw_text) == (slow.data, slow.lines, slow.raw_text)


def test_libyaml_is_used_when_available():
    """PyYAML's wheels bundle libyaml; the loader picks it."""
    assert source._Loader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
