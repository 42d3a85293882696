"""A build under stress: interrupted (Ctrl-C, SIGTERM), started twice at once, run with a private umask. Each
time the user reads one line, and site/ and dist/ are either the previous ones byte for byte or readable by all."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, ROOT
from printed_sample import require_chromium
from test_editions import BUILD_EPOCH, run_build, tree_digest

from macros.build import LOCK_NAME, BuildLock


@pytest.fixture
def built_once(tmp_path) -> tuple[Path, Path, Path]:
    """The minimal handbook built once: its data folder, site/ and dist/."""
    require_chromium()
    data = tmp_path / "handbook_data"
    shutil.copytree(MINIMAL, data)
    site, dist = tmp_path / "site", tmp_path / "dist"
    result = run_build(data, site, dist)
    assert result.returncode == 0, result.stdout + result.stderr
    return data, site, dist


def errors(stderr: str) -> list[str]:
    """The lines of stderr other than the data's warnings (the minimal handbook has a few)."""
    return [line for line in stderr.splitlines() if not line.startswith("warning: ")]


def leftovers(folder: Path) -> list[str]:
    """Staging and retired folders a build left beside site/ and dist/."""
    return sorted(p.name for p in folder.iterdir() if ".building-" in p.name or p.name.endswith(".old"))


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "SIGTERM"])
def test_an_interrupted_build_says_one_line_and_changes_nothing(built_once, signal_number):
    """Interrupted while it builds, the command prints one line, exits 130, removes its staging folders and leaves
    site/ and dist/ byte-identical."""
    data, site, dist = built_once
    before = tree_digest(site, dist)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    process = subprocess.Popen([sys.executable, "-m", "macros", "build", "--data", str(data), "--site", str(site),
                                "--dist", str(dist)], cwd=ROOT, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    # Wait until the build is writing into its staging folder, then interrupt it.
    while not any(".building-" in p.name for p in site.parent.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "the build never started staging"
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal_number)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, out + err
    assert errors(err) == ["Interrupted: nothing was changed."]
    assert tree_digest(site, dist) == before
    assert leftovers(site.parent) == []


def test_an_interrupt_inside_a_string_exec_still_exits_130(tmp_path):
    """A Ctrl-C or SIGTERM that lands while a library runs a string exec (dataclasses make their methods that way
    during imports) still ends `python -m …` with 130 and the one line, not with death by SIGINT."""
    (tmp_path / "interrupted_in_exec.py").write_text(
        "import sys\n"
        "from macros import cli\n"
        "def interrupted(*_):\n"
        "    exec('raise KeyboardInterrupt', {})\n"
        "cli.run_check = interrupted\n"
        "sys.exit(cli.main(['check', '--data', sys.argv[1]]))\n", encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    result = subprocess.run([sys.executable, "-m", "interrupted_in_exec", str(MINIMAL)], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr) == (130, "Interrupted: nothing was changed.\n")


def test_an_interrupt_python_could_not_raise_still_stops_the_build(tmp_path):
    """A SIGTERM whose KeyboardInterrupt lands in a weakref callback, where Python drops it, still keeps the build
    from swapping its output in: the command says its one line and exits 130, and nothing is written."""
    (tmp_path / "interrupted_in_callback.py").write_text(
        "import signal, sys, weakref\n"
        "from macros import cli\n"
        "class Held: pass\n"
        "def built_while_interrupted(*_):\n"
        "    held = Held()\n"
        "    watch = weakref.ref(held, lambda _: signal.raise_signal(signal.SIGTERM))\n"
        "    del held\n"
        "    return [('built',)]\n"
        "cli.build_editions = built_while_interrupted\n"
        "sys.exit(cli.main(['build', '--data', sys.argv[1], '--site', sys.argv[2], '--dist', sys.argv[3]]))\n",
        encoding="utf-8")
    site, dist = tmp_path / "site", tmp_path / "dist"
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
                   "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    result = subprocess.run([sys.executable, "-m", "interrupted_in_callback", str(MINIMAL), str(site), str(dist)],
                            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    assert (result.returncode, errors(result.stderr)) == (130, ["Interrupted: nothing was changed."])
    assert not site.exists() and not dist.exists()
    assert leftovers(tmp_path) == []


def test_a_second_build_at_once_is_refused_with_one_line(built_once):
    """While a build holds the lock, another one stops at once, saying which process builds and that nothing
    changed; nothing did."""
    data, site, dist = built_once
    before = tree_digest(site, dist)
    with BuildLock(site.resolve().parent):
        result = run_build(data, site, dist)
    assert result.returncode == 1, result.stdout + result.stderr
    lock = site.resolve().parent / LOCK_NAME
    assert errors(result.stderr) == [
        f"error: another build is running here (process {os.getpid()}, lock {lock}); wait for it to finish, "
        "then build again",
        f"The build failed; {site.resolve()}/ and {dist.resolve()}/ are unchanged."]
    assert tree_digest(site, dist) == before


def _outlive_the_build(ready: Any, done: Any) -> None:
    ready.set()
    done.wait(30)


def test_the_lock_ends_with_the_build_though_a_forked_worker_lives_on(tmp_path):
    """The language workers are forked while the build holds its lock and may still be exiting when it ends: the
    next build takes the lock at once."""
    context = multiprocessing.get_context("fork")
    ready, done = context.Event(), context.Event()
    with BuildLock(tmp_path):
        worker = context.Process(target=_outlive_the_build, args=(ready, done))
        worker.start()
        assert ready.wait(30)
    try:
        with BuildLock(tmp_path):
            assert worker.is_alive()
    finally:
        done.set()
        worker.join(30)


def test_the_site_is_world_readable_whatever_the_umask(tmp_path):
    """Built with umask 077 (every new file private), the site and dist/ are still 0644 files in 0755 folders."""
    require_chromium()
    data = tmp_path / "handbook_data"
    shutil.copytree(MINIMAL, data)
    site, dist = tmp_path / "site", tmp_path / "dist"
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--data", str(data), "--site", str(site),
                             "--dist", str(dist)], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=900, preexec_fn=lambda: os.umask(0o077))
    assert result.returncode == 0, result.stdout + result.stderr
    wrong = [f"{path.relative_to(tmp_path)} {stat.filemode(path.stat().st_mode)}"
             for folder in (site, dist) for path in [folder, *folder.rglob("*")]
             if stat.S_IMODE(path.stat().st_mode) != (0o755 if path.is_dir() else 0o644)]
    assert wrong == []
