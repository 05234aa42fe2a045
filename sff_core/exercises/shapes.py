"""Aggregations of generic exercises (yes/no agreement, checklist completion, text answers)."""

from __future__ import annotations

import pandas as pd

from sff_core.content import Section
from sff_core.i18n import text
from sff_core.responses import NOTES_PROMPT

YES_NO_COLUMNS = ["prompt_key", "label", "yes", "no", "answered", "share_yes"]


def yes_no_summary(section: Section, frame: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Pure: per statement, how many answered ja and nej (one row per prompt, in content order)."""
    rows = []
    for index, prompt in enumerate(section.prompts, start=1):
        answers = frame[(frame["prompt_key"] == prompt.key)]["value_bool"].dropna() if not frame.empty else []
        yes = int(sum(bool(v) for v in answers))
        no = int(len(answers) - yes)
        answered = yes + no
        rows.append(
            {
                "prompt_key": prompt.key,
                "label": f"{index:02d}. {text(prompt.text, lang)}",
                "yes": yes,
                "no": no,
                "answered": answered,
                "share_yes": round(yes / answered, 2) if answered else None,
            }
        )
    return pd.DataFrame(rows, columns=YES_NO_COLUMNS)


def text_answers(section: Section, frame: pd.DataFrame, names: dict[str, str], lang: str = "sv") -> pd.DataFrame:
    """Pure: the text answers per prompt with who wrote them (for a table or an export)."""
    labels = {p.key: text(p.text, lang) for p in section.prompts}
    labels[NOTES_PROMPT] = "–"
    rows = [
        {
            "prompt": labels.get(r.prompt_key, r.prompt_key),
            "respondent": names.get(r.respondent, r.respondent),
            "date": r.session_date,
            "text": r.text,
        }
        for r in frame.itertuples()
        if isinstance(r.text, str) and r.text
    ]
    return pd.DataFrame(rows, columns=["prompt", "respondent", "date", "text"])


def checklist_summary(section: Section, frame: pd.DataFrame) -> tuple[int, int]:
    """Pure: (items checked by the group, items in the list) for the latest answers."""
    checked = set(frame[frame["value_bool"] == True]["prompt_key"]) if not frame.empty else set()  # noqa: E712
    return len(checked & {p.key for p in section.prompts}), len(section.prompts)
