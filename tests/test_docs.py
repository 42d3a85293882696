"""Everything is documented, and the core stays free of MkDocs."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
from conftest import ROOT
from test_sample_data import _all_fields

from macros.model import DOMAINS

CORE_MODULES = ["macros.cli", "macros.loader", "macros.validation", "macros.messages", "macros.source",
                "macros.labels", "macros.model", "macros.edition", "macros.pages", "macros.redaction",
                "macros.translation", "macros.build", "macros.outputs", "macros.usb_copy", "macros.freshness",
                "macros.render.home", "macros.render.people", "macros.render.processes", "macros.render.risk",
                "macros.render.lists", "macros.render.diagrams", "macros.render.review", "macros.render.landing",
                "macros.render.print_pages", "macros.markup_check", "macros.page_anchors"]


def test_core_imports_no_mkdocs():
    """Loading, models, validation, rendering and the CLI work without importing MkDocs."""
    code = f"import sys; [__import__(m) for m in {CORE_MODULES!r}]; " \
           "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_registry_page_has_its_macro():
    """define_env registers exactly one macro per page of the registry, under the name its pages call."""
    from macros import define_env
    from macros.pages import PAGES

    class Env:
        def __init__(self):
            self.names = []

        def macro(self, function, name):
            self.names.append(name)

    env = Env()
    define_env(env)
    assert sorted(env.names) == sorted(page.macro for page in PAGES)
    assert len(set(env.names)) == len(env.names)


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
