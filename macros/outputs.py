"""The files a build writes into dist/ for each edition in each language, after its site is built.

Each writer takes the edition's handbook (already redacted and in its language), the edition, the
built site of that language and the dist folder of that language, and returns a line for the report.
The USB copy is written once per edition, over all its languages (macros/build.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import contact_exports, print_outputs
from .edition import Edition
from .model import Audience, Handbook

OutputWriter = Callable[[Handbook, Edition, Path, Path], str]


@dataclass(frozen=True)
class Output:
    """A writer and the editions that get its files."""

    name: str
    write: OutputWriter
    audiences: frozenset[Audience]
    # Needs Chromium (the build checks for it before it starts).
    needs_browser: bool = False


INTERNAL = frozenset({Audience.staff, Audience.crisis_team})

OUTPUTS: list[Output] = [
    # The emergency folder, checklist PDFs, alerting plan and wallet cards, printed by Chromium.
    Output("print", print_outputs.write, INTERNAL, needs_browser=True),
    # contacts.vcf and contacts.csv for phones and spreadsheets (staff names: never for the public).
    Output("contacts", contact_exports.write, INTERNAL),
]


def outputs_for(edition: Edition) -> list[Output]:
    """The writers whose files `edition` gets."""
    return [output for output in OUTPUTS if edition.audience in output.audiences]
