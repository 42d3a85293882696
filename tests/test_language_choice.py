"""The page at the top of an edition's folder: one link per language, forwarding at once when there is one."""

from __future__ import annotations

from conftest import ROOT, SAMPLE, load_on_test_day
from editions import prepared

from macros.render.landing import render_language_choice

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual"
STYLE = ("<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
         "line-height:1.5}li{margin:.75rem 0;font-size:1.2rem}a{color:#1a237e}</style>")


def test_two_languages_are_two_links_in_their_own_language_and_no_forward():
    """German first (the primary language), each language named in itself with its own handbook title."""
    handbook = load_on_test_day(BILINGUAL)
    page = render_language_choice([prepared(handbook, "staff", language) for language in ("de", "en")])
    assert page == (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Beispiel-Notfallhandbuch</title>{STYLE}</head>\n"
        "<body><h1>Beispiel-Notfallhandbuch</h1><ul>"
        '<li><a href="de/index.html" hreflang="de" lang="de"><strong>Deutsch</strong>: Beispiel-Notfallhandbuch</a></li>'
        '<li><a href="en/index.html" hreflang="en" lang="en"><strong>English</strong>: Example emergency handbook</a></li>'
        # The build stamp keeps date, time and zone together with no-break spaces.
        "</ul><p><small>Mitarbeitende · Version 1.0 · erstellt 23.11.2026,\u00a010:30\u00a0Uhr\u00a0MEZ</small></p>"
        "</body></html>\n")


def test_one_language_forwards_at_once():
    """With a single language the page sends the browser straight to its home page."""
    handbook = load_on_test_day(BILINGUAL)
    page = render_language_choice([prepared(handbook, "staff", "en")])
    assert '<meta http-equiv="refresh" content="0; url=en/index.html">' in page
    assert '<html lang="en">' in page and "<title>Example emergency handbook</title>" in page


def test_the_edition_s_classification_heads_the_page():
    """The staff edition's marking stands above the title, as on every page of that edition."""
    page = render_language_choice([prepared(load_on_test_day(SAMPLE), "staff", "en")])
    assert ('<body><p class="classification"><strong>INTERNAL: for staff of Lindenblatt Mobile and its service '
            "providers</strong></p><h1>") in page
    public = render_language_choice([prepared(load_on_test_day(SAMPLE), "public", "en")])
    assert 'class="classification"' not in public
