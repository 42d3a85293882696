"""Diagrams: DOT source against golden files, hostile labels, and the inline SVG put into pages."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import golden_files
import graphviz
import pytest
from golden_files import assert_golden

from macros.labels import labels_for
from macros.model import AlertingChain, Escalation
from macros.render import diagrams
from macros.render.diagrams import (
    DOT_MISSING,
    DiagramError,
    alerting_chain_dot,
    dependency_dot,
    dot_label,
    escalation_classification_dot,
    escalation_ladder_dot,
    render_svg,
    wrap_text,
)

GOLDEN = golden_files.GOLDEN / "diagrams"
SVG = "{http://www.w3.org/2000/svg}"

LABELS = labels_for("en")

NAMES = {
    "duty-agent": "Duty agent",
    "shift-lead": "Shift lead",
    "emergency-officer": "Emergency officer",
    "deputy-shift-lead": "Deputy shift lead",
    "ceo": "Chief executive officer of the contact centre",
}

HOSTILE_NAMES = {
    "quote": 'Say "hello"',
    "backslash": "Ends with a backslash\\",
    "script": "<script>alert(1)</script>",
    "brace": "{record | field}",
    "entity": "Not an entity &lt; here",
    "newline": "First line\nSecond line",
    "injection": "]; evil=1 [",
    "escape-sequence": "\\N and \\G",
}


def assert_matches_golden(actual: str, name: str) -> None:
    """Compare with tests/golden/diagrams/<name> (`make golden` rewrites it)."""
    assert_golden(GOLDEN / name, actual)


@pytest.fixture
def dot_installed() -> None:
    """Fail, never skip, when Graphviz is missing: the build environment must install it."""
    if shutil.which("dot") is None:
        pytest.fail(DOT_MISSING, pytrace=False)


def make_chain(parties: list[tuple[str, str, str]]) -> AlertingChain:
    return AlertingChain.model_validate({
        "id": "power-outage",
        "name": "Power outage",
        "trigger": "The lights go out",
        "last_tested": "2026-10-01",
        "steps": [
            {"sender": sender, "recipient": recipient, "channel": channel, "within_minutes": minutes,
             "stand_in": stand_in}
            for (sender, recipient, stand_in), (channel, minutes)
            in zip(parties, [("phone", 5), ("sms", 15), ("email", 30), ("messenger", 45),
                             ("video-call", 60), ("in-person", 90), ("phone", 120), ("sms", 180)])
        ],
    })


def sample_chain() -> AlertingChain:
    return make_chain([
        ("duty-agent", "shift-lead", "deputy-shift-lead"),
        ("shift-lead", "emergency-officer", "ceo"),
    ])


def hostile_chain() -> AlertingChain:
    ids = list(HOSTILE_NAMES)
    return make_chain([(ids[i], ids[i + 1], ids[(i + 4) % len(ids)]) for i in range(len(ids) - 1)])


def level(number: int, name: str, time_limits: list[dict], next_level_when: str | None) -> dict:
    return {
        "id": f"level-{number}",
        "name": name,
        "entry_criterion": "A problem classified as escalating",
        "time_limits": time_limits,
        "participants": {"contractor": ["shift-lead"], "client": ["client-service-desk"]},
        "contractor_duties": ["Inform the client"],
        "client_duties": ["Acknowledge"],
        "next_level_when": next_level_when,
    }


def sample_escalation(*, all_escalate: bool = False) -> Escalation:
    return Escalation.model_validate({
        "purpose": "Solve problems between contractor and client quickly",
        "classification": [
            {"id": "critical", "name": "Critical", "escalates": True,
             "criteria": ["No calls can be taken", "More than half the agents cannot work"]},
            {"id": "major", "name": "Major", "escalates": True,
             "criteria": ["Service level below 60 % for more than one hour"]},
            {"id": "minor", "name": "Minor", "escalates": all_escalate,
             "criteria": ["Single workstations affected"]},
        ],
        "levels": [
            level(1, "Operational", [{"what": "Client informed", "within_hours": 2},
                                     {"what": "Status update", "every_hours": 4}],
                  "The problem is not solved within 8 hours"),
            level(2, "Management", [{"what": "Joint call", "within_hours": 1.5}],
                  "The problem is not solved within 24 hours"),
            level(3, "Executive board", [], None),
        ],
        "report_form": "escalation-report",
        "reviewed_on": "2026-09-01",
    })


def svg_root(html: str) -> ET.Element:
    return ET.fromstring(html).find(f"{SVG}svg")


def texts_of(root: ET.Element, kind: str) -> list[str]:
    """The lines of text inside every Graphviz group of `kind` ("node" or "edge"), one list per group."""
    return ["\n".join(text.text or "" for text in group.iter(f"{SVG}text"))
            for group in root.iter(f"{SVG}g") if group.get("class") == kind]


# --- DOT source against golden files -------------------------------------------------------------


@pytest.mark.golden
def test_alerting_chain_matches_golden() -> None:
    """A chain becomes one box per party and numbered step edges that name the stand-in."""
    assert_matches_golden(alerting_chain_dot(sample_chain(), NAMES.__getitem__, LABELS), "alerting_chain.dot")


@pytest.mark.golden
def test_escalation_classification_matches_golden() -> None:
    """Classification runs from 'Classify the problem' via each severity to escalate or normal operations."""
    assert_matches_golden(escalation_classification_dot(sample_escalation(), LABELS),
                          "escalation_classification.dot")


@pytest.mark.golden
def test_escalation_ladder_matches_golden() -> None:
    """The ladder lists levels top to bottom with time limits, and says when to go up a level."""
    assert_matches_golden(escalation_ladder_dot(sample_escalation(), LABELS), "escalation_ladder.dot")


@pytest.mark.golden
def test_hostile_labels_match_golden() -> None:
    """Quotes, backslashes, markup, braces, entities and newlines in names are escaped in the DOT."""
    assert_matches_golden(alerting_chain_dot(hostile_chain(), HOSTILE_NAMES.__getitem__, LABELS),
                          "hostile_labels.dot")


def test_dot_is_deterministic() -> None:
    """The same chain gives the same DOT text, so golden files and builds are reproducible."""
    chain = sample_chain()
    assert alerting_chain_dot(chain, NAMES.__getitem__, LABELS) == alerting_chain_dot(chain, NAMES.__getitem__, LABELS)


def test_node_ids_are_generated_not_names() -> None:
    """Node ids are party1, party2, …; names only ever appear inside quoted labels."""
    dot = alerting_chain_dot(sample_chain(), NAMES.__getitem__, LABELS)
    node_ids = re.findall(r"^  (\w+) \[label=", dot, flags=re.MULTILINE)
    assert node_ids == ["party1", "party2", "party3"]


def test_stand_in_is_named_on_the_step_edge() -> None:
    """Each step's edge says whom to call when the recipient is unreachable; stand-ins get no box of their own."""
    dot = alerting_chain_dot(sample_chain(), NAMES.__getitem__, LABELS)
    assert 'party1 -> party2 [label="1. phone\\nwithin 5 min\\nif unreachable: Deputy shift\\nlead"]' in dot
    assert "Deputy shift lead" not in dot


def test_classification_without_normal_operations() -> None:
    """When every severity escalates there is no 'handle in normal operations' box."""
    dot = escalation_classification_dot(sample_escalation(all_escalate=True), LABELS)
    assert "normal" not in dot
    assert LABELS("diagram.does_not_escalate") not in dot
    assert '  escalate [label="escalate\\nLevel 1\\nOperational" style="rounded,bold"]\n' in dot


def test_classification_where_nothing_escalates() -> None:
    """When no severity escalates there is no 'escalate' box: every severity leads to normal operations."""
    escalation = sample_escalation()
    escalation = escalation.model_copy(update={"classification": [
        severity.model_copy(update={"escalates": False}) for severity in escalation.classification]})
    dot = escalation_classification_dot(escalation, LABELS)
    assert "escalate [" not in dot and "-> escalate" not in dot
    assert '  normal [label="handle in normal operations"]\n' in dot
    assert dot.count("-> normal") == 3


def test_ladder_step_without_a_reason_says_only_when_to_go_up() -> None:
    """A level without `next_level_when` still leads up, with only 'if not solved' on its edge."""
    escalation = sample_escalation()
    levels = list(escalation.levels)
    levels[1] = levels[1].model_copy(update={"next_level_when": None})
    escalation = escalation.model_copy(update={"levels": levels})
    dot = escalation_ladder_dot(escalation, LABELS)
    assert '  level2 -> level3 [label="if not solved"]\n' in dot
    assert '  level1 -> level2 [label="if not solved\\nThe problem is not solved\\nwithin 8 hours"]\n' in dot


def test_every_label_comes_from_the_catalogue() -> None:
    """The ladder's words are the catalogue's: a changed catalogue entry shows in the DOT."""
    dot = escalation_ladder_dot(sample_escalation(), LABELS)
    assert LABELS("diagram.next_level") in dot
    assert LABELS("diagram.level_number", number=3) in dot


# --- Labels ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ('Say "hello"', r'"Say \"hello\""'),
    ("backslash at the end\\", r'"backslash at the end\\"'),
    ("\\N", r'"\\N"'),
    ("<script>", '"&lt;script&gt;"'),
    ("{a|b}", '"&#123;a&#124;b&#125;"'),
    ("&lt;", '"&amp;lt;"'),
    ("one\ntwo", r'"one\ntwo"'),
    ("windows\r\nline", r'"windows\nline"'),
    ("tab\there", '"tab here"'),
    ("]; evil=1 [", '"]; evil=1 ["'),
])
def test_dot_label_escapes(text: str, expected: str) -> None:
    """dot_label quotes and escapes every character that DOT or Graphviz's label parser would act on."""
    assert dot_label(text) == expected


def test_graphviz_own_quoting_is_not_enough() -> None:
    """graphviz.quoting keeps '<…>' as an HTML label and warns on a trailing backslash, so it is not used."""
    assert graphviz.quoting.quote("<b>x</b>") == "<b>x</b>"
    assert dot_label("<b>x</b>").startswith('"')


def test_long_label_is_wrapped() -> None:
    """An 80-character label is split into lines of at most 28 characters."""
    text = "Emergency coordination officer for the northern region contact centre building"
    assert len(text) >= 78
    lines = wrap_text(text)
    assert len(lines) >= 3
    assert all(len(line) <= 28 for line in lines)
    assert dot_label(text) == '"' + "\\n".join(lines) + '"'


def test_long_word_is_broken() -> None:
    """A single 80-character word (a URL, say) is broken too, so the box stays narrow."""
    lines = wrap_text("x" * 80)
    assert lines == ["x" * 28, "x" * 28, "x" * 24]


@pytest.mark.parametrize(("language", "hours", "expected"), [
    ("en", 2.0, "2"), ("en", 24.0, "24"), ("en", 1.5, "1.5"), ("en", 0.25, "0.25"),
    ("de", 1.5, "1,5"), ("sv", 0.25, "0,25"), ("de", 2.0, "2")])
def test_hours_in_the_readers_number_format(language: str, hours: float, expected: str) -> None:
    """Whole hours print without '.0'; the decimal sign is the language's (1,5 in German and Swedish)."""
    assert labels_for(language).number(hours) == expected


# --- Rendering with Graphviz ----------------------------------------------------------------------


def test_hostile_labels_render_literally(dot_installed: None) -> None:
    """Hostile names render as literal text: no syntax error, no injected attribute, node or markup."""
    html = render_svg(alerting_chain_dot(hostile_chain(), HOSTILE_NAMES.__getitem__, LABELS), "hostile", "Hostile")
    root = svg_root(html)
    node_texts = texts_of(root, "node")
    assert sorted(node_texts) == sorted(HOSTILE_NAMES.values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    assert "&amp;lt; here" in html
    assert all("evil" not in name for element in root.iter() for name in element.attrib)


def test_render_svg_has_no_titles_comments_or_prolog(dot_installed: None) -> None:
    """Titles (node ids, 'a->b'), comments, the XML prolog and DOCTYPE are removed."""
    html = render_svg(alerting_chain_dot(sample_chain(), NAMES.__getitem__, LABELS), "chain", "Chain")
    for forbidden in ("<title", "<?xml", "<!DOCTYPE", "<!--", "party1", "->"):
        assert forbidden not in html


def test_render_svg_has_no_blank_lines(dot_installed: None) -> None:
    """No blank line, which would end Markdown's HTML block halfway through the SVG."""
    html = render_svg(escalation_ladder_dot(sample_escalation(), LABELS), "ladder", "Ladder\n\nwith blank line")
    assert all(line.strip() for line in html.split("\n"))


def test_render_svg_wraps_in_div_with_accessible_svg(dot_installed: None) -> None:
    """The SVG sits in div.diagram#id, has role=img, aria-label, class, full width and Graphviz's width as max."""
    dot = escalation_classification_dot(sample_escalation(), LABELS)
    html = render_svg(dot, "classification", 'Severity "classes" & <levels>')
    assert html.startswith('<div class="diagram" id="classification" tabindex="0">\n<svg ')
    assert html.endswith("</svg>\n</div>")
    svg = svg_root(html)
    raw_width = re.search(r'<svg width="([\d.]+pt)"', graphviz.Source(dot).pipe(format="svg", encoding="utf-8"))
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == 'Severity "classes" & <levels>'
    assert svg.get("class") == "handbook-diagram"
    assert svg.get("width") == "100%"
    assert svg.get("height") is None
    # Never shrunk below three quarters of its drawn size: on a phone the diagram scrolls in its box instead.
    width = raw_width.group(1)
    assert svg.get("style") == f"max-width: {width}; min-width: calc({width} * 0.75); height: auto"
    assert svg.get("viewBox")


def test_every_id_starts_with_the_diagram_id(dot_installed: None) -> None:
    """Every id inside the SVG is prefixed with the diagram id."""
    html = render_svg(alerting_chain_dot(sample_chain(), NAMES.__getitem__, LABELS), "diagram-chain-power", "Chain")
    ids = re.findall(r'\bid="([^"]*)"', html)
    assert len(ids) > 5
    assert ids[0] == "diagram-chain-power"
    assert all(value.startswith("diagram-chain-power-") for value in ids[1:])


def test_two_diagrams_share_no_id(dot_installed: None) -> None:
    """Two renders of the same DOT with different diagram ids have disjoint ids."""
    dot = alerting_chain_dot(sample_chain(), NAMES.__getitem__, LABELS)
    first = set(re.findall(r'\bid="([^"]*)"', render_svg(dot, "first", "First")))
    second = set(re.findall(r'\bid="([^"]*)"', render_svg(dot, "second", "Second")))
    assert first and second
    assert not first & second


def test_references_follow_prefixed_ids(dot_installed: None) -> None:
    """url(#…) references to ids inside the SVG (gradients) are prefixed like the ids themselves."""
    html = render_svg('digraph { a [style=filled fillcolor="red:blue"] }', "gradient", "Gradient")
    references = re.findall(r"url\(#([^)]*)\)", html)
    ids = set(re.findall(r'\bid="([^"]*)"', html))
    assert references
    assert all(reference.startswith("gradient-") and reference in ids for reference in references)


def test_render_is_deterministic(dot_installed: None) -> None:
    """The same DOT and id give the same HTML."""
    dot = escalation_ladder_dot(sample_escalation(), LABELS)
    assert render_svg(dot, "ladder", "Ladder") == render_svg(dot, "ladder", "Ladder")


def test_invalid_dot_is_a_diagram_error(dot_installed: None) -> None:
    """DOT that Graphviz rejects raises DiagramError with Graphviz's message."""
    with pytest.raises(DiagramError, match="syntax error"):
        render_svg("digraph { a -> }", "broken", "Broken")


# --- Errors that need no Graphviz -----------------------------------------------------------------


def test_missing_dot_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without `dot` on the PATH render_svg raises DiagramError naming the Debian package."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DiagramError, match=re.escape("Graphviz 'dot' not found: install the Debian package graphviz")):
        render_svg("digraph { a }", "missing", "Missing")


@pytest.mark.parametrize("diagram_id", ["", "has space", 'quote"', "-leading-hyphen"])
def test_unsafe_diagram_id_is_refused(diagram_id: str) -> None:
    """A diagram id that is not a plain HTML id is refused before Graphviz runs."""
    with pytest.raises(DiagramError, match="diagram id"):
        render_svg("digraph { a }", diagram_id, "Description")


# --- Dependencies of the business impact analysis ------------------------------------------------


def test_dependency_dot_gives_each_kind_its_shape_and_processes_the_top_row() -> None:
    """Processes are bold boxes on one rank; systems ellipses, sites houses, providers components; edges as given."""
    dot = dependency_dot([("p1", "Hotline", "process"), ("p2", "Complaints", "process"), ("s1", "Phone system", "system"),
                          ("site1", "Berlin", "site"), ("prov1", "CallHelp", "provider")],
                         [("p1", "s1"), ("p1", "site1"), ("p2", "prov1")])
    assert dot == (
        "digraph {\n"
        "  rankdir=TB\n"
        "  nodesep=0.3\n"
        "  ranksep=0.45\n"
        '  node [shape=box style=rounded fontname="Helvetica" fontsize=13 margin="0.15,0.07"]\n'
        '  edge [fontname="Helvetica" fontsize=11]\n'
        "  rankdir=TB\n"
        "  ranksep=0.8\n"
        '  p1 [label="Hotline" shape="box" style="rounded,bold"]\n'
        '  p2 [label="Complaints" shape="box" style="rounded,bold"]\n'
        '  s1 [label="Phone system" shape="ellipse"]\n'
        '  site1 [label="Berlin" shape="house"]\n'
        '  prov1 [label="CallHelp" shape="component"]\n'
        "  {rank=same; p1; p2}\n"
        "  p1 -> s1\n"
        "  p1 -> site1\n"
        "  p2 -> prov1\n"
        "}\n")


def test_dependency_dot_without_processes_has_no_empty_rank() -> None:
    """Without a process there is no `{rank=same; }` line, which Graphviz would read as an empty group."""
    assert "rank=same" not in dependency_dot([("s1", "Phone system", "system")], [])


def test_an_empty_line_in_a_label_is_kept() -> None:
    """A blank line the editor wrote stays a blank line of the label, not a word."""
    assert wrap_text("one\n\ntwo") == ["one", "", "two"]
    assert dot_label("one\n\ntwo") == r'"one\n\ntwo"'


# --- The SVG as render_svg rewrites it ------------------------------------------------------------

# What Graphviz writes, in short: prolog, DOCTYPE, comment, titles, a gradient, links inside and outside the SVG.
GRAPHVIZ_SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
 "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz -->
<svg width="62pt" height="44pt"
 viewBox="0.00 0.00 62.00 44.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<defs>
    <linearGradient id="l_0"><stop offset="0" style="stop-color:red;"/></linearGradient>
  </defs>
<g id="graph0" class="graph">

<title>%3</title>
  <g id="node1" class="node">
<title>a</title>
<g id="a_node1"><a xlink:href="#node2" xlink:title="a">
<ellipse fill="url(#l_0)" stroke="url( #elsewhere )"/>
<text>first

second</text>
</a></g>
</g>
<g id="node2" class="node"><a href="#elsewhere"><text>b</text></a></g>
</g>
</svg>
"""


def test_render_svg_rewrites_graphviz_output_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prolog, comments and titles go; ids and links to them get the diagram's prefix, links elsewhere do not;
    the size becomes responsive; no blank line is left, not even inside a text."""
    monkeypatch.setattr(diagrams, "_svg_from_graphviz", lambda dot_source: GRAPHVIZ_SVG)
    assert render_svg("digraph { a }", "deps", "Dependencies") == (
        '<div class="diagram" id="deps" tabindex="0">\n'
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" class="handbook-diagram" role="img" '
        'aria-label="Dependencies" width="100%" style="max-width: 62pt; min-width: calc(62pt * 0.75); height: auto" '
        'viewBox="0.00 0.00 62.00 44.00" xmlns="http://www.w3.org/2000/svg">\n'
        "<defs>\n"
        '<linearGradient id="deps-l_0"><stop offset="0" style="stop-color:red;" /></linearGradient>\n'
        "</defs>\n"
        '<g id="deps-graph0" class="graph">\n'
        '<g id="deps-node1" class="node">\n'
        '<g id="deps-a_node1"><a xlink:href="#deps-node2" xlink:title="a">\n'
        '<ellipse fill="url(#deps-l_0)" stroke="url(#elsewhere)" />\n'
        "<text>first\n"
        "second</text>\n"
        "</a></g>\n"
        "</g>\n"
        '<g id="deps-node2" class="node"><a href="#elsewhere"><text>b</text></a></g>\n'
        "</g>\n"
        "</svg>\n"
        "</div>")


def test_render_svg_without_a_size_sets_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """An SVG without width and viewBox gets neither a style nor a viewBox of its own making."""
    monkeypatch.setattr(diagrams, "_svg_from_graphviz",
                        lambda dot_source: '<svg xmlns="http://www.w3.org/2000/svg"><g id="graph0"/></svg>')
    assert render_svg("digraph { a }", "plain", "Plain") == (
        '<div class="diagram" id="plain" tabindex="0">\n'
        '<svg class="handbook-diagram" role="img" aria-label="Plain" width="100%" xmlns="http://www.w3.org/2000/svg">'
        '<g id="plain-graph0" /></svg>\n'
        "</div>")


def test_a_layout_is_made_once_then_read_from_the_cache(dot_installed: None, monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    """Graphviz lays a source out once: the same source renders again without Graphviz, a new one needs it."""
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    dot = 'digraph { a [label="cached"] }'
    first = render_svg(dot, "first", "First")
    assert ">cached</text>" in first
    assert [path.suffix for path in (tmp_path / "diagrams").rglob("*") if path.is_file()] == [".svg"]
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render_svg(dot, "first", "First") == first
    with pytest.raises(DiagramError, match=re.escape(DOT_MISSING)):
        render_svg('digraph { a [label="not cached"] }', "second", "Second")


def test_a_new_layout_is_svg_text_from_dot(dot_installed: None, monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    """With an empty cache the SVG comes from Graphviz's dot layout: a record shape, boxes from top to bottom."""
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    html = render_svg('digraph { a [shape=record label="left|right"]; a -> b }', "fresh", "Fresh")
    root = svg_root(html)
    assert texts_of(root, "node") == ["left\nright", "b"]
    assert html.count('class="edge"') == 1


def test_graphviz_error_text_is_in_the_message(dot_installed: None, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    """Graphviz's own complaint, without its line break, ends the error."""
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))
    with pytest.raises(DiagramError) as raised:
        render_svg("digraph { a -> }", "broken", "Broken")
    assert str(raised.value) == ("Graphviz could not draw the diagram: "
                                 "Error: <stdin>: syntax error in line 1 near '}'")


@pytest.fixture
def unknown_graphviz_version() -> Iterator[None]:
    """The version Graphviz reports is asked again in the test, and forgotten after it."""
    diagrams._graphviz_version.cache_clear()
    yield
    diagrams._graphviz_version.cache_clear()


@pytest.mark.parametrize("failure", [graphviz.CalledProcessError(1, ["dot", "-V"]), RuntimeError("no version")])
def test_a_graphviz_that_hides_its_version_still_draws(dot_installed: None, unknown_graphviz_version: None,
                                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      failure: Exception) -> None:
    """When `dot -V` fails or says nothing readable, layouts are cached under an unknown version and still drawn."""
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path))

    def no_version() -> tuple[int, ...]:
        raise failure

    monkeypatch.setattr(graphviz, "version", no_version)
    assert ">unknown version</text>" in render_svg('digraph { a [label="unknown version"] }', "unknown", "Unknown")


def test_a_graphviz_without_dot_is_named_before_any_layout(unknown_graphviz_version: None,
                                                           monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without `dot` on the PATH even the version check says how to install Graphviz."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DiagramError) as raised:
        render_svg("digraph { a }", "missing", "Missing")
    assert str(raised.value) == "Graphviz 'dot' not found: install the Debian package graphviz"
    assert isinstance(raised.value.__cause__, graphviz.ExecutableNotFound)
