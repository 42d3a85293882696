"""The files `build` writes into dist/ after the site is in place (USB copy, PDFs, contact exports).

Each writer takes the validated handbook, the finished site folder and the dist folder. The list
is in build order: later writers may use what earlier ones wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .model import Handbook

OutputWriter = Callable[[Handbook, Path, Path], None]

WRITERS: list[OutputWriter] = []
