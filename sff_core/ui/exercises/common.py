"""Small helpers shared by the exercise modules."""

from __future__ import annotations

import pandas as pd

from sff_core.content import get_content


def vocab_labels(vocab: str, lang: str) -> dict[str, str]:
    return get_content().labels(vocab, lang)


def node_options(nodes: pd.DataFrame, kinds: tuple[str, ...]) -> dict[int, str]:
    labels = dict(zip(nodes["id"], nodes["label"], strict=True))
    parents = dict(zip(nodes["id"], nodes["parent_id"], strict=True))
    options = {}
    for row in nodes[nodes["kind"].isin(kinds)].itertuples():
        parent = parents.get(row.id)
        prefix = f"{labels[int(parent)]} › " if parent is not None and pd.notna(parent) else ""
        options[int(row.id)] = prefix + row.label
    return options
