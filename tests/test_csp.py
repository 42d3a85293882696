"""The Content-Security-Policy put into every page: the fixed directives and the hashes of the page's inline scripts."""

from __future__ import annotations

from macros.render.csp import inline_script_hashes, policy, with_policy, with_policy_renewed

# The policy of a page without inline scripts, written out: only the site itself, no plugin, no form, no <base>.
NO_INLINE = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "font-src 'self'; connect-src 'self'; worker-src 'self'; frame-src 'self'; object-src 'none'; "
             "base-uri 'none'; form-action 'none'")

# SHA-256 in base64 of each script's text, computed outside Python: printf '%s' TEXT | openssl dgst -sha256 -binary
# | base64.
SCOPE = "'sha256-l0+tCC6epHQQP4FXYzziJKSMaCsA7qfX296zyrhwaxY='"  # __md_scope=new URL(".",location)
MODULE = "'sha256-tJE8bzOI9olEqXH/B43QG5exY6s7Dud7GfuSzwl/VFw='"  # import "./x.js"
COMPARE = "'sha256-gFnBhNKYr7t58b+GghvodlZKwpDJMXtR27xRe656gnE='"  # var a = 1 < 2 && "</p>";

PAGE = """<!doctype html>
<html><head><meta http-equiv="Content-Security-Policy" content="handbook-content-security-policy">
<script src="assets/javascripts/bundle.js"></script>
<script>__md_scope=new URL(".",location)</script>
<script type="application/json" id="__config">{"search": "worker.js"}</script>
</head><body><p>Text after a script is no script.</p>
<script type="Module">import "./x.js"</script>
<script>__md_scope=new URL(".",location)</script>
<script type="text/JavaScript">var a = 1 < 2 && "</p>";</script>
<p>The word handbook-content-security-policy in the text stays.</p>
</body></html>
"""


def test_policy_of_a_page_without_inline_scripts_allows_only_the_site():
    """Every directive in order; script-src is the site alone, with no trailing space where hashes would go."""
    assert policy("<html><head><script src='a.js'></script></head><body><p>x</p></body></html>") == NO_INLINE


def test_policy_hashes_each_inline_script_once_in_page_order():
    """Inline scripts (no type, any JavaScript type in any case, type module) are hashed as written, each once in
    order of first appearance; scripts with src, JSON data and text outside scripts are not."""
    assert policy(PAGE) == NO_INLINE.replace("script-src 'self'", f"script-src 'self' {SCOPE} {MODULE} {COMPARE}")


def test_with_policy_fills_the_template_placeholder_once():
    """The meta written by the template gets the policy as written (single quotes unescaped); the placeholder's
    word elsewhere in the page is left alone."""
    expected = PAGE.replace(
        'content="handbook-content-security-policy"',
        'content="' + NO_INLINE.replace("script-src 'self'", f"script-src 'self' {SCOPE} {MODULE} {COMPARE}") + '"')
    assert with_policy(PAGE) == expected


def test_page_without_placeholder_is_unchanged():
    """A page the template did not write (an asset, a redirect page) is returned as it came."""
    page = "<html><head><script>x()</script></head></html>"
    assert with_policy(page) == page


def test_a_script_inside_a_comment_is_not_hashed_and_the_scripts_around_it_are():
    """A comment may name a script without running it, even one it never closes; upper-case tags count."""
    page = ("<!-- <script>old()</script> --><script>now()</script><!-- <script -->\n"
            "<SCRIPT type='text/javascript'>later()</SCRIPT >")
    assert inline_script_hashes(page) == ["'sha256-KKTa4EYeF69W6XnCCVq/vgv8Rf6cqKvzFEM4pRihu48='",
                                          "'sha256-f8plukodqiAw19oLr0fca/Sq1r/zaF/x6Vl1esaHkOw='"]


def test_a_policy_renewed_allows_a_script_added_after_the_page_was_written():
    """The preview's server adds its live-reload script to each page served: the page's policy then names it too."""
    written = with_policy("<html><head>" + PAGE.split("<html><head>")[1])
    served = written.replace("</body>", "<script>livereload(1, 2);</script></body>")
    renewed = with_policy_renewed(served)
    assert renewed == served.replace(f"{COMPARE};", f"{COMPARE} 'sha256-02oJ9ZDGK7x2P3RtH2OlVANndh0Cvq9lInkP4oE85Lo=';")
    assert with_policy_renewed("<p>no policy here</p>") == "<p>no policy here</p>"
