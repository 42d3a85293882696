"""Editors' Markdown turned into safe HTML: the exact HTML, what was taken out (kind, words, where) and which
relative links name no page, for links, images, raw HTML, attr_list and template code."""

from __future__ import annotations

import random

import yaml
from conftest import SAMPLE

from macros.render.data_markup import (
    Removal,
    link_targets,
    may_make_links_or_headings,
    relative_page_link,
    render_data_markdown,
    shown_as_text,
)

# The Markdown pages of an edition, as `relative_page_link` is given them.
PAGES = {"faq.md", "contacts.md", "scenarios/outage.md", "scenarios/fire.md"}
OUTSIDE = "outside the handbook"


def test_relative_links_go_to_the_built_pages_of_the_edition():
    """From a scenario page: a link up to contacts and one beside it to another scenario become .html links (the
    anchor kept), a link to no page loses its target and is listed, an anchor of the page itself stays; the site's
    own images stay, an image or link to another host without scheme loses its target and is listed as removed."""
    sanitised = render_data_markdown(
        "[a](../contacts.md#role-it-lead) [b](fire.md) [c](missing.md) [d](#here) ![i](img/x.png) "
        "![j](//img.example/x.png) [e](//evil.example/x)", relative_page_link("scenarios/outage.md", PAGES), OUTSIDE)
    assert sanitised.html == (
        '<p><a href="../contacts.html#role-it-lead" rel="noopener">a</a> <a href="fire.html" rel="noopener">b</a> '
        '<a rel="noopener">c</a> <a href="#here" rel="noopener">d</a> <img alt="i" src="img/x.png"> <img alt="j"> '
        '<a rel="noopener">e</a></p>')
    assert sanitised.removed == [Removal("image", "//img.example/x.png", 94),
                                 Removal("link", "//evil.example/x", 119)]
    assert sanitised.unknown_pages == ["missing.md"]


def test_a_page_link_used_twice_is_rewritten_both_times():
    """The same target twice is two good links, and nothing is reported removed."""
    sanitised = render_data_markdown("[x](contacts.md) and [y](contacts.md)", relative_page_link("faq.md", PAGES))
    assert sanitised.html == ('<p><a href="contacts.html" rel="noopener">x</a> and '
                              '<a href="contacts.html" rel="noopener">y</a></p>')
    assert sanitised.removed == [] and sanitised.unknown_pages == []


def test_schemes_outside_the_allow_list_and_mail_with_headers_lose_their_target():
    """https: links are marked as leaving the handbook (visibly and for screen readers, the label escaped); a mailto:
    to one plain address and tel: stay; a mailto: with headers or without a domain, ftp: and javascript: are
    removed, each listed where it starts."""
    sanitised = render_data_markdown(
        "[s](https://a.example/) [w](mailto:help@example.com) [t](tel:+4930123456) [m](mailto:a@b) "
        "[q](mailto:a@b.example?bcc=spy@evil.example) [f](ftp://x.example/) [j](javascript:alert(1))",
        relative_page_link("faq.md", PAGES), "outside <the> handbook")
    assert sanitised.html == (
        '<p><a class="outside-link" href="https://a.example/" rel="noopener">s<span class="visually-hidden"> '
        '(outside &lt;the&gt; handbook)</span></a> <a href="mailto:help@example.com" rel="noopener">w</a> '
        '<a href="tel:+4930123456" rel="noopener">t</a> <a rel="noopener">m</a> <a rel="noopener">q</a> '
        '<a rel="noopener">f</a> <a rel="noopener">j</a></p>')
    assert sanitised.removed == [
        Removal("link", "mailto:a@b", 78), Removal("link", "mailto:a@b.example?bcc=spy@evil.example", 94),
        Removal("link", "ftp://x.example/", 139), Removal("link", "javascript:alert(1)", 161)]


def test_outside_link_without_a_label_has_only_its_class():
    """Without a label for screen readers, the outside link carries its class and no hidden words."""
    html = render_data_markdown("See [status](https://status.example.com/).", lambda target: None).html
    assert html == ('<p>See <a class="outside-link" href="https://status.example.com/" rel="noopener">status</a>.</p>')


def test_outside_link_over_two_lines_is_marked():
    """Link words broken over two lines in the data still get the outside mark."""
    html = render_data_markdown("[status\npage](https://status.example.com/)", lambda target: None, OUTSIDE).html
    assert html == ('<p><a class="outside-link" href="https://status.example.com/" rel="noopener">status\npage'
                    '<span class="visually-hidden"> (outside the handbook)</span></a></p>')


def test_outside_link_in_capitals_is_marked_too():
    """HTTPS:// is as much an outside link as https://: same class, same words for screen readers."""
    html = render_data_markdown("[status](HTTPS://status.example.com/)", lambda target: None, OUTSIDE).html
    assert html == ('<p><a class="outside-link" href="HTTPS://status.example.com/" rel="noopener">status'
                    '<span class="visually-hidden"> (outside the handbook)</span></a></p>')


def test_raw_html_attr_list_template_code_and_headings_are_shown_as_text_and_listed():
    """Each construct that does not reach the page as written is listed with its kind, its words (whitespace
    collapsed) and its offset, in the order of the text; a heading loses its tag but keeps its words."""
    sanitised = render_data_markdown("Hello <b\n  onclick=x>bold</b> {: .cls} {{ config }} {% if x %} and\n"
                                     "# Heading\n\n<!-- c --> </i> <br>", lambda target: None)
    assert sanitised.html == ('<p>Hello &lt;b\n  onclick=x&gt;bold&lt;/b&gt; {: .cls} {{ config }} {% if x %} and'
                              '</p>\nHeading\n<p>&lt;!-- c --&gt; &lt;/i&gt; &lt;br&gt;</p>')
    assert sanitised.removed == [
        Removal("tag", "<h1>", 0), Removal("raw_html", "<b onclick=x>", 6), Removal("attr_list", "{: .cls}", 30),
        Removal("template", "{{ config }}", 39), Removal("template", "{% if x %}", 52),
        Removal("raw_html", "<!-- c -->", 78), Removal("raw_html", "<br>", 94)]


def test_fenced_code_is_code_not_html_shown_as_text():
    """A fenced block becomes a code block and is not reported; raw HTML after it still is."""
    sanitised = render_data_markdown("Dial:\n\n```\n*21# then 0800\n```\n\n<b>now</b>", lambda target: None)
    assert sanitised.html == ("<p>Dial:</p>\n<pre><code>*21# then 0800\n</code></pre>\n"
                              "<p>&lt;b&gt;now&lt;/b&gt;</p>")
    assert sanitised.removed == [Removal("raw_html", "<b>", 31)]


def test_attr_list_with_an_assignment_is_listed_too():
    """{onclick=x} and {#id} are attr_list syntax as much as {: .cls}; plain braces are text."""
    sanitised = render_data_markdown("a {onclick=x} b {#top} c {plain}", lambda target: None)
    assert sanitised.html == "<p>a {onclick=x} b {#top} c {plain}</p>"
    assert sanitised.removed == [Removal("attr_list", "{onclick=x}", 2), Removal("attr_list", "{#top}", 16)]


def test_long_constructs_are_quoted_to_sixty_characters():
    """A construct of 60 characters is quoted whole; one of 61 is cut to 59 and an ellipsis."""
    sixty = '<i title="' + "b" * 48 + '">'
    sixty_one = '<i title="' + "b" * 49 + '">'
    assert render_data_markdown(sixty, lambda target: None).removed == [Removal("raw_html", sixty, 0)]
    assert render_data_markdown(sixty_one, lambda target: None).removed == [
        Removal("raw_html", sixty_one[:59] + "…", 0)]


def test_relative_page_link_resolves_against_the_current_page():
    """Targets are relative to the current page; the link keeps the target's own path, with .html and the anchor;
    a target outside the edition's pages is None."""
    link = relative_page_link("scenarios/outage.md", PAGES)
    assert link("../faq.md#faq-x") == "../faq.html#faq-x"
    assert link("fire.md") == "fire.html"
    assert link("./fire.md#") == "./fire.html"
    assert link("faq.md") is None
    assert relative_page_link("faq.md", PAGES)("scenarios/fire.md#level-1") == "scenarios/fire.html#level-1"


def test_link_targets_are_the_links_and_images_in_order():
    """Only an a's href and an img's src count, in document order; a link without href is none."""
    assert link_targets('<a href="x">a</a><img src="y"><a title="t">z</a><img alt="k"><area href="q">') == [
        ("a", "x"), ("img", "y")]


def test_titles_capitals_and_images_from_elsewhere():
    """A link's title survives (quotes are not escaped before Markdown reads them); a mail address in capitals is a
    plain address; an image from another host loses its source; a target Markdown rewrote (backslash escape) is
    listed at the start of the text."""
    sanitised = render_data_markdown('[docs](https://docs.example/ "Help pages") [m](mailto:Help@Example.COM) '
                                     "![s](https://e.example/p.png) [f](ftp://x.example/\\_y)", lambda target: None)
    assert sanitised.html == (
        '<p><a class="outside-link" href="https://docs.example/" title="Help pages" rel="noopener">docs</a> '
        '<a href="mailto:Help@Example.COM" rel="noopener">m</a> <img alt="s"> <a rel="noopener">f</a></p>')
    assert sanitised.removed == [Removal("link", "ftp://x.example/_y", 0),
                                 Removal("image", "https://e.example/p.png", 77)]


def test_raw_html_is_located_where_it_was_typed():
    """The offset of raw HTML is its first place in the text, not a later code span showing the same words."""
    sanitised = render_data_markdown("a <br> b `<br>`", lambda target: None)
    assert sanitised.removed == [Removal("raw_html", "<br>", 2)]


def test_ampersands_are_text_and_entities_their_character():
    """An ampersand and angle brackets are text; an entity typed into an answer is its character, as in any Markdown."""
    sanitised = render_data_markdown("Tom & Jerry &copy; <3 > 2", lambda target: None)
    assert sanitised.html == "<p>Tom &amp; Jerry © &lt;3 &gt; 2</p>"
    assert sanitised.removed == []


def test_code_shows_its_brackets_and_ampersands_once():
    """Inside code spans and fenced blocks, <, > and & read as typed (escaped once, not shown as &lt;)."""
    inline = render_data_markdown("Type `a < b && c > d` here", lambda target: None)
    assert inline.html == "<p>Type <code>a &lt; b &amp;&amp; c &gt; d</code> here</p>"
    fenced = render_data_markdown("```\n<b>x</b> & y\n```", lambda target: None)
    assert fenced.html == "<pre><code>&lt;b&gt;x&lt;/b&gt; &amp; y\n</code></pre>"
    assert inline.removed == fenced.removed == []


def test_a_quote_is_a_blockquote():
    """Lines starting with `>` quote, as Markdown writes them (blockquote is an allowed tag)."""
    sanitised = render_data_markdown("> Stay calm.\n> Call back.", lambda target: None)
    assert sanitised.html == "<blockquote>\n<p>Stay calm.\nCall back.</p>\n</blockquote>"


def test_the_links_kept_are_those_in_the_html():
    """`links` lists what parsing the sanitised HTML finds, outside-link marks, titles and entities included."""
    texts = ["[a](../contacts.md#role-it-lead) [c](missing.md) ![i](img/x.png) [e](//evil.example/x)",
             '[s](https://a.example/?a=1&b=2 "t <a href=x>") [t](tel:+4930) [j](javascript:alert(1)) <a href="y">',
             "[x](HTTPS://a.example/\n) ![k](https://img.example/k.png) [r][ref]\n\n[ref]: faq.md#x&amp;y"]
    for text in texts:
        for label in ("", OUTSIDE):
            sanitised = render_data_markdown(text, relative_page_link("scenarios/outage.md", PAGES), label)
            assert sanitised.links == link_targets(sanitised.html)


# Lines of Markdown to mix: headings (hash, underlined, in quotes and lists), lists, quotes, tables, code, rules,
# attr_list and template code, emphasis, ampersands, and plain words.
MARKDOWN_LINES = ["Call the IT lead.", "# Heading", "Title", "===", "---", "- item", "  ---", "> quoted", "> ===",
                  "1. first", "   - nested", "* * *", "| a | b |", "|---|---|", "| 1 | 2 |", "```", "code *21#", "    indented",
                  "Words {: .cls} and {{ config }} {% if x %}", "**bold** _em_ `code` & 5 > 3", "", "  ", "a = b - c",
                  "== not alone", "\tTabbed", "Line with two spaces  ", "Ends -", "-1 °C"]


def test_without_links_images_or_headings_rendering_finds_only_what_is_shown_as_text():
    """Whenever may_make_links_or_headings says no, render_data_markdown reports exactly shown_as_text: for the
    sample's answers and for many texts mixed from tricky lines; and it says yes for every heading and link."""
    answers = []
    for path in sorted((SAMPLE / "faq").glob("*.yml")):
        written = yaml.safe_load(path.read_text(encoding="utf-8"))["answer"]
        answers += list(written.values()) if isinstance(written, dict) else [written]
    mixer = random.Random(13)
    texts = answers + ["\n".join(mixer.choices(MARKDOWN_LINES, k=mixer.randint(1, 8))) for _ in range(1500)]
    quick = 0
    for text in texts:
        sanitised = render_data_markdown(text, relative_page_link("faq.md", PAGES), OUTSIDE)
        if not may_make_links_or_headings(text):
            quick += 1
            assert (sanitised.removed, sanitised.unknown_pages, sanitised.links) == (shown_as_text(text), [], []), text
    # Both kinds are well represented.
    assert len(texts) // 10 < quick < len(texts) * 9 // 10
    for text in ["# A", "A\n===", "> A\n> ---", "- A\n  ===", "[a](faq.md)", "<https://a.example>", "![i](x.png)"]:
        assert may_make_links_or_headings(text), text
