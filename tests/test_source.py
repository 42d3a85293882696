"""The fast libyaml parser and the pure-Python one read every data file identically, lines included."""

from __future__ import annotations

import pytest
import yaml
from conftest import MINIMAL, SAMPLE

from macros import source
from macros.errors import DataError

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


@pytest.mark.parametrize("path", FILES[:8] + [p for p in FILES if p.name == "contacts.yml"],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lines_noted_while_reading_are_the_lines_of_the_walk(path):
    """The line of every location as noted while constructing the data is the one the full walk finds."""
    read = source.read_yaml(path, path.name)
    walked = source.SourceFile(read.path, read.data, text=read.text, parser=read.parser)
    assert read.spots and not walked.spots
    for location, line in walked.lines.items():
        assert read.line_of(location) == line, location
    assert read.line_of(("no such key",)) == walked.line_of(("no such key",))


# Plain YAML the quick reading builds itself, with the values YAML 1.1 and the handbook's loader give special meaning.
PLAIN_SNIPPETS = [
    "a: 18:00\nb: 2026-01-01\nc: 2026-02-30\nd: yes\ne: ~\nf: 1.5\ng: 0x1F\nh: '18:00'\ni: -.inf\nj: 2026-01-01 08:00\n",
    "1: a\ntrue: b\nnull: c\n2026-01-01: d\n18:00: e\n'': f\n",
    "a: [1, {b: c}, []]\nd: {}\ne:\n",
    "a: |\n  x\n  y\n\nb: >-\n  z\n  w\nc: \"q\\tr\"\n",
    "# a comment\n- a\n- - b\n  - c\n- d: e\n  f: g\n-\n",
    "--- just text\n...\n",
    "---\n",
    "\n\n\nid: x\nlist:\n- 1\n-   two\n", "a:\tb\n",
]
# What the quick reading leaves to the full one, which names each problem as it always has.
LEFT_TO_FULL_READING = [
    "", "# only a comment\n", "a: 1\na: 2\n", "<<: {a: 1}\nb: 2\n", "=: x\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
    "? [a]\n: b\n", "a: 1\n---\nb: 2\n", "a: [\n", "a: 'open\nb: 2\n",
    "a: " + "[" * (source.MAX_DEPTH + 1) + "]" * (source.MAX_DEPTH + 1) + "\n",
    "a: " + "x" * (source.MAX_TEXT_CHARS + 1) + "\n",
]


def _lines_tree(data, spots):
    """The lines kept beside each mapping and list of `data`, nested like the data itself."""
    if isinstance(data, dict):
        return spots[id(data)], {key: _lines_tree(value, spots) for key, value in data.items()}
    if isinstance(data, list):
        return spots[id(data)], [_lines_tree(value, spots) for value in data]
    return None


@pytest.mark.parametrize("parser", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)],
                         ids=lambda p: p.__name__)
@pytest.mark.parametrize("text", [path.read_text(encoding="utf-8") for path in FILES] + PLAIN_SNIPPETS
                         + LEFT_TO_FULL_READING, ids=lambda t: t[:30])
def test_the_quick_reading_builds_what_the_full_reading_builds(text, parser, monkeypatch, tmp_path):
    """Data (types included), lines and first line are the full reading's, or the quick reading leaves the file
    to it."""
    monkeypatch.setattr(source, "_Loader", parser)
    quick = source._read_plain(text, parser)
    try:
        full = source._read_in_full(text, tmp_path / "any.yml", "any.yml")
    except DataError:
        assert quick is None
        return
    if text in LEFT_TO_FULL_READING:
        assert quick is None
        return
    assert quick is not None
    data, spots, first_line = quick
    assert (repr(data), first_line) == (repr(full.data), full.first_line)
    assert _lines_tree(data, spots) == _lines_tree(full.data, full.spots)
