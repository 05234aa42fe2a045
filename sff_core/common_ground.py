"""Step 6's "En gemensam utgångspunkt": a presenter view generated from the data, one topic per screen.

The core group presents what the mapping produced (step 2) and the tools and knowledge bank it compiled
(step 4) to the network, then the room answers the template's five questions live from their phones,
and the training needs (question 4) are collected as one list. The room is outside the core group, so
every count follows the sharing rule (sff_core.outputs.sharing / sff_core.outputs.mapping_snapshot): small counts hidden,
the advertisement flow summed over sites, a sector with fewer indicator surveys than the threshold left
out of the per-sector averages.

This module holds the training needs; the presenter view's screens are the exercise's results model
(sff_core/exercises/common_ground.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

STEP, SECTION = "step6", "gemensam_utgangspunkt"
TRAINING_PROMPT = "utbildningsbehov"

# --- The training needs: every line of every answer to question 4, as one list ------------------------


@dataclass(frozen=True)
class Need:
    text: str  # as first written (user text)
    count: int  # how many wrote it (the same words, any case)


_SPLIT = re.compile(r"[\n;•]+|^\s*[-*]\s+", re.MULTILINE)


def training_needs(answers: list[str]) -> list[Need]:
    """Pure: the answers to "Vilka behov till vidare utbildning finns i gruppen?" split into items (one a
    line, or separated by ";" or bullets), the same item from several people counted once with its count,
    most-named first, then in the order first written."""
    seen: dict[str, list[object]] = {}
    for answer in answers:
        for part in _SPLIT.split(answer or ""):
            item = " ".join(part.strip(" -*\t").split())
            if not item:
                continue
            key = item.casefold().rstrip(".")
            if key in seen:
                seen[key][1] = int(seen[key][1]) + 1  # type: ignore[call-overload]
            else:
                seen[key] = [item, 1]
    needs = [Need(str(v[0]), int(v[1])) for v in seen.values()]  # type: ignore[call-overload]
    order = {n.text: i for i, n in enumerate(needs)}
    return sorted(needs, key=lambda n: (-n.count, order[n.text]))


def training_answers(engine: Engine, workspace_id: int, session_date: date | None = None) -> list[str]:
    """Every stored answer to the training question (of one work session, or of all)."""
    from sff_core.responses import load_responses

    frame = load_responses(engine, workspace_id, STEP, SECTION, session_date)
    if frame.empty:
        return []
    mine = frame[frame["prompt_key"] == TRAINING_PROMPT]
    return [str(x) for x in mine["text"] if isinstance(x, str) and x.strip()]
