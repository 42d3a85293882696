"""Diagrams of the alerting chains and the escalation process: DOT source, and inline SVG made from it."""

from __future__ import annotations

import re
import textwrap
import unicodedata
import xml.etree.ElementTree as ET
from functools import lru_cache
from typing import Callable

import graphviz

from .. import cache
from ..cache import content_key
from ..errors import HandbookError
from ..labels import Labels
from ..model.alerting import AlertingChain, AlertingStep
from ..model.escalation import Escalation, EscalationLevel, Severity, TimeLimit

# About 28 characters per line, in boxes and on edges alike, keeps a chain of boxes inside an A4 portrait page.
LABEL_WRAP = 28

# Graphviz writes Helvetica as "Helvetica,sans-Serif" into the SVG, so browsers without it fall back cleanly.
FONT = "Helvetica"
NODE_FONT_SIZE = 13
EDGE_FONT_SIZE = 11

DOT_MISSING = "Graphviz 'dot' not found: install the Debian package graphviz"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Without this ElementTree would write links as `ns1:href`, which the HTML parser does not understand.
ET.register_namespace("xlink", XLINK_NS)

# A diagram id becomes the prefix of every id inside its SVG, so it must be a plain HTML id itself.
_DIAGRAM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_URL_REFERENCE = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
_HREF_ATTRIBUTES = ("href", f"{{{XLINK_NS}}}href")

# Inside a quoted DOT string only `\` and `"` are special to the parser.
_DOT_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"'}
# Graphviz decodes HTML entities in plain labels (and `{ } | < >` mean fields in record shapes), so
# these are written as entities and come out literally whatever the node's shape.
_LABEL_ENTITY_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", "|": "&#124;"}
_LABEL_ESCAPES = {**_DOT_STRING_ESCAPES, **_LABEL_ENTITY_ESCAPES}


class DiagramError(HandbookError):
    """A diagram could not be drawn: Graphviz is missing or rejected the DOT source."""


# --- Labels --------------------------------------------------------------------------------------


def wrap_text(text: str, width: int = LABEL_WRAP) -> list[str]:
    """The lines of `text`: its own line breaks kept, each line wrapped at about `width` characters."""
    lines: list[str] = []
    for paragraph in text.strip().splitlines():
        lines += textwrap.wrap(_without_control_characters(paragraph), width=width) or [""]
    return lines


def dot_label(text: str) -> str:
    """`text` as a complete quoted DOT string that Graphviz shows literally, wrapped, lines centred."""
    return '"' + "\\n".join(_escape_label_line(line) for line in wrap_text(text)) + '"'


def _escape_label_line(line: str) -> str:
    return "".join(_LABEL_ESCAPES.get(character, character) for character in line)


def _without_control_characters(text: str) -> str:
    # Tabs and other control characters would reach Graphviz raw; a space is what the editor meant.
    return "".join(" " if unicodedata.category(character) == "Cc" else character for character in text)


# --- DOT source ----------------------------------------------------------------------------------


def _digraph(statements: list[str]) -> str:
    # No `id` on the graph: render_svg prefixes every id with the diagram's own id instead.
    header = [
        "digraph {",
        "  rankdir=TB",
        "  nodesep=0.3",
        "  ranksep=0.45",
        f'  node [shape=box style=rounded fontname="{FONT}" fontsize={NODE_FONT_SIZE} margin="0.15,0.07"]',
        f'  edge [fontname="{FONT}" fontsize={EDGE_FONT_SIZE}]',
    ]
    return "\n".join(header + [f"  {statement}" for statement in statements] + ["}"]) + "\n"


def _node(node_id: str, label: str, **style: str) -> str:
    return f"{node_id} [{_attribute_list(label, style)}]"


def _edge(tail: str, head: str, label: str | None = None, **style: str) -> str:
    attributes = _attribute_list(label, style)
    return f"{tail} -> {head} [{attributes}]" if attributes else f"{tail} -> {head}"


def _attribute_list(label: str | None, style: dict[str, str]) -> str:
    # Style values are fixed words from this module, never data; only the label needs dot_label().
    parts = [f"label={dot_label(label)}"] if label is not None else []
    return " ".join(parts + [f'{name}="{value}"' for name, value in style.items()])


def alerting_chain_dot(chain: AlertingChain, name_of: Callable[[str], str], labels: Labels) -> str:
    """DOT source of one alerting chain: a box per party, numbered step edges naming the stand-in."""
    node_ids = _party_node_ids(chain)
    statements = [_node(node_id, name_of(party)) for party, node_id in node_ids.items()]
    for number, step in enumerate(chain.steps, start=1):
        statements.append(_edge(node_ids[step.sender], node_ids[step.recipient],
                                _step_label(step, number, name_of, labels)))
    return _digraph(statements)


def _party_node_ids(chain: AlertingChain) -> dict[str, str]:
    # Node ids are generated, never names; parties appear in step order.
    parties = [party for step in chain.steps for party in (step.sender, step.recipient)]
    return {party: f"party{number}" for number, party in enumerate(dict.fromkeys(parties), start=1)}


def _step_label(step: AlertingStep, number: int, name_of: Callable[[str], str], labels: Labels) -> str:
    # The stand-in sits in the step's label: separate boxes and edges for stand-ins made chains too wide for A4.
    channel = labels(f"common.channel_kind.{step.channel.value}")
    return "\n".join([labels("diagram.step", number=number, channel=channel),
                      labels("diagram.within_minutes", minutes=step.within_minutes),
                      labels("diagram.stand_in", name=name_of(step.stand_in))])


def escalation_classification_dot(escalation: Escalation, labels: Labels) -> str:
    """DOT source of the classification: classify → each severity → escalate to level 1, or not."""
    first_level = escalation.levels[0]
    statements = [_node("classify", labels("diagram.classify"), shape="ellipse")]
    statements += [_node(f"severity{number}", _severity_label(severity))
                   for number, severity in enumerate(escalation.classification, start=1)]
    outcomes = {severity.escalates for severity in escalation.classification}
    if True in outcomes:
        statements.append(_node("escalate", "\n".join([
            labels("diagram.escalates"), labels("diagram.level_number", number=1), first_level.name,
        ]), style="rounded,bold"))
    if False in outcomes:
        statements.append(_node("normal", labels("diagram.does_not_escalate")))
    for number, severity in enumerate(escalation.classification, start=1):
        statements.append(_edge("classify", f"severity{number}"))
        statements.append(_edge(f"severity{number}", "escalate" if severity.escalates else "normal"))
    return _digraph(statements)


def _severity_label(severity: Severity) -> str:
    # One line per criterion, each wrapped on its own, so criteria never run into each other.
    return "\n".join([severity.name] + [f"• {criterion}" for criterion in severity.criteria])


def escalation_ladder_dot(escalation: Escalation, labels: Labels) -> str:
    """DOT source of the escalation ladder: level 1 to n with time limits, edges saying when to go up."""
    statements = [_node(f"level{number}", _level_label(level, number, labels))
                  for number, level in enumerate(escalation.levels, start=1)]
    for number, level in enumerate(escalation.levels[:-1], start=1):
        reason = [level.next_level_when] if level.next_level_when else []
        statements.append(_edge(f"level{number}", f"level{number + 1}",
                                "\n".join([labels("diagram.next_level")] + reason)))
    return _digraph(statements)


def _level_label(level: EscalationLevel, number: int, labels: Labels) -> str:
    return "\n".join([labels("diagram.level_number", number=number), level.name]
                     + [_time_limit_text(limit, labels) for limit in level.time_limits])


def _time_limit_text(limit: TimeLimit, labels: Labels) -> str:
    if limit.within_hours is not None:
        return labels("diagram.within_hours", what=limit.what, hours=labels.number(limit.within_hours))
    assert limit.every_hours is not None  # TimeLimit's validator allows exactly one of the two
    return labels("diagram.every_hours", what=limit.what, hours=labels.number(limit.every_hours))


# --- SVG -----------------------------------------------------------------------------------------


def render_svg(dot_source: str, diagram_id: str, description: str) -> str:
    """Inline SVG for a Markdown page: ids prefixed with `diagram_id`, no titles, no blank lines."""
    if not _DIAGRAM_ID.match(diagram_id):
        raise DiagramError(f"diagram id '{diagram_id}' must be letters, digits and hyphens")
    root = ET.fromstring(_svg_from_graphviz(dot_source))  # drops the XML prolog, DOCTYPE and comments
    _remove_titles(root)
    _prefix_ids(root, diagram_id)
    _make_responsive_and_accessible(root, description)
    _tidy_whitespace(root)
    svg = ET.tostring(_in_default_namespace(root), encoding="unicode")
    # A blank line would end Markdown's HTML block and spill the rest of the SVG into the page as text.
    svg = "\n".join(line for line in svg.split("\n") if line.strip())
    # Focusable: on a phone a wide diagram scrolls inside this box, which keyboards must reach too (axe-core).
    return f'<div class="diagram" id="{diagram_id}" tabindex="0">\n{svg}\n</div>'


def _svg_from_graphviz(dot_source: str) -> str:
    """Graphviz's SVG for the DOT source; each distinct source is laid out once, then read from the cache."""
    # The key's first part only keeps it apart from other kinds of cached result.
    key = content_key("dot-svg", _graphviz_version(), dot_source)  # pragma: no mutate
    cached = cache.read("diagrams", key, ".svg")
    if cached is not None:
        return cached.decode()
    svg = _layout(dot_source)
    cache.write("diagrams", key, svg.encode(), ".svg")
    return svg


@lru_cache(maxsize=None)
def _graphviz_version() -> str:
    # Part of the cache key: another Graphviz may lay the same source out differently.
    try:
        return ".".join(str(part) for part in graphviz.version())
    except graphviz.ExecutableNotFound as error:
        raise DiagramError(DOT_MISSING) from error
    except (graphviz.CalledProcessError, RuntimeError):
        return "unknown"


def _layout(dot_source: str) -> str:
    try:
        # The dot engine, Graphviz's default, lays the graph out in ranks.
        svg: str = graphviz.Source(dot_source).pipe(format="svg", encoding="utf-8")
        return svg
    except graphviz.ExecutableNotFound as error:
        raise DiagramError(DOT_MISSING) from error
    except graphviz.CalledProcessError as error:
        # pipe() with an encoding gives Graphviz's complaint as text.
        raise DiagramError(f"Graphviz could not draw the diagram: {str(error.stderr).strip()}") from error


def _remove_titles(root: ET.Element) -> None:
    # Graphviz puts node names and "a->b" into <title>; they would show as tooltips and in the search index.
    for parent in root.iter():
        for child in list(parent):
            if child.tag == f"{{{SVG_NS}}}title":
                parent.remove(child)


def _prefix_ids(root: ET.Element, diagram_id: str) -> None:
    # Graphviz numbers every diagram from node1/edge1, so two diagrams on one page would collide.
    own_ids = {element.get("id") for element in root.iter() if element.get("id")}

    def prefixed(target: str) -> str:
        # A link to an anchor elsewhere on the page (a node's URL) is left alone.
        return f"{diagram_id}-{target}" if target in own_ids else target

    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name == "id":
                element.set(name, f"{diagram_id}-{value}")
            elif name in _HREF_ATTRIBUTES and value.startswith("#"):
                element.set(name, "#" + prefixed(value[1:]))
            elif "url(" in value:
                element.set(name, _URL_REFERENCE.sub(lambda match: f"url(#{prefixed(match.group(1))})", value))


def _make_responsive_and_accessible(root: ET.Element, description: str) -> None:
    # Full width on small screens and A4, never wider than Graphviz drew it, so text stays legible.
    width = root.get("width")
    view_box = root.get("viewBox")
    root.attrib.clear()
    root.attrib.update({"class": "handbook-diagram", "role": "img", "aria-label": description, "width": "100%"})
    if width:
        # Never drawn larger than Graphviz drew it, nor smaller than three quarters of that (on a phone the
        # diagram then scrolls sideways in its box): its 11 pt labels stay at 11 px or more.
        root.set("style", f"max-width: {width}; min-width: calc({width} * 0.75); height: auto")
    if view_box:
        root.set("viewBox", view_box)


def _in_default_namespace(root: ET.Element) -> ET.Element:
    # ElementTree would write `ns0:` before every tag (its default_namespace option rejects plain attributes).
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG_NS}}}")
    root.set("xmlns", SVG_NS)
    return root


def _tidy_whitespace(root: ET.Element) -> None:
    # Removed titles and comments leave their line breaks behind; keep exactly one between elements.
    for element in root.iter():
        if len(element) and element.text is not None and not element.text.strip():
            element.text = "\n"
        if element.tail is not None and not element.tail.strip():
            element.tail = "\n"


# --- Dependencies of the business impact analysis ------------------------------------------------

# Each kind of node has a shape of its own, and its label names the kind in words (never shape alone).
_DEPENDENCY_SHAPES = {"process": "box", "system": "ellipse", "site": "house", "provider": "component"}


def dependency_dot(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]]) -> str:
    """DOT source of what the processes depend on: `nodes` are (node id, label, kind) with kind one of process,
    system, site or provider; `edges` run from a process to what it needs. Processes stand in the top row."""
    statements = ["rankdir=TB", "ranksep=0.8"]
    for node_id, label, kind in nodes:
        style = {"shape": _DEPENDENCY_SHAPES[kind]}
        if kind == "process":
            style["style"] = "rounded,bold"
        statements.append(_node(node_id, label, **style))
    processes = [node_id for node_id, _, kind in nodes if kind == "process"]
    if processes:
        statements.append("{rank=same; " + "; ".join(processes) + "}")
    statements += [_edge(tail, head) for tail, head in edges]
    return _digraph(statements)
