"""Everything is documented, and the core stays free of MkDocs."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys

import pytest
from conftest import ROOT
from test_sample_data import _all_fields

from macros.model import DOMAINS

CORE_MODULES = ["macros.cli", "macros.loader", "macros.validation", "macros.messages", "macros.source",
                "macros.labels", "macros.model", "macros.render.home", "macros.render.people",
                "macros.render.processes", "macros.render.risk", "macros.render.lists", "macros.render.diagrams"]


def test_core_imports_no_mkdocs():
    """Loading, models, validation, rendering and the CLI work without importing MkDocs."""
    code = f"import sys; [__import__(m) for m in {CORE_MODULES!r}]; " \
           "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _registered_macros() -> list[str]:
    tree = ast.parse((ROOT / "macros" / "__init__.py").read_text(encoding="utf-8"))
    return [node.args[1].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "macro"]


def test_every_macro_is_used_by_a_page():
    """Each registered macro is called by a page in docs/ or by a page the site hook generates."""
    sources = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    sources += (ROOT / "macros" / "site_hooks.py").read_text(encoding="utf-8")
    macros = _registered_macros()
    assert macros
    assert [name for name in macros if f"{name}(" not in sources] == []


@pytest.mark.parametrize("module", [m for m in CORE_MODULES if m.startswith("macros.render")])
def test_every_renderer_has_a_docstring(module):
    """Public render functions say in one line what they produce."""
    imported = __import__(module, fromlist=["*"])
    public = [f for name, f in inspect.getmembers(imported, inspect.isfunction)
              if f.__module__ == module and not name.startswith("_")]
    assert [f.__name__ for f in public if not (f.__doc__ or "").strip()] == []


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda d: d.name)
def test_readme_documents_every_data_file_and_field(domain):
    """The README's data reference names each data file and every field of its records."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = readme[readme.index("## Data reference"):]
    assert f"`{domain.path}" in reference
    fields = {name.split(".")[-1] for name in _all_fields(domain.model)}
    assert sorted(f for f in fields if f"`{f}`" not in reference) == []
