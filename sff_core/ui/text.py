"""User text shown as typed wherever Streamlit reads Markdown (the one escaping function).

Streamlit renders Markdown in `st.markdown`, `st.caption`, `st.write`, alerts, `st.table` cells and
headers, and in every widget's label, help text and – for radio, pills and segmented controls – its
options. A post-it reading `![x](http://evil.example/p.png)` would make every phone that draws it fetch
an image from an outside host. `plain` makes any text inert there:

- every ASCII punctuation character is backslash-escaped (CommonMark allows that for all of them and
  shows the character itself): images, links, emphasis, HTML tags, tables, `$…$` LaTeX, Streamlit's
  directives `:red[…]`, `:small[…]` and `:material/…:` never start;
- some of Streamlit's Markdown plugins work on the *parsed* text, after the escapes are gone: GFM
  autolinks (`https://…`, `www.…`, `a@b.se`) and emoji shortcodes (`:smile:`). A word joiner (U+2060,
  invisible, no line break) after a colon or `@` that touches a word, and between `www` and its dot,
  breaks those patterns without changing what the reader sees;

Use it for user text only; the app's own Markdown (bold headings around it) goes outside the call.
Where Streamlit shows text as it is (selectbox and multiselect options, `st.text`, data grids), do not
escape: the backslashes would show.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

JOINER = "\u2060"  # WORD JOINER: zero width, no break opportunity
_PUNCTUATION = frozenset(string.punctuation)
_WWW = re.compile(r"(www)(?=\\\.)", re.IGNORECASE)  # after escaping the dot reads "\."
_TOUCHING = re.compile(r"(\\[:@])(?=[^\s\\]|\\[^\s])")  # an escaped ":" or "@" followed by more than a space


def plain(user_text: object) -> str:
    """`user_text` escaped so that Streamlit's Markdown shows it exactly as typed (nothing rendered)."""
    value = "" if user_text is None else str(user_text)
    escaped = "".join(f"\\{ch}" if ch in _PUNCTUATION else ch for ch in value)
    escaped = _TOUCHING.sub(lambda m: m.group(1) + JOINER, escaped)
    return _WWW.sub(lambda m: m.group(1) + JOINER, escaped)


K = TypeVar("K", bound=Hashable)


def plain_labels(labels: Mapping[K, str]) -> Callable[[K], str]:
    """A `format_func` for radio, pills and segmented controls (their options read Markdown): each
    option's label escaped (an option without one shows as itself, escaped too)."""
    return lambda option: plain(labels.get(option, str(option)))
