"""The files `build` writes into dist/ after the site is in place (USB copy, PDFs, contact exports).

Each writer takes the validated handbook, the finished site folder and the dist folder. The list
is in build order: later writers may use what earlier ones wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import contact_exports, print_outputs, usb_copy
from .model import Handbook

OutputWriter = Callable[[Handbook, Path, Path], None]

WRITERS: list[OutputWriter] = [
    # The USB copy packs the finished site: keep it after any writer that adds files to the site.
    usb_copy.write,
    # The emergency folder, checklist PDFs, alerting plan and wallet cards, printed by Chromium.
    print_outputs.write,
    # contacts.vcf and contacts.csv for phones and spreadsheets.
    contact_exports.write,
]
