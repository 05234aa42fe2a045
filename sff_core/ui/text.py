"""User text shown as typed wherever Streamlit reads Markdown (the one escaping function).

Streamlit renders Markdown in `st.markdown`, `st.caption`, `st.write`, alerts, `st.table` cells and
headers, and in every widget's label, help text and – for radio, pills and segmented controls – its
options. A post-it reading `![x](http://evil.example/p.png)` would make every phone that draws it fetch
an image from an outside host. `plain` makes any text inert there:

- the characters that start inline markup anywhere in a line are backslash-escaped (CommonMark
  shows an escaped punctuation character as itself): `\\ ` * _ [ ] < > $ ~ | & # !` – so images,
  links, emphasis, code, HTML tags and entities, tables, `$…$` LaTeX and Streamlit's directives
  `:red[…]` never start; at the start of a line also what starts a block (`-`, `+`, `=`, `1.`, `1)`);
- nothing else is escaped. A widget's label is also its accessible name (`aria-label`), read as it
  is: a backslash before every full stop and bracket would be read out by a screen reader and breaks
  finding the control by its name. "Bra samverkan (Grupp 1)." needs no escape and gets none;
- some of Streamlit's Markdown plugins work on the *parsed* text, after the escapes are gone: GFM
  autolinks (`https://…`, `www.…`, `a@b.se`) and emoji and icon shortcodes (`:smile:`,
  `:material/home:`). A word joiner (U+2060, invisible, no line break) after a colon or `@` that
  touches a word, and between `www` and its dot, breaks those patterns without changing what the
  reader sees.

Use it for user text only; the app's own Markdown (bold headings around it) goes outside the call.
Where Streamlit shows text as it is (selectbox and multiselect options, `st.text`, data grids), do not
escape: the backslashes would show.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

JOINER = "\u2060"  # WORD JOINER: zero width, no break opportunity
_MARKUP = frozenset("\\`*_[]<>$~|&#!")  # start inline markup wherever they stand
_BLOCK_START = re.compile(r"^([ \t]*)(\d{1,9}(?=[.)])|(?=[-+=]))", re.MULTILINE)  # a list item or heading line
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)
_TOUCHING = re.compile(r"([:@])(?=\S)")  # a colon or "@" followed by more than a space


def plain(user_text: object) -> str:
    """`user_text` escaped so that Streamlit's Markdown shows it exactly as typed (nothing rendered)."""
    value = "" if user_text is None else str(user_text)
    escaped = "".join(f"\\{ch}" if ch in _MARKUP else ch for ch in value)
    escaped = _BLOCK_START.sub(_escape_block_start, escaped)
    escaped = _TOUCHING.sub(lambda m: m.group(1) + JOINER, escaped)
    return _WWW.sub(lambda m: m.group(1) + JOINER, escaped)


def _escape_block_start(match: re.Match[str]) -> str:
    """`1. x` → `1\\. x`, `- x` → `\\- x`: the character that would make the line a list or heading."""
    indent, number = match.group(1), match.group(2)
    return f"{indent}{number}\\" if number else f"{indent}\\"


K = TypeVar("K", bound=Hashable)


def plain_labels(labels: Mapping[K, str]) -> Callable[[K], str]:
    """A `format_func` for radio, pills and segmented controls (their options read Markdown): each
    option's label escaped (an option without one shows as itself, escaped too)."""
    return lambda option: plain(labels.get(option, str(option)))
