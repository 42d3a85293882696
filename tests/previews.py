"""`mkdocs serve --dirty` (what `make serve` runs) on a data folder, for the tests of the preview."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from tests.conftest import ROOT, SAMPLE, SOURCE_DATE_EPOCH

# Words of one sample answer (faq/sim-blocked.yml) that the preview tests edit.
ANSWER = "Ihre Rufnummer und Ihr Vertrag"
# How long a build may take before the test gives up waiting (a guard against a hung server, not a speed test).
PATIENCE = 180


@dataclass
class Preview:
    """A running preview: its address and the folder MkDocs builds it into."""

    base: str
    site: Path
    log: Path

    def fetch(self, page: str) -> str | None:
        """The page as served (None while it is not there)."""
        try:
            with urllib.request.urlopen(self.base + page, timeout=10) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, OSError):
            return None

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + PATIENCE
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"the preview never showed {what}; its log:\n"
                                     + self.log.read_text(encoding="utf-8", errors="replace")[-4000:])
            time.sleep(0.1)


def sample_copy(work: Path) -> Path:
    """A writable copy of the sample data, named handbook_data like the real one."""
    data = work / "handbook_data"
    shutil.copytree(SAMPLE, data)
    return data


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def preview(data: Path, work: Path, port: int | None = None) -> Iterator[Preview]:
    """`mkdocs serve --dirty` of `data` at a fixed build time, until the block ends; waits for the first build."""
    temporary = work / f"serve-{time.monotonic_ns()}"
    temporary.mkdir(parents=True)
    port = port or free_port()
    log = temporary / "serve.log"
    env = {**os.environ, "HANDBOOK_DATA": str(data), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
           "TMPDIR": str(temporary), "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(ROOT / "mkdocs.yml"),
                                   "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=output, stderr=output)
        try:
            running = Preview(f"http://127.0.0.1:{port}/", temporary, log)
            running.wait_for(lambda: running.fetch("faq.html") is not None, "its first build")
            (running.site,) = temporary.glob("mkdocs_*")
            yield running
        finally:
            server.terminate()
            server.wait(timeout=30)
