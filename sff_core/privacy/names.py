"""Finding a person's name in free text the way Swedish writes it (issue 20, High 4).

One matcher for every place that must find a name: the erasure and the access report
(``sff_core.privacy.erasure``) use the same pattern, so the access report lists every row the erasure changes.
Other modules (e.g. scrubbing names from shared documents) can use :func:`name_pattern` and
:func:`replace_name` as they are: they import nothing from the app.

What :func:`name_pattern` matches, in the original text (nothing is normalised before matching, so a
replacement lands exactly on the characters that were there):

- any case ("ANNA BERG", "anna berg");
- composed or decomposed letters (NFC "ö" or NFD "o" + U+0308), whatever form the name was typed in;
- any run of whitespace between the parts, also no-break and other Unicode spaces, and invisible
  characters (soft hyphen, zero-width space) anywhere inside the name;
- a hyphen in the name written as any dash (Anna-Karin, Anna–Karin);
- the genitive: "Gunnel Kvarnströms", "Anna Berg's", "Anna Berg:s", and for a name that already ends
  in s, x or z "Lars'" (or "Lars", the same as the name);
- whole words only: "Anna Berg" is not found in "Anna Bergström" or "Hanna Berg". A dash ends a word:
  in "Anna Berg-Svensson" or "Anna Berg–Bo Ek" the "Anna Berg" is found (an erasure rather removes too
  much than leaves a name).

:func:`part_pattern` finds a first or last name standing alone ("Gunnel", "Kvarnströms"): it could be
the person or someone else, so callers report it for a person to check rather than replace it. A part
must start with a capital letter there: names are written so, and the lower-case words many Swedish
names also are ("per", "bo", "berg", "sten", "ek") would otherwise flood the list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# Characters that can sit inside a written name without showing: soft hyphen, zero-width space/joiners,
# word joiner, byte-order mark.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
# Combining marks (a decomposed letter's accent): never the edge of a word.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASHES = re.escape(DASHES)  # inside a character class
APOSTROPHES = "'\u2019\u02bc\u00b4`"
_GAP = rf"[\s{INVISIBLE}]+"  # between two parts of a name
_INSIDE = f"[{INVISIBLE}]*"  # between two letters of a name
_DASH = rf"[\s{INVISIBLE}]*[{_DASHES}][\s{INVISIBLE}]*"
_BEFORE = rf"(?<![\w{MARKS}])"
_AFTER = rf"(?![\w{MARKS}])"
GENITIVE = rf"(?P<genitive>s|[{APOSTROPHES}]s?|:s)?"
PLAIN_GENITIVE_ENDINGS = "sxz"  # names whose genitive is "Lars'" or "Lars"


def normal(text: str) -> str:
    """The name as people mean it: NFC, invisible characters dropped, single spaces."""
    composed = unicodedata.normalize("NFC", text or "")
    return " ".join(composed.translate({ord(c): None for c in INVISIBLE}).split())


def same_name(first: str | None, second: str | None) -> bool:
    """Whether two typed names are the same name (case, composition and spacing aside)."""
    return normal(first or "").casefold() == normal(second or "").casefold()


def _letter(character: str) -> str:
    """One letter of the name as a regex: its composed and decomposed forms."""
    forms = sorted({unicodedata.normalize("NFC", character), unicodedata.normalize("NFD", character)}, key=len, reverse=True)
    return re.escape(forms[0]) if len(forms) == 1 else "(?:" + "|".join(re.escape(form) for form in forms) + ")"


def _word(word: str, capital: bool = False) -> str:
    """One word of the name: letters with invisible characters allowed between them, dashes as any dash.

    With `capital` the first letter must be upper case and the rest any case (used for lone parts)."""
    pieces: list[str] = []
    for index, character in enumerate(word):
        if character in DASHES:
            pieces.append(_DASH)
            continue
        letter = _letter(character)
        if capital and index == 0:
            letter = _letter(character.upper())
        elif capital:
            letter = f"(?i:{letter})"
        if pieces and pieces[-1] != _DASH:
            pieces.append(_INSIDE)
        pieces.append(letter)
    return "".join(pieces)


def _spelling(name: str, capital: bool = False) -> str:
    return _GAP.join(_word(word, capital) for word in normal(name).split())


def name_pattern(names: str | Sequence[str]) -> re.Pattern[str]:
    """A pattern for a full name (or several spellings of one), whole words, any case, NFC or NFD,
    any whitespace between the parts, with or without a genitive ending (group ``genitive``).

    The longest spelling is tried first, so "Anna Berg Lund" wins over "Anna Berg"."""
    spellings = [names] if isinstance(names, str) else list(names)
    alternatives = sorted({normal(n) for n in spellings if normal(n)}, key=len, reverse=True)
    if not alternatives:
        raise ValueError("name_pattern needs at least one name")
    body = "|".join(_spelling(name) for name in alternatives)
    return re.compile(f"{_BEFORE}(?:{body}){GENITIVE}{_AFTER}", re.IGNORECASE)


def name_parts(names: Iterable[str], least: int = 2, first: bool = True, last: bool = True) -> list[str]:
    """The first and/or last word of each spelling (a middle name stays with the full name)."""
    parts: dict[str, str] = {}
    for name in names:
        words = normal(name).split()
        if len(words) < 2:
            continue
        for word in [words[0]] * first + [words[-1]] * last:
            if len(word) >= least:
                parts.setdefault(word.casefold(), word)
    return list(parts.values())


def lower_case_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """The words written in lower case only, as whole words ("berg" in "ett berg", not "Berg"): a last
    name that a text also uses as an ordinary word."""
    alternatives = sorted({normal(w).lower() for w in words if normal(w)}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(f"{_BEFORE}(?:{'|'.join(_spelling(word) for word in alternatives)}){GENITIVE}{_AFTER}")


def stem(match: re.Match[str]) -> str:
    """The name a match of :func:`name_pattern` or :func:`part_pattern` found, without its genitive, normal and casefolded."""
    end = match.start("genitive") if match.group("genitive") else match.end()
    return normal(match.string[match.start() : end]).casefold()


def part_pattern(parts: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern for a first or last name standing alone, capitalised, with or without a genitive;
    None when there is no part to look for."""
    alternatives = sorted({normal(p) for p in parts if normal(p)}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(_spelling(part, capital=True) for part in alternatives)
    return re.compile(f"{_BEFORE}(?:{body}){GENITIVE}{_AFTER}")


def _replacement(match: re.Match[str], pseudonym: str) -> str:
    """The pseudonym in the name's form: "Deltagare 7:s" for a genitive (the Swedish genitive after a
    digit), a quote after a name that does not end in s/x/z kept as the quote it is."""
    ending = match.group("genitive")
    if not ending:
        return pseudonym
    stem = normal(match.group(0)[: match.start("genitive") - match.start(0)])
    if ending in APOSTROPHES and stem[-1:].casefold() not in PLAIN_GENITIVE_ENDINGS:
        return pseudonym + ending  # 'Anna Berg' in quotes: not a genitive
    return f"{pseudonym}:s"


def replace_name(text: str, pattern: re.Pattern[str], pseudonym: str) -> str:
    """`text` with every match of `pattern` (from :func:`name_pattern`) replaced by `pseudonym`."""
    return pattern.sub(lambda match: _replacement(match, pseudonym), text)


def lone_parts(text: str, parts: re.Pattern[str] | None, known: re.Pattern[str] | None = None) -> list[re.Match[str]]:
    """The lone first or last names in `text`, leaving out those inside a name in `known` (other people
    the workspace knows by full name, and pseudonyms): "Anna" in "Anna Lind" is Anna Lind."""
    if parts is None:
        return []
    taken = [m.span() for m in known.finditer(text)] if known is not None else []
    return [m for m in parts.finditer(text) if not any(start <= m.start() < end for start, end in taken)]


def excerpt(text: str, match: re.Match[str], width: int = 40) -> str:
    """The match with a little of the text around it, on one line."""
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    body = " ".join(text[start:end].split())
    return ("…" if start else "") + body + ("…" if end < len(text) else "")
