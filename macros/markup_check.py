"""What `check` says about the Markdown editors write (FAQ answers): every construct the sanitiser removes or
shows as text (a warning, an error with `--strict`), and every link to a page or record anchor that does not exist
(an error: the link would vanish from the page)."""

from __future__ import annotations

import posixpath
from typing import Any, Iterator

from .errors import Message, Problem, record_name
from .messages import field_label, suggestion
from .model import Handbook, origin_of
from .pages import PAGES, page
from .render.data_markup import link_targets, render_data_markdown
from .source import Location, SourceFile

# Message keys of the constructs removed or shown as text: warnings, errors with --strict.
REMOVED_PREFIX = "rules.removed."
# Anchors the handbook writes for records, by page key: a link to the contacts page's `#role-x` needs a role x.
_RECORD_ANCHORS = {
    "contacts": {"role-": "roles", "contact-": "contacts"},
    "who-to-call": {"role-": "roles"},
    "alerting": {"chain-": "alerting_chains"},
    "faq": {"faq-": "faq"},
    "tasks": {"task-": "tasks"},
}


def is_removal(problem: Problem) -> bool:
    """A warning about a construct the sanitiser took out (what `--strict` turns into an error)."""
    return problem.message.key.startswith(REMOVED_PREFIX)


def every_page_path(handbook: Handbook) -> set[str]:
    """The Markdown path of every page some edition of the handbook has."""
    paths = set()
    for entry in PAGES:
        if entry.records is None:
            paths.add(entry.path)
        else:
            paths.update(entry.path_for(record.id) for record in entry.records(handbook))
    return paths


def _origin(entry: Any) -> tuple[SourceFile, Location]:
    """Where a loaded FAQ entry came from (the loader's records all know it)."""
    origin = origin_of(entry)
    if origin is None:
        raise TypeError(f"{entry!r} was not loaded from a file")
    return origin


def _texts(entry: Any, field: str) -> Iterator[tuple[Location, str]]:
    """(path below the record, text) of every language version of a field, as written in the file."""
    source, base = _origin(entry)
    written = source.data
    for part in (*base, field):
        written = written.get(part) if isinstance(written, dict) else written[part]
    if isinstance(written, dict):
        yield from (((field, language), str(text)) for language, text in written.items())
    else:
        yield (field,), str(written)


def _anchor_problem(handbook: Handbook, target_page: str, anchor: str) -> bool:
    """True when `anchor` has the form of a record anchor on `target_page` but names no such record."""
    anchors = next((kinds for key, kinds in _RECORD_ANCHORS.items() if page(key).path == target_page), {})
    for prefix, domain in anchors.items():
        if anchor.startswith(prefix):
            return anchor.removeprefix(prefix) not in {record.id for record in getattr(handbook, domain)}
    return False


def answer_problems(handbook: Handbook) -> list[Problem]:
    """Every FAQ answer in every language, as `check` reports it: removals as warnings, broken links as errors."""
    paths = every_page_path(handbook)
    problems: list[Problem] = []
    for entry in handbook.faq:
        for path, text in _texts(entry, "answer"):
            problems += _text_problems(handbook, entry, path, text, paths)
    return problems


def _text_problems(handbook: Handbook, entry: Any, path: Location, text: str, paths: set[str]) -> list[Problem]:
    """The problems of one answer text, each at the line of the construct inside the text."""
    here = page("faq").path
    source, base = _origin(entry)
    problems: list[Problem] = []

    def report(key: str, hint: Message | None, offset: int, warning: bool, **values: Any) -> None:
        line = source.line_in_text((*base, *path), offset, text)
        problems.append(Problem(source.path, line, Message.of(key, **values), record_name("faq", entry.id),
                                field_label(path), hint, warning))

    def resolved(target: str) -> str:
        target_path = target.partition("#")[0]
        return posixpath.normpath(posixpath.join(posixpath.dirname(here), target_path)) if target_path else here

    sanitised = render_data_markdown(text, lambda target: target if resolved(target) in paths else None)
    for removal in sanitised.removed:
        report(f"{REMOVED_PREFIX}{removal.kind}", Message.of(f"{REMOVED_PREFIX}{removal.kind}_hint"),
               removal.offset, True, what=removal.what)
    for target in sanitised.unknown_pages:
        close = suggestion(target.partition("#")[0], sorted(paths))
        report("rules.link_page", close or Message.of("rules.link_page_hint"), max(text.find(target), 0), False,
               target=target)
    for target in dict.fromkeys(_relative_targets(sanitised.html)):
        anchor = target.partition("#")[2]
        if anchor and _anchor_problem(handbook, resolved(target), anchor):
            report("rules.link_anchor", Message.of("rules.link_anchor_hint"), max(text.find(target), 0), False,
                   target=target, page=resolved(target), anchor=anchor)
    return problems


def _relative_targets(fragment: str) -> list[str]:
    """The relative link targets kept in the sanitised HTML (as the editor wrote them)."""
    return [value for tag, value in link_targets(fragment)
            if tag == "a" and ":" not in value.partition("#")[0] and not value.startswith("//")]
