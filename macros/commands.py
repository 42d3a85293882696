"""How messages name the commands to run: `make review`, or `make review DATA=other_data` for another data folder."""

from __future__ import annotations

import shlex
from pathlib import Path

# The data folder the Makefile reads when DATA is not given.
DEFAULT_DATA = Path("handbook_data")


def make_command(name: str, data: Path | str | None = None, *arguments: str) -> str:
    """The make command for `name` on the data folder in use, with extra `arguments` (`TEXT="…"`) as written."""
    words = ["make", name]
    if data is not None and Path(data).resolve() != DEFAULT_DATA.resolve():
        words.append(f"DATA={shlex.quote(str(data))}")
    return " ".join([*words, *arguments])
