"""What `check` says about the Markdown editors write (FAQ answers): every construct the sanitiser removes or
shows as text (a warning, an error with `--strict`), and every link to a page or an anchor that does not exist
(an error: the link would vanish from the page, or land at its top)."""

from __future__ import annotations

import posixpath
from typing import Any, Iterator

from .edition import Edition, editions_to_build
from .errors import Language, Message, Problem, record_name
from .messages import field_label, suggestion
from .model import Handbook, origin_of
from .model.common import Localized
from .page_anchors import page_anchors
from .pages import PAGES, page
from .redaction import edition_handbook
from .render.data_markup import may_make_links_or_headings, render_data_markdown, shown_as_text
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


def _record_anchor(target_page: str, anchor: str) -> tuple[str, str] | None:
    """(domain, record id) when `anchor` has the form of a record anchor on `target_page` (`role-x` on contacts.md)."""
    kinds = next((kinds for key, kinds in _RECORD_ANCHORS.items() if page(key).path == target_page), {})
    return next(((domain, anchor.removeprefix(prefix)) for prefix, domain in kinds.items()
                 if anchor.startswith(prefix)), None)


class EditionPages:
    """The anchors of the handbook's pages in each edition, a page rendered only when a link names one of its
    headings: most links name a record or no anchor, and each edition copies the handbook (redacted, translated)."""

    def __init__(self, handbook: Handbook) -> None:
        self.handbook = handbook
        self.editions = editions_to_build(handbook, handbook.built_at.date(), handbook.built_at)
        self._handbooks: dict[Edition, Handbook] = {}
        self._anchors: dict[tuple[Edition, str], set[str] | None] = {}

    def handbook_for(self, edition: Edition) -> Handbook:
        """The handbook as `edition` renders it."""
        if edition not in self._handbooks:
            self._handbooks[edition] = edition_handbook(self.handbook, edition)
        return self._handbooks[edition]

    def anchors(self, edition: Edition, path: str) -> set[str] | None:
        """The anchors of the page at `path` in `edition`, None when the edition has no such page."""
        if (edition, path) not in self._anchors:
            self._anchors[edition, path] = page_anchors(self.handbook_for(edition), edition, path)
        return self._anchors[edition, path]


def _anchor_hint(pages: EditionPages, entry: Any, language: str, target_page: str, anchor: str) -> Message | None:
    """Why a link from the answer text in `language` to `anchor` on `target_page` finds nothing (the hint of
    `rules.link_anchor`), or None when it finds its anchor."""
    record = _record_anchor(target_page, anchor)
    if record is None:
        return _heading_hint(pages, entry, language, target_page, anchor)
    domain, record_id = record
    # A record anchor is judged by its record alone, without rendering the page that carries it.
    known = {each.id for each in getattr(pages.handbook, domain)}
    return None if record_id in known else Message.of("rules.link_anchor_hint")


def _heading_hint(pages: EditionPages, entry: Any, language: str, target_page: str, anchor: str) -> Message | None:
    """The hint for a link to `anchor` on `target_page` from the answer text in `language` when some edition shows
    that text and has the page but not the anchor; None when every such edition has it."""
    primary = pages.handbook.organisation.language
    written = set(entry.answer.translations) if isinstance(entry.answer, Localized) else {primary}
    # The primary text also stands in for every language the answer is not yet written in.
    shown = {language} | ({other for other in pages.handbook.organisation.all_languages if other not in written}
                          if language == primary else set())
    # Editions in the text's own language first: a heading missing there is the editor's own slip.
    for edition in sorted((e for e in pages.editions if e.language in shown), key=lambda e: e.language != language):
        if entry.id not in {shown_entry.id for shown_entry in pages.handbook_for(edition).faq}:
            continue
        anchors = pages.anchors(edition, target_page)
        if anchors is None or anchor in anchors:
            continue
        if edition.language != language:
            return Message.of("rules.link_heading_untranslated_hint", language=Language(edition.language))
        close = suggestion(f"#{anchor}", sorted(f"#{present}" for present in anchors))
        return close or Message.of("rules.link_heading_hint", language=Language(edition.language))
    return None


def answer_problems(handbook: Handbook) -> list[Problem]:
    """Every FAQ answer in every language, as `check` reports it: removals as warnings, broken links as errors."""
    paths = every_page_path(handbook)
    pages = EditionPages(handbook)
    problems: list[Problem] = []
    for entry in handbook.faq:
        for path, text in _texts(entry, "answer"):
            problems += _text_problems(pages, entry, path, text, paths)
    return problems


def _text_problems(pages: EditionPages, entry: Any, path: Location, text: str, paths: set[str]) -> list[Problem]:
    """The problems of one answer text, each at the line of the construct inside the text."""
    # A text written per language sits under its language code; a plain text is the primary language's.
    language = str(path[1]) if len(path) > 1 else pages.handbook.organisation.language
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

    if may_make_links_or_headings(text):
        sanitised = render_data_markdown(text, lambda target: target if resolved(target) in paths else None)
        removed, unknown_pages, links = sanitised.removed, sanitised.unknown_pages, sanitised.links
    else:
        # Rendering such a text could find nothing more than this (see may_make_links_or_headings).
        removed, unknown_pages, links = shown_as_text(text), [], []
    for removal in removed:
        report(f"{REMOVED_PREFIX}{removal.kind}", Message.of(f"{REMOVED_PREFIX}{removal.kind}_hint"),
               removal.offset, True, what=removal.what)
    for target in unknown_pages:
        close = suggestion(target.partition("#")[0], sorted(paths))
        report("rules.link_page", close or Message.of("rules.link_page_hint"), max(text.find(target), 0), False,
               target=target)
    for target in dict.fromkeys(_relative_targets(links)):
        anchor, target_page = target.partition("#")[2], resolved(target)
        if anchor and (hint := _anchor_hint(pages, entry, language, target_page, anchor)) is not None:
            report("rules.link_anchor", hint, max(text.find(target), 0), False, target=target, page=target_page,
                   anchor=anchor)
    return problems


def _relative_targets(links: list[tuple[str, str]]) -> list[str]:
    """The relative link targets kept in the sanitised HTML (as the editor wrote them)."""
    return [value for tag, value in links
            if tag == "a" and ":" not in value.partition("#")[0] and not value.startswith("//")]
