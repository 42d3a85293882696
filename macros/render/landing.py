"""The page at the top of an edition's folder: the handbook's languages, each opening its home page.

With one language it forwards at once; from a USB stick it works without script (plain links).
"""

from __future__ import annotations

import html

from babel import Locale

from ..edition import Edition
from ..model import Handbook
from .home import build_stamp


def render_language_choice(handbooks: list[tuple[Handbook, Edition]]) -> str:
    """A standalone HTML page linking `<lang>/index.html` for each language of one edition (primary first)."""
    first_handbook, first = handbooks[0]
    links = []
    for handbook, edition in handbooks:
        # Each language named in itself (a Locale's display name is in its own language).
        name = Locale.parse(edition.language).get_display_name() or edition.language
        links.append(f'<li><a href="{edition.language}/index.html" hreflang="{edition.language}" '
                     f'lang="{edition.language}"><strong>{html.escape(name)}</strong>: '
                     f"{html.escape(str(handbook.organisation.handbook_title))}</a></li>")
    forward = (f'<meta http-equiv="refresh" content="0; url={first.language}/index.html">'
               if len(handbooks) == 1 else "")
    marking = (f'<p class="classification"><strong>{html.escape(first.classification)}</strong></p>'
               if first.classification else "")
    return (f'<!DOCTYPE html>\n<html lang="{first.language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{forward}'
            f"<title>{html.escape(str(first_handbook.organisation.handbook_title))}</title>"
            "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
            "line-height:1.5}li{margin:.75rem 0;font-size:1.2rem}a{color:#1a237e}</style></head>\n<body>"
            f"{marking}<h1>{html.escape(str(first_handbook.organisation.handbook_title))}</h1><ul>{''.join(links)}</ul>"
            f"<p><small>{html.escape(build_stamp(first_handbook, first))}</small></p></body></html>\n")
