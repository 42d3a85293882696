"""The Content-Security-Policy every page carries as a `<meta http-equiv>`: nothing from outside the site, and no
inline script but the few Material writes into every page, allowed by their SHA-256 hashes (never 'unsafe-inline').

The template writes the meta with a placeholder; `with_policy` puts in the policy with the hashes of the page's
own inline scripts once the page is complete, so an upgrade of Material that changes them keeps working.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from html.parser import HTMLParser

# Written by overrides/main.html where the policy goes; replaced in every page by `with_policy`.
PLACEHOLDER = "handbook-content-security-policy"
# Only the site itself. Styles may be inline (Material's scripts and the diagrams set style attributes; a style
# runs nothing, and data text never reaches one); images may be data: URIs (Material's icons in its CSS). The
# search runs in a worker of the site or, from file://, in a frame of the site (iframe-worker-shim.js). No form
# sends anything anywhere, no <base> redirects relative links, no plugin content.
_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' {hashes}"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
)


class _InlineScripts(HTMLParser):
    """The text of every inline script that runs (not `type="application/json"`, which is data)."""

    def __init__(self) -> None:
        # A script's text is never unescaped, whatever convert_charrefs says: the default is as good as any.
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False  # pragma: no mutate (None is as false as False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        kind = (values.get("type") or "").lower()
        runs = not kind or "javascript" in kind or kind == "module"
        self._inside = tag == "script" and "src" not in values and runs
        if self._inside:
            self.scripts.append("")

    def handle_data(self, data: str) -> None:
        if self._inside:
            # Older Pythons hand a script's text over in pieces, split at each "</" in it.
            self.scripts[-1] += data  # pragma: no mutate (this Python gives it in one piece)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False  # pragma: no mutate (None is as false as False)


# Every script element (a script's text cannot hold "</script"), and the comments, which may name one without it.
# The shared "<" up front lets the regex engine skip to the next "<" instead of trying both at every character.
_SCRIPTS_AND_COMMENTS = re.compile(r"<(?:!--.*?-->|script\b.*?</script\s*>)", re.IGNORECASE | re.DOTALL)


def inline_script_hashes(page: str) -> list[str]:
    """CSP source expressions ('sha256-…') of the page's inline scripts, in order, each once."""
    # Only the script elements go through the HTML parser: parsing the whole page cost a tenth of the build.
    return list(_hashes_of_scripts("".join(found.group(0) for found in _SCRIPTS_AND_COMMENTS.finditer(page)
                                           if not found.group(0).startswith("<!--"))))


# Every page of a site carries the same few script elements (they differ only by the page's depth): parsed once.
@lru_cache(maxsize=64)
def _hashes_of_scripts(script_elements: str) -> tuple[str, ...]:
    parser = _InlineScripts()
    parser.feed(script_elements)
    hashes = ("'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
              for script in parser.scripts)
    return tuple(dict.fromkeys(hashes))


def policy(page: str) -> str:
    """The policy for one complete page."""
    hashes = " ".join(inline_script_hashes(page))
    return "; ".join(f"{name} {value.format(hashes=hashes)}".strip() for name, value in _DIRECTIVES)


def with_policy(page: str) -> str:
    """The page with its policy in place of the template's placeholder (unchanged without one)."""
    if PLACEHOLDER not in page:
        return page
    # Keywords, single-quoted words and base64 hold nothing to escape in the double-quoted attribute.
    return page.replace(PLACEHOLDER, policy(page), 1)


_POLICY_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")')


def with_policy_renewed(page: str) -> str:
    """The page with its policy worked out again, for a script added after the page was written (the preview's
    live reload, which MkDocs' server adds to every page it serves)."""
    return _POLICY_META.sub(lambda found: found.group(1) + policy(page) + found.group(2), page, count=1)
