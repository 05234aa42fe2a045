"""The topics of a post-it exercise: the flip chart's columns the notes stand under within each board.

A section names a vocabulary as its `topics` (content, see data/content/SCHEMA.md): step 5 answers
its rounds under each sector (bransch) the group is in contact with. Which topics are offered first
depends on the vocabulary: sectors come from the workspace's own mapping (step 2) and actors (step 3)
before the rest of the list; any other vocabulary is offered in its own order.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from sff_core.content import Section, get_content


def _sectors(engine: Engine, workspace_id: int) -> list[str]:
    from sff_core.coordination import sector_options

    return sector_options(engine, workspace_id)


# Per vocabulary, the workspace's own entries first; a vocabulary not named here is offered as listed.
OFFERS: dict[str, Callable[[Engine, int], list[str]]] = {"sectors": _sectors}


def topic_options(engine: Engine, workspace_id: int, section: Section) -> list[str]:
    """The topics to offer for the section, the workspace's own first; empty for a section without topics."""
    if not section.topics:
        return []
    offer = OFFERS.get(section.topics)
    return offer(engine, workspace_id) if offer else get_content().vocab_keys(section.topics)


def topic_labels(section: Section, lang: str) -> dict[str, str]:
    """Each topic's label in one language."""
    return get_content().labels(section.topics, lang) if section.topics else {}
