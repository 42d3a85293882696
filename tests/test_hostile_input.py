"""Hostile and careless input: every case of tests/hostile_cases.py gives exactly its lines from `check`, never a
traceback, a hang or a memory blow-up; the sanitiser's output is exact; the loader and the sanitiser hold up on
arbitrary text (hypothesis)."""

from __future__ import annotations

import re
import resource
import shutil
import signal
from pathlib import Path

import pytest
from conftest import MINIMAL, TODAY
from hostile_cases import CHANGES, EXPECTED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.errors import DataError
from macros.loader import load_handbook
from macros.markup_check import is_removal
from macros.render.data_markup import relative_page_link, render_data_markdown
from macros.source import read_yaml

# Every case must be answered within this many seconds and this much memory (the alias bomb took 150 s and 3 GB).
CASE_SECONDS = 20
CASE_MEMORY = 1_500_000_000


def _timeout(*_: object) -> None:
    raise TimeoutError(f"no answer within {CASE_SECONDS} s")


def check_lines(data: Path) -> list[str]:
    """What `check` says about the data, one line each (English): the errors, or the warnings about removals."""
    try:
        handbook = load_handbook(data, today=TODAY)
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return [f"warning: {warning}" for warning in handbook.warnings if is_removal(warning)]


@pytest.fixture
def bounded():
    """The case runs under a time limit and an address-space limit: a hang or blow-up fails, it does not stall."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    previous = signal.signal(signal.SIGALRM, _timeout)
    resource.setrlimit(resource.RLIMIT_AS, (CASE_MEMORY, hard))
    signal.alarm(CASE_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_the_catalogue_is_complete():
    """At least 60 cases, each with its expected lines (and nothing expected for a case that does not exist)."""
    assert len(CHANGES) >= 60
    assert CHANGES.keys() == EXPECTED.keys()
    assert all(EXPECTED[name] for name in EXPECTED), [name for name in EXPECTED if not EXPECTED[name]]


@pytest.mark.parametrize("case", list(CHANGES))
def test_hostile_input_gives_exactly_its_message(case, tmp_path, bounded):
    """The changed fixture makes `check` say exactly the expected lines: no traceback, no hang, no blow-up."""
    data = tmp_path / "handbook_data"
    shutil.copytree(MINIMAL, data)
    changes = CHANGES[case]
    for change in changes if isinstance(changes, tuple) else (changes,):
        change.apply(data, tmp_path / "outside")
    expected = [line.replace("{outside}", str((tmp_path / "outside").resolve())) for line in EXPECTED[case]]
    assert check_lines(data) == expected


def test_plain_tags_and_dotfiles_are_fine(tmp_path):
    """`!!str` is a plain scalar type and `.gitkeep` is no data file: neither is a problem."""
    data = tmp_path / "handbook_data"
    shutil.copytree(MINIMAL, data)
    text = (data / "faq/phone-down.yml").read_text(encoding="utf-8")
    (data / "faq/phone-down.yml").write_text(text.replace("topic: Availability", "topic: !!str Availability"),
                                             encoding="utf-8")
    (data / "faq/.gitkeep").write_text("", encoding="utf-8")
    assert load_handbook(data, today=TODAY).faq[0].topic == "Availability"


# --- What reaches the page: the sanitiser's exact output ---------------------------------------------------------

PAGES = {"faq.md", "contacts.md", "scenarios/outage.md"}
NEUTRALISED = {
    "[click](javascript:alert(1))": "<p><a rel=\"noopener\">click</a></p>",
    "![x](x.png){: onerror=\"alert(1)\"}": "<p><img alt=\"x\" src=\"x.png\">{: onerror=\"alert(1)\"}</p>",
    "<img src=x onerror=alert(1)>": "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
    "![status](https://evil.example/pixel.png)": "<p><img alt=\"status\"></p>",
    "<script>alert(1)</script>": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "[write](mailto:help@example.com?bcc=spy@evil.example)": "<p><a rel=\"noopener\">write</a></p>",
    "[write](mailto:help@example.com)": "<p><a href=\"mailto:help@example.com\" rel=\"noopener\">write</a></p>",
    "[call](tel:+4930123456)": "<p><a href=\"tel:+4930123456\" rel=\"noopener\">call</a></p>",
    "[who](contacts.md#role-it-lead)": "<p><a href=\"contacts.html#role-it-lead\" rel=\"noopener\">who</a></p>",
    "[status](https://status.example.com/)": (
        "<p><a class=\"outside-link\" href=\"https://status.example.com/\" rel=\"noopener\">status"
        "<span class=\"visually-hidden\"> (outside the handbook, needs a network)</span></a></p>"),
    "{{ config.extra }}": "<p>{{ config.extra }}</p>",
}


@pytest.mark.parametrize("markdown", list(NEUTRALISED))
def test_sanitiser_output_is_exact(markdown):
    """Each hostile construct reaches the page exactly so: inert, shown as text, or without its target."""
    html = render_data_markdown(markdown, relative_page_link("faq.md", PAGES),
                                "outside the handbook, needs a network").html
    assert html == NEUTRALISED[markdown]


# --- Property tests: arbitrary text ------------------------------------------------------------------------------

# YAML-ish text: the characters YAML gives meaning to, more often than chance would.
YAMLISH = (st.text(alphabet=st.sampled_from(list("ab1:- \n\t'\"[]{}&*!|>#%@`,?\\\u202e\x00é")), max_size=200)
           | st.lists(st.sampled_from(["key: ", "- ", "&a ", "*a ", "!!binary ", "2026-02-30", "[", "{", "\n  ", "|\n"]),
                      max_size=40).map("".join)
           | st.text(max_size=200))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_loader_on_arbitrary_text_gives_data_or_a_clean_error(tmp_path, text):
    """Whatever the file holds, reading it gives data or a DataError with a message: never another exception."""
    path = tmp_path / "any.yml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        read_yaml(path, "handbook_data/any.yml")
    except DataError as error:
        assert error.problems and all(str(problem) for problem in error.problems)


PLAIN = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x2FF)
                | st.just(" "), min_size=1, max_size=80).filter(str.strip)


@settings(max_examples=300, deadline=None)
@given(words=PLAIN)
def test_plain_text_survives_the_sanitiser(words):
    """Words of letters and digits, one space between them, come through unchanged (as one paragraph)."""
    text = " ".join(words.split())
    assert render_data_markdown(text, lambda target: None).html == f"<p>{text}</p>"


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=300) | st.text(alphabet=st.sampled_from(list("<>/=\"' onerrorscriptimgsvg:(){}[]!#*")),
                                            max_size=300))
def test_no_script_and_no_event_handler_leaves_the_sanitiser(text):
    """Whatever an answer holds, the HTML has no <script element and no on…= attribute."""
    html = render_data_markdown(text, lambda target: None).html.lower()
    assert "<script" not in html
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", html)


# --- What CONTRIBUTING.md shows an editor ------------------------------------------------------------------------

CONTRIBUTING_EDITS = {
    "remote image": "    Das tut uns leid. Unsere Telefonanlage hat gerade eine Störung, und unsere Teams arbeiten daran.\n"
                    "    ![Status](https://example.com/status.png)\n",
    "link to a missing page": "    Das tut uns leid. Unsere Telefonanlage hat gerade eine Störung, und unsere Teams arbeiten "
                              "daran.\n    Siehe [alte Abläufe](old-procedures.md).\n",
}


@pytest.mark.parametrize("case", list(CONTRIBUTING_EDITS))
def test_contributing_quotes_what_check_says_about_an_answer(case, tmp_path):
    """The German lines CONTRIBUTING.md shows for a removed image and a broken link are exactly what `check` prints
    for that edit of the sample, and their English gloss is the tool's English."""
    from conftest import SAMPLE, edit

    from macros.labels import labels_for

    data = tmp_path / "handbook_data"
    shutil.copytree(SAMPLE, data)
    edit(data / "faq/hotline-unreachable.yml", "    Das tut uns leid. Unsere Telefonanlage hat gerade eine Störung, "
         "und unsere Teams arbeiten daran.\n", CONTRIBUTING_EDITS[case])
    try:
        problems = [w for w in load_handbook(data, today=TODAY).warnings if is_removal(w)]
        prefix = "Warnung: "
    except DataError as error:
        problems, prefix = error.problems, ""
    assert len(problems) == 1
    german, english = labels_for("de"), labels_for("en")
    contributing = (Path(__file__).parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"\n{prefix}{problems[0].text(german)}\n" in contributing
    message, hint = problems[0].message.text(english), problems[0].hint.text(english)
    assert f"*In English:* {message} ({hint})" in " ".join(contributing.split())
