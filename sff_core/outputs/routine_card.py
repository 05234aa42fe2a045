"""The routine card: the routine on one page (A4, or A3 as the handbook recommends), as PDF and Word,
for participants to pin on their wall – and the internal flowchart of one organisation (the steps
where it acts), on one page too.

The card is the city's title, the goal, the steps in order with who does it, the contact route and
the priority (and the child perspective), the emergency numbers, the pointer to the network's
incident template, and the network's contact. The text size is the largest at which the PDF keeps
to one page; the Word file uses the same size. User text is written as plain text, never markup.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from sff_core import routine
from sff_core.i18n import t, text
from sff_core.outputs.report_render import FONTS
from sff_core.outputs.sharing import INTERNAL, SharingLevel
from sff_core.privacy.name_scrub import without_names

PAGE_SIZES = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
LARGEST, SMALLEST = 13.0, 5.5  # body text sizes (pt) tried on A4; A3 scales them by √2


@dataclass(frozen=True)
class CardStep:
    number: int
    title: str
    action: str
    actor: str
    contact: str
    priority: str
    child_note: str
    documents: bool


@dataclass(frozen=True)
class RoutineCard:
    title: str
    subtitle: str  # the status line (agreed on …, or draft)
    goal: str
    steps: tuple[CardStep, ...]
    emergency: tuple[tuple[str, str], ...]  # (number, what it is for)
    statistics_pointer: str
    network_contact: str
    lang: str = "sv"

    def lines(self) -> list[str]:
        """Every text of the card, in order (what a test or a screen reader checks)."""
        out = [self.title, self.subtitle]
        out += [self.goal] if self.goal else []
        for step in self.steps:
            out.append(f"{step.number}. {step.title}")
            out += [v for v in (step.action, self.label("who", step.actor), self.label("contact", step.contact)) if v]
            out.append(self.label("priority", step.priority))
            if step.child_note:
                out.append(self.label("child", step.child_note))
            if step.documents:
                out.append(self.statistics_pointer)
        out += [f"{number} – {label}" for number, label in self.emergency]
        out += [self.label("network_contact", self.network_contact)] if self.network_contact else []
        return out

    def label(self, name: str, value: str) -> str:
        return f"{t(f'routine.card_{name}', self.lang)}: {value}" if value else ""


def build_card(
    engine: Engine, workspace_id: int, lang: str = "sv", actor_id: int | None = None, sharing: SharingLevel | None = None
) -> RoutineCard:
    """The card of the workspace's routine; with `actor_id`, the internal flowchart of that organisation."""
    from sff_core.exercises.routine import status_line
    from sff_core.workspaces import get_workspace

    info = routine.get_routine(engine, workspace_id)
    labels = routine.priority_labels(lang)
    steps = routine.steps_for_actor(info, actor_id) if actor_id is not None else list(info.steps)
    city = get_workspace(engine, workspace_id).city
    title = info.texts.get("title") or t("routine.card_default_title", lang, city=city)
    if actor_id is not None:
        actor = next((s.actor for s in info.steps if s.actor_id == actor_id), None) or _actor_name(engine, workspace_id, actor_id)
        title = t("routine.internal_title", lang, organisation=actor, title=title)
    content = routine.routine_content()
    card = RoutineCard(
        title=title,
        subtitle=status_line(info, lang),
        goal=info.texts.get("mal") or "",
        steps=tuple(
            CardStep(s.number, s.title, s.action, s.actor, s.contact, labels.get(s.priority, s.priority), s.child_note, s.documents)
            for s in steps
        ),
        emergency=tuple((n.number, text(n.label, lang)) for n in content.emergency_numbers),
        statistics_pointer=t("routine.card_statistics", lang),
        network_contact=info.texts.get("contact") or "",
        lang=lang,
    )
    return without_names(engine, workspace_id, card, sharing or INTERNAL, lang)  # a card for partners names no one


def _actor_name(engine: Engine, workspace_id: int, actor_id: int) -> str:
    from sff_core.stakeholders import list_actors

    return next((a.name for a in list_actors(engine, workspace_id) if a.id == actor_id), "")


# --- PDF -------------------------------------------------------------------------------------------


def _pdf(card: RoutineCard, size: str, body: float) -> Any:
    from fpdf import FPDF

    width, height = PAGE_SIZES[size]
    pdf = FPDF(format=(width, height))
    pdf.set_auto_page_break(auto=True, margin=10)
    pdf.set_margins(12, 12, 12)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(card.title)
    pdf.add_page()
    line = body * 0.48

    def write(value: str, scale: float = 1.0, bold: bool = False, indent: float = 0.0) -> None:
        pdf.set_font("DejaVu", "B" if bold else "", body * scale)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, line * scale, value, new_x="LMARGIN", new_y="NEXT", align="L")

    write(card.title, 1.9, bold=True)
    write(card.subtitle, 0.85)
    if card.goal:
        pdf.ln(line * 0.6)
        write(card.goal, 1.0)
    for index, step in enumerate(card.steps):
        pdf.ln(line * 0.5)
        top = pdf.get_y()
        write(f"{step.number}. {step.title}", 1.35, bold=True, indent=2)
        for value in (
            step.action,
            card.label("who", step.actor),
            card.label("contact", step.contact),
            card.label("priority", step.priority),
        ):
            if value:
                write(value, 1.0, indent=6)
        if step.child_note:
            write(card.label("child", step.child_note), 0.9, indent=6)
        if step.documents:
            write(card.statistics_pointer, 0.9, indent=6)
        pdf.set_draw_color(60, 60, 60)
        pdf.rect(pdf.l_margin, top - 1, pdf.epw, pdf.get_y() - top + 2)
        if index + 1 < len(card.steps):
            write("↓", 1.2, bold=True, indent=pdf.epw / 2 - 2)
    pdf.ln(line)
    write(t("routine.card_emergency", card.lang), 1.1, bold=True)
    for number, label in card.emergency:
        write(f"{number} – {label}", 1.1, bold=True, indent=4)
    if card.network_contact:
        pdf.ln(line * 0.5)
        write(card.label("network_contact", card.network_contact), 1.0)
    return pdf


def _fits(pdf: Any) -> bool:
    return bool(pdf.page_no() == 1)


def _shortened(card: RoutineCard, limit: int | None) -> RoutineCard:
    """The card with each step's action and child note cut to `limit` characters (None: left out)."""
    from dataclasses import replace

    def cut(value: str) -> str:
        if limit is None:
            return ""
        return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"

    return replace(card, steps=tuple(replace(s, action=cut(s.action), child_note=cut(s.child_note)) for s in card.steps))


SIZE_STEP = 0.5  # body text sizes are tried in steps of half a point, LARGEST down to SMALLEST


def _largest_fitting(card: RoutineCard, size: str, scale: float) -> float | None:
    """The largest body size on the half-point grid at which `card` keeps to one page (None: not even the
    smallest). A larger size never takes fewer pages, so a bisection finds it in about five renders
    instead of up to sixteen."""
    sizes = [LARGEST - SIZE_STEP * i for i in range(int((LARGEST - SMALLEST) / SIZE_STEP) + 1)]

    def fits(index: int) -> bool:
        return _fits(_pdf(card, size, sizes[index] * scale))

    if fits(0):
        return sizes[0] * scale
    if not fits(len(sizes) - 1):
        return None
    too_large, fitting = 0, len(sizes) - 1  # invariant: sizes[too_large] does not fit, sizes[fitting] does
    while fitting - too_large > 1:
        middle = (too_large + fitting) // 2
        if fits(middle):
            fitting = middle
        else:
            too_large = middle
    return sizes[fitting] * scale


def fit(card: RoutineCard, size: str = "A4") -> tuple[RoutineCard, float]:
    """The card as printed and its body text size (pt): the largest size at which it keeps to one page.
    A routine too long for one page even at the smallest size has its steps' longer texts shortened
    (the whole routine is in the step report), and at the last resort left out: the card stays one page."""
    scale = 2**0.5 if size == "A3" else 1.0
    for variant in (card, _shortened(card, 200), _shortened(card, 80), _shortened(card, None)):
        body = _largest_fitting(variant, size, scale)
        if body is not None:
            return variant, body
    return _shortened(card, None), SMALLEST * scale * 0.8


def card_body_size(card: RoutineCard, size: str = "A4") -> float:
    """The body text size (pt) the card is printed at."""
    return fit(card, size)[1]


def card_pdf(card: RoutineCard, size: str = "A4") -> bytes:
    """The card as a one-page PDF."""
    shown, body = fit(card, size)
    return bytes(_pdf(shown, size, body).output())


# --- Word ------------------------------------------------------------------------------------------


def card_docx(card: RoutineCard, size: str = "A4") -> bytes:
    """The card as a Word file on A4 or A3, at the text size that keeps the PDF to one page."""
    from docx import Document
    from docx.shared import Mm, Pt

    card, body = fit(card, size)
    document = Document()
    section = document.sections[0]
    width, height = PAGE_SIZES[size]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(12)
    document.styles["Normal"].font.size = Pt(body)

    def paragraph(value: str, scale: float = 1.0, bold: bool = False, indent: float = 0.0) -> None:
        para = document.add_paragraph()
        para.paragraph_format.space_after = Pt(body * 0.25)
        para.paragraph_format.left_indent = Mm(indent)
        run = para.add_run(value)
        run.bold = bold
        run.font.size = Pt(body * scale)

    paragraph(card.title, 1.9, bold=True)
    paragraph(card.subtitle, 0.85)
    if card.goal:
        paragraph(card.goal)
    for index, step in enumerate(card.steps):
        paragraph(f"{step.number}. {step.title}", 1.35, bold=True, indent=2)
        for value in (
            step.action,
            card.label("who", step.actor),
            card.label("contact", step.contact),
            card.label("priority", step.priority),
        ):
            if value:
                paragraph(value, indent=6)
        if step.child_note:
            paragraph(card.label("child", step.child_note), 0.9, indent=6)
        if step.documents:
            paragraph(card.statistics_pointer, 0.9, indent=6)
        if index + 1 < len(card.steps):
            paragraph("↓", 1.2, bold=True, indent=width / 2 - 16)
    paragraph(t("routine.card_emergency", card.lang), 1.1, bold=True)
    for number, label in card.emergency:
        paragraph(f"{number} – {label}", 1.1, bold=True, indent=4)
    if card.network_contact:
        paragraph(card.label("network_contact", card.network_contact))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_card(card: RoutineCard, output_format: str, size: str = "A4") -> bytes:
    """The card as 'pdf' or 'docx' on 'A4' or 'A3'."""
    if size not in PAGE_SIZES:
        raise ValueError(size)
    return card_pdf(card, size) if output_format == "pdf" else card_docx(card, size)
