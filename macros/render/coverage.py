"""The standards coverage page: each requirement, its clauses, and where this handbook meets it or what is missing."""

from __future__ import annotations

from ..coverage import coverage
from ..edition import Edition
from ..model import Handbook
from ..pages import page
from .markup import Links, table, text


def _cited(clause: str, language: str) -> str:
    """A clause as the standard names it: ISO 22301's names are English, BSI's German; marked when not the page's."""
    written_in = "en" if clause.startswith("ISO") else "de"
    return text(clause) if written_in == language else f'<span lang="{written_in}">{text(clause)}</span>'


def render_coverage_page(handbook: Handbook, edition: Edition) -> str:
    """One row per requirement of BSI-Standard 200-4 / DER.4 and ISO 22301 a handbook can meet: a link to the
    place that meets it, or "missing" with what to add."""
    labels = edition.labels
    links = Links(handbook, edition, "coverage")
    results = coverage(handbook, edition.today)
    rows = []
    for requirement, evidence in results:
        if evidence.met:
            places = []
            for key, anchor in evidence.places:
                target = links.to(key, anchor)
                name = labels(page(key).label)
                places.append(f"[{text(name)}]({target})" if target else text(name))
            where = labels("coverage.met") + ": " + ", ".join(places)
        else:
            where = f"**{labels('coverage.missing')}**: " + labels(f"coverage.to_add.{requirement.key}",
                                                                  **(evidence.missing or {}))
        rows.append([f'<span id="requirement-{requirement.key.replace("_", "-")}"></span>'
                     + labels(f"coverage.requirement.{requirement.key}"),
                     "<br>".join(_cited(clause, edition.language) for clause in requirement.clauses), where])
    missing = sum(not evidence.met for _, evidence in results)
    return "\n\n".join([
        f"# {labels('coverage.title')}", labels("coverage.intro"),
        f"**{labels('coverage.summary', met=len(results) - missing, total=len(results), missing=missing)}**",
        table([labels("coverage.requirement_heading"), labels("coverage.clauses"), labels("coverage.where")], rows),
        labels("coverage.note")])
