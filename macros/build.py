"""One build as one transaction: every edition in every language into staging folders, swapped in at the end.

The data is loaded and validated once (by the caller). Each edition is redacted and put into each of
its languages once; MkDocs builds its site in this process; the writers fill its dist/ folder; the
USB copy packs all its languages. Only when all of that succeeded do the new site/ and dist/ replace
the old ones. A failure, Ctrl-C or SIGTERM leaves the previous output as it was and no staging folder.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from types import TracebackType
from typing import IO

from . import print_outputs, usb_copy
from .edition import Edition
from .errors import HandbookError, Message
from .model import Handbook
from .outputs import outputs_for
from .redaction import edition_handbook
from .render.landing import render_language_choice

# A static site is read by a web server's user too; tempfile makes its folders private (0700), and a strict
# umask (077) would make every file private as well.
SITE_FOLDER_MODE = 0o755
SITE_FILE_MODE = 0o644
LOCK_NAME = ".handbook-build.lock"


class BuildBusy(HandbookError):
    """Another build is writing into the same folders."""


# The build locks this process holds. A language worker forked from it closes its copies at once: the lock is the
# build's and ends with it, not with the last worker to exit.
_HELD_LOCKS: set[IO[str]] = set()


def _close_held_locks() -> None:
    for file in _HELD_LOCKS:
        file.close()
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_close_held_locks)


class BuildLock:
    """An exclusive lock next to the output, so two builds at once never mix their files."""

    def __init__(self, folder: Path):
        self.path = folder / LOCK_NAME
        self.file: IO[str] | None = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.file.seek(0)
            holder = self.file.read().strip().removeprefix("process ") or "?"
            self.file.close()
            raise BuildBusy(Message.of("cli.busy", pid=holder, lock=self.path)) from None
        self.file.seek(0)
        self.file.truncate()
        self.file.write(f"process {os.getpid()}")
        self.file.flush()
        _HELD_LOCKS.add(self.file)
        return self

    def __exit__(self, *_: object) -> None:
        if self.file is not None:
            _HELD_LOCKS.discard(self.file)
            self.file.close()


@dataclass
class Staging:
    """New site/ and dist/ folders built beside the final ones, swapped in by `commit` (two renames each).

    With `only` (one edition), only that edition's folders inside site/ and dist/ are replaced.
    """

    site: Path
    dist: Path
    only: str | None = None
    new_site: Path = field(init=False)
    new_dist: Path = field(init=False)

    def __enter__(self) -> Staging:
        self.new_site = _staging_folder(self.site)
        self.new_dist = _staging_folder(self.dist)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        # After a commit the staging folders are gone; after any failure they are removed here.
        shutil.rmtree(self.new_site, ignore_errors=True)
        shutil.rmtree(self.new_dist, ignore_errors=True)

    def commit(self) -> None:
        """Swap the new output in: the whole site/ and dist/, or only the one edition's folders in them."""
        world_readable(self.new_site)
        world_readable(self.new_dist)
        if self.only is None:
            _swap_in(self.new_site, self.site)
            _swap_in(self.new_dist, self.dist)
            return
        for staged, final in ((self.new_site, self.site), (self.new_dist, self.dist)):
            final.mkdir(parents=True, exist_ok=True)
            os.chmod(final, SITE_FOLDER_MODE)
            if (staged / self.only).exists():
                _swap_in(staged / self.only, final / self.only)


def world_readable(folder: Path) -> None:
    """Every folder below `folder` 0755 and every file 0644, whatever the umask the build ran with."""
    os.chmod(folder, SITE_FOLDER_MODE)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), SITE_FOLDER_MODE)
        for name in files:
            os.chmod(os.path.join(parent, name), SITE_FILE_MODE)


def _staging_folder(final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent))
    os.chmod(folder, SITE_FOLDER_MODE)
    return folder


def _swap_in(staging: Path, final: Path) -> None:
    """Replace `final` by `staging` with two renames, so a reader never sees a half-written folder."""
    retired = final.with_name(f".{final.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    shutil.rmtree(retired, ignore_errors=True)


def build_one(handbook: Handbook, edition: Edition, config_file: Path, site_dir: Path,
              dist_dir: Path) -> tuple[tuple[Message | str, ...], Handbook]:
    """One edition in one language: its handbook (redacted, in its language), its site and its dist files.
    Runs in a worker process when several are built at once: everything it needs comes in its arguments."""
    from .site_build import build_site

    prepared = edition_handbook(handbook, edition)
    build_site(prepared, edition, site_dir, config_file)
    written = [output.write(prepared, edition, site_dir, dist_dir) for output in outputs_for(edition)]
    return (Message.of("cli.report_site", folder=edition.folder), *written), prepared


def build_language(handbook: Handbook, jobs: list[tuple[Edition, Path, Path]], config_file: Path
                   ) -> list[tuple[tuple[Message | str, ...], Handbook]]:
    """The editions of one language, one after the other: each reuses the prints of the pages it shows like one
    built before it (from the print cache), as only a page's words, not its edition, decide its print; all print
    in one Chromium, started at once, beside the first site's build."""
    with print_outputs.one_browser():
        if any(output.needs_browser for edition, _, _ in jobs for output in outputs_for(edition)):
            print_outputs.start_browser()
        return [build_one(handbook, edition, config_file, site_dir, dist_dir) for edition, site_dir, dist_dir in jobs]


def build_editions(handbook: Handbook, editions: list[Edition], config_file: Path,
                   staging: Staging) -> list[tuple[Message | str, ...]]:
    """Build every edition × language into the staging folders; return one report line per written part,
    as its parts (the command line joins them with "; ", in the reader's language).

    The languages are built side by side, one worker process each up to twice the cores (printing the PDFs is
    most of the work, and a worker waiting for Chromium leaves its core to another: with three languages on two
    cores, two workers left the third language alone at the end), and the editions of a language one after the
    other in its worker, so that they share their prints and one Chromium; then each edition's USB copy packs all
    its languages.
    """
    languages = list(dict.fromkeys(edition.language for edition in editions))
    by_language = [[(edition, staging.new_site / edition.folder, staging.new_dist / edition.folder)
                    for edition in editions if edition.language == language] for language in languages]
    workers = min(len(by_language), 2 * (os.cpu_count() or 1))
    if workers > 1:
        # Forked from this process, which has loaded the data and started no thread, browser or MkDocs yet: a worker
        # starts building at once, where a fresh interpreter ("spawn") first spent 0.6–1.0 CPU-s importing.
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        try:
            per_language = list(pool.map(build_language, [handbook] * len(by_language), by_language,
                                         [config_file] * len(by_language)))
        except BaseException:
            # The other languages stop writing into the staging folders before these are removed.
            pool.shutdown(cancel_futures=True)
            raise
        # Done: the workers' exit (an interpreter's teardown, about 0.6 s) need not hold up the copies.
        pool.shutdown(wait=False)
    else:
        per_language = [build_language(handbook, jobs, config_file) for jobs in by_language]
    done = {edition.folder: result for jobs, results in zip(by_language, per_language)
            for (edition, _, _), result in zip(jobs, results)}
    results = [done[edition.folder] for edition in editions]
    copies = []
    for edition_id, group in groupby(zip(editions, results), key=lambda pair: pair[0].id):
        built = [(prepared, edition) for edition, (_, prepared) in group]
        edition_site = staging.new_site / edition_id
        (edition_site / "index.html").write_text(render_language_choice(built), encoding="utf-8")
        copies.append((built[0][0], built[0][1], edition_site, staging.new_dist / edition_id))
    # Packed side by side: deflating and hashing run outside the interpreter's lock.
    with ThreadPoolExecutor(max_workers=max(1, len(copies))) as packers:
        archives = list(packers.map(lambda copy: usb_copy.write(*copy), copies))
    report = []
    for (_, packed, _, _), archive in zip(copies, archives):
        report += [line for edition, (line, _) in zip(editions, results) if edition.id == packed.id]
        report.append((Message.of("cli.report_copy", edition=packed.id, name=archive.name),))
    return report
