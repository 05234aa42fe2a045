"""routine_card.fit: the largest half-point body size that keeps the card to one page, found by bisection."""

from __future__ import annotations

import pytest

from sff_core.outputs import routine_card
from sff_core.outputs.routine_card import LARGEST, SIZE_STEP, SMALLEST, CardStep, RoutineCard, fit

GRID = [LARGEST - SIZE_STEP * i for i in range(int((LARGEST - SMALLEST) / SIZE_STEP) + 1)]


def _card(steps: int, words: int = 30) -> RoutineCard:
    step = CardStep(1, "Ring polisen vid misstanke", "Gör så här. " * words, "Polisen", "114 14", "akut", "Barn: " * words, True)
    return RoutineCard(
        "Rutin", "Utkast", "Målet", tuple(step for _ in range(steps)), (("112", "Akut"),), "Se statistiken", "natverket@exempel.se"
    )


@pytest.mark.parametrize("largest_fitting", [*GRID, None], ids=[*(f"{s}pt" for s in GRID), "none"])
def test_bisection_finds_the_largest_fitting_size_in_few_renders(monkeypatch, largest_fitting):
    """With a card that keeps to one page at `largest_fitting` pt and below (the variants shortened by `fit`
    never fit, until the last one), `fit` returns that size, as trying every size from the top would."""
    renders: list[float] = []

    def fake_pdf(card: RoutineCard, size: str, body: float) -> float:
        renders.append(body)
        return body

    def fake_fits(body: float) -> bool:
        return largest_fitting is not None and body <= largest_fitting

    monkeypatch.setattr(routine_card, "_pdf", fake_pdf)
    monkeypatch.setattr(routine_card, "_fits", fake_fits)
    card = _card(3)
    shown, body = fit(card)
    if largest_fitting is None:
        assert body == SMALLEST * 0.8 and all(not s.action and not s.child_note for s in shown.steps)
        assert len(renders) == 2 * 4  # the largest and the smallest size of each variant
    else:
        assert (shown, body) == (card, largest_fitting)
        assert len(renders) <= 6


def test_a_real_card_gets_the_largest_size_that_keeps_one_page():
    for steps, size in ((2, "A4"), (9, "A4"), (9, "A3")):
        card = _card(steps)
        shown, body = fit(card, size)
        scale = 2**0.5 if size == "A3" else 1.0
        assert shown == card and SMALLEST * scale <= body <= LARGEST * scale
        assert routine_card._fits(routine_card._pdf(card, size, body))
        if body < LARGEST * scale:
            assert not routine_card._fits(routine_card._pdf(card, size, body + SIZE_STEP * scale))
