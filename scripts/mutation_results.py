"""mutmut 3's results as statuses per module, read from its own files in mutants/ (shared by the mutation scripts)."""

from __future__ import annotations

import json
from pathlib import Path

# mutmut 3's exit codes (mutmut/stats.py): what each mutant's test run ended with.
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 36: "timeout", 24: "timeout",
          -24: "timeout", 152: "timeout", 255: "timeout", 37: "killed", 34: "skipped", None: "not checked"}
SURVIVING = ("survived", "no tests")


def results(root: Path, module: str) -> dict[str, dict[str, str]]:
    """{module path: {mutant name: status}} for the modules under `module` (all when empty), unchecked ones too."""
    found: dict[str, dict[str, str]] = {}
    for meta in sorted(root.glob("**/*.py.meta")):
        path = meta.relative_to(root).as_posix().removesuffix(".meta")
        if module and not (path == module or path.startswith(module.rstrip("/") + "/")):
            continue
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        if codes:
            found[path] = {name: STATUS.get(code, "suspicious") for name, code in codes.items()}
    return found
