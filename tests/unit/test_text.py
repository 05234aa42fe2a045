"""sff_core/ui/text.py: user text shown as typed wherever Streamlit reads Markdown (issue 20, High 3).

There is no Markdown renderer in the test environment, so the test states what CommonMark and
Streamlit's plugins need: every character that starts inline markup escaped, and what starts a block
at the start of a line (nothing can start an image, link, tag, directive, list or formula); the
escapes removed give back exactly what was typed (apart from invisible word joiners); and the
patterns that Streamlit's plugins look for in the *parsed* text (GFM autolinks, e-mail autolinks,
emoji shortcodes, material icons) find nothing. The browser test
(tests/e2e/test_no_outside_requests_browser.py) checks the same payloads on real pages.
"""

from __future__ import annotations

import re

import pytest

from sff_core.ui.layout import plain_markdown
from sff_core.ui.text import JOINER, plain, plain_labels

PAYLOADS = [
    "![x](http://evil.example/p.png)",
    "<img src=http://evil.example/h.png>",
    "[klicka](https://evil.example/l)",
    ":red[x] och :material/home: och :smile:",
    "$x^2$ och $$\\int f$$",
    "https://evil.example/auto och www.evil.example och namn@evil.example och mailto:a@evil.example",
    "<https://evil.example/angle>",
    "kl 10:30, 3 * 4 _x_ # rubrik\n- punkt\n1. nummer | a | b |",
    "&lt;b&gt; och &#58; och \\* redan escaped",
]

# What Streamlit's Markdown plugins match in the parsed text (mdast-util-gfm-autolink-literal, remark-emoji
# and Streamlit's own check for shortcodes in StreamlitMarkdown): none may match once the escapes are read.
PARSED_PATTERNS = [
    re.compile(r"(https?|ftp)://", re.IGNORECASE),
    re.compile(r"(mailto|xmpp):[\w.+-]", re.IGNORECASE),
    re.compile(r"www(?=\.)", re.IGNORECASE),
    re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+"),
    re.compile(r":[\w+-][\w_+-]*:"),
    re.compile(r":material/"),
]


def _parsed(escaped: str) -> str:
    """What CommonMark makes of the escaped text: an escaped punctuation character is that character."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped)


MARKUP = set("\\`*_[]<>$~|&#!")


@pytest.mark.parametrize("typed", PAYLOADS)
def test_every_markup_character_is_escaped(typed):
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", plain(typed))
    assert not [ch for ch in unescaped if ch in MARKUP]
    assert not re.search(r"^[ \t]*([-+=]|\d+[.)])", unescaped, re.MULTILINE)  # no list item or heading line


@pytest.mark.parametrize("typed", PAYLOADS)
def test_the_reader_sees_exactly_what_was_typed(typed):
    assert _parsed(plain(typed)).replace(JOINER, "") == typed


@pytest.mark.parametrize("typed", PAYLOADS)
def test_no_plugin_pattern_is_left_in_the_parsed_text(typed):
    parsed = _parsed(plain(typed))
    assert [p.pattern for p in PARSED_PATTERNS if p.search(parsed)] == []


def test_ordinary_swedish_text_is_unchanged_apart_from_escapes():
    assert plain("Hamnen och Åhléns") == "Hamnen och Åhléns"
    assert plain("Ja: bra") == "Ja: bra"  # a colon before a space needs no joiner
    # A label is also the control's accessible name: ordinary punctuation gets no backslash to be read out.
    assert plain("Bra samverkan med polisen (Grupp 1). Vad? 3,5 %; a/b \"c\" 'd'") == (
        "Bra samverkan med polisen (Grupp 1). Vad? 3,5 %; a/b \"c\" 'd'"
    )
    assert plain(None) == "" and plain(3) == "3"


def test_the_old_name_is_the_same_function():
    assert plain_markdown is plain


def test_plain_labels_escapes_each_option():
    show = plain_labels({1: "![x](http://evil.example/p.png)"})
    assert show(1) == plain("![x](http://evil.example/p.png)") and show(2) == "2"
