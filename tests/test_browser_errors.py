"""A browser that cannot start is one clear line naming what to install, never a traceback.

Stand-ins for Playwright's node driver and for Chromium fail the way a minimal Debian makes them fail
(a shared library missing), so these tests need neither a broken machine nor a working Chromium.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import MINIMAL, ROOT, SOURCE_DATE_EPOCH


def failing_program(folder, name: str, library: str):
    """An executable that fails as the dynamic loader does when `library` is missing."""
    program = folder / name
    program.write_text(f"#!/bin/sh\necho \"{program}: error while loading shared libraries: {library}: cannot open "
                       "shared object file: No such file or directory\" >&2\nexit 127\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def start_chromium(**environment: str) -> subprocess.CompletedProcess:
    """Start and close chromium() in a fresh Python (the session's own browser may hold this thread's Playwright)."""
    code = ("import sys\nfrom macros.browser import BrowserMissing, chromium\ntry:\n    with chromium():\n        pass\n"
            "except BrowserMissing as error:\n    print(error)\n    sys.exit(3)\n")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **environment},
                          capture_output=True, text=True, timeout=300)


def test_driver_without_libatomic_names_the_package(tmp_path):
    """Playwright's bundled node without libatomic.so.1 (a fresh Debian root) says: install libatomic1."""
    result = start_chromium(PLAYWRIGHT_NODEJS_PATH=str(failing_program(tmp_path, "node", "libatomic.so.1")),
                            HANDBOOK_CHROMIUM=str(failing_program(tmp_path, "chromium", "libnss3.so")))
    assert (result.returncode, result.stdout, result.stderr) == (3, (
        "Playwright's browser driver cannot start: libatomic.so.1 is missing (as root: apt-get install libatomic1)\n"), "")


def test_chromium_without_a_library_names_the_package(tmp_path):
    """Chromium that cannot load a library gives one line naming the library and its Debian package."""
    fake = failing_program(tmp_path, "chromium", "libnss3.so")
    result = start_chromium(HANDBOOK_CHROMIUM=str(fake))
    assert (result.returncode, result.stdout, result.stderr) == (3, (
        f"Chromium ({fake}) cannot start: libnss3.so is missing (as root: apt-get install libnss3)\n"), "")


def test_chromium_failing_otherwise_is_still_one_line(tmp_path):
    """Any other start-up failure is quoted from Chromium's own words, on one line."""
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\necho 'second line' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    result = start_chromium(HANDBOOK_CHROMIUM=str(fake))
    assert result.returncode == 3, result.stderr
    assert result.stdout.startswith(f"Chromium ({fake}) cannot start: cannot open display")
    assert result.stdout.count("\n") == 1 and result.stderr == ""


def test_build_with_a_broken_chromium_ends_in_one_line_not_a_traceback(tmp_path):
    """`python -m macros build` with a Chromium that cannot start exits non-zero with the one line, no traceback."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
                   "HANDBOOK_CHROMIUM": str(failing_program(tmp_path, "chromium", "libnss3.so"))}
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--data", str(MINIMAL), "--site",
                             str(tmp_path / "site"), "--dist", str(tmp_path / "dist")], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("libnss3.so is missing (as root: apt-get install libnss3)")
