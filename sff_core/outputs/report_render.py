"""A report (sff_core.outputs.report) as Word, PDF or one self-contained HTML file.

Charts become PNG images through Plotly's static export (kaleido) in the system's Chromium
(`BROWSER_PATH`, default /usr/bin/chromium), one browser for the whole report. Where no browser
is available each chart says so and its table still follows, so no number is lost. The HTML file
carries plotly.js inline (interactive charts offline: no external script, font or image) and
prints on A4. User text is always escaped or written as plain text, never markup.
"""

from __future__ import annotations

import html
import io
import logging
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from sff_core.config import DATA_DIR
from sff_core.i18n import t
from sff_core.outputs.report import Report, ReportPart
from sff_core.outputs.results import (
    Block,
    CardsBlock,
    FigureBlock,
    MetricBlock,
    NoteBlock,
    PlainTextBlock,
    ProgressBlock,
    TableBlock,
    TextsBlock,
    VerdictBlock,
)

log = logging.getLogger("stadforstad.report")
FORMATS = ("docx", "pdf", "html")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html",
}
CHART_WIDTH, CHART_HEIGHT = 900, 520
PAPER_CM = {"A4": (21.0, 29.7), "A3": (29.7, 42.0)}  # portrait width, height
FONTS = DATA_DIR / "fonts"
DEFAULT_BROWSER = "/usr/bin/chromium"

Progress = Callable[[float, str], None]


def _no_progress(share: float, label: str) -> None:
    return None


# --- Charts as images ----------------------------------------------------------------------------


@contextmanager
def chart_images() -> Iterator[Callable[[FigureBlock], bytes | None]]:
    """A function drawing a figure block as PNG (None where no browser can draw it), with one
    browser kept open for the whole report."""
    browser = os.environ.get("BROWSER_PATH") or DEFAULT_BROWSER
    if not Path(browser).exists():
        yield lambda _block: None
        return
    os.environ.setdefault("BROWSER_PATH", browser)
    try:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
    except Exception:  # noqa: BLE001 - no static export here: the report carries the tables
        log.warning("chart images unavailable", exc_info=True)
        yield lambda _block: None
        return

    def draw(block: FigureBlock) -> bytes | None:
        try:
            figure = block.build()
            figure.update_layout(width=CHART_WIDTH, height=max(CHART_HEIGHT, int(figure.layout.height or 0)))
            with warnings.catch_warnings():  # kaleido's server ignores per-call options; it says so every time
                warnings.simplefilter("ignore", UserWarning)
                return bytes(figure.to_image(format="png", width=CHART_WIDTH, scale=1))
        except Exception:  # noqa: BLE001 - one chart that cannot be drawn must not stop the report
            log.warning("chart %s could not be drawn", block.builder, exc_info=True)
            return None

    try:
        yield draw
    finally:
        try:
            kaleido.stop_sync_server(silence_warnings=True)
        except Exception:  # noqa: BLE001
            log.debug("kaleido server stop failed", exc_info=True)


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value)


def _rows(table: pd.DataFrame, lang: str = "sv") -> tuple[list[str], list[list[str]]]:
    """Header and cells as text; a chart table's raw column names get their Swedish (English) headers."""
    from sff_core.i18n import has_key

    header = [t(f"report.column.{c}", lang) if has_key(f"report.column.{c}") else str(c) for c in table.columns]
    return header, [[_cell(v) for v in row] for row in table.itertuples(index=False)]


def _block_texts(block: Block) -> list[tuple[str, str]]:
    """A non-table, non-figure block as (style, text) lines: heading, text, note."""
    if isinstance(block, TextsBlock):
        lines = []
        for prompt, answers in block.groups:
            lines.append(("strong", prompt))
            lines += [("quote", f"{caption}: {answer}") for caption, answer in answers]
        return lines
    if isinstance(block, CardsBlock):
        lines = [("strong", block.topic)] if block.topic else []  # the topic (sector) the boards stand under
        rounds = block.rounds or tuple("" for _ in block.groups)
        for index, (prompt, cards) in enumerate(block.groups):
            if rounds[index] and (index == 0 or rounds[index] != rounds[index - 1]):
                lines.append(("note", rounds[index]))
            lines.append(("strong", f"{prompt} ({len(cards)})"))
            lines += [("item", (f"[{card.cluster}] " if card.cluster else "") + card.label) for card in cards]
        return lines
    if isinstance(block, ProgressBlock):
        return [("text", block.label)]
    if isinstance(block, MetricBlock):
        return [("strong", f"{block.label}: {block.value}")]
    if isinstance(block, VerdictBlock):
        return [("strong", block.heading)] + [("text", line) for line in block.body.splitlines() if line.strip()]
    if isinstance(block, NoteBlock):
        return [("note", block.text)]
    if isinstance(block, PlainTextBlock):
        return ([("strong", block.title)] if block.title else []) + [("quote", block.text)]
    return []


def _walk(report: Report, progress: Progress) -> Iterator[tuple[ReportPart, int]]:
    total = max(1, len(report.parts))
    for index, part in enumerate(report.parts):
        progress(index / total, part.heading)
        yield part, index
    progress(1.0, "")


def _front_lines(report: Report) -> list[str]:
    lang = report.lang
    return [
        t("report.city", lang, city=report.city),
        t("report.created", lang, at=report.created_at.strftime("%Y-%m-%d %H:%M")),
        report.sharing.label(lang),
    ]


# --- HTML ------------------------------------------------------------------------------------------

HTML_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; line-height: 1.45; }
h1 { font-size: 1.8rem; } h2 { font-size: 1.4rem; border-bottom: 1px solid #999; margin-top: 2rem; } h3 { font-size: 1.15rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; } .note { color: #555; font-size: 0.9rem; } .sharing { border: 2px solid #333; padding: 0.5rem; }
blockquote { border-left: 3px solid #bbb; margin: 0.3rem 0; padding-left: 0.6rem; white-space: pre-wrap; }
@page { size: A4; margin: 18mm; } @media print { h2 { break-before: auto; } .chart, table { break-inside: avoid; } }
"""


def render_html(report: Report, progress: Progress = _no_progress) -> bytes:
    """One self-contained HTML file: plotly.js inline once, every chart interactive, nothing fetched."""
    import plotly.io as pio

    escape = html.escape
    lang = report.lang
    out = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(report.title)}</title>']
    out.append(f"<style>{HTML_STYLE}</style></head><body>")
    out.append(f"<h1>{escape(report.title)}</h1>")
    out += [f"<p>{escape(line)}</p>" for line in _front_lines(report)[:2]]
    out.append(f'<p class="sharing">{escape(report.sharing.label(lang))}</p>')
    plotly_included = False
    for part, _ in _walk(report, progress):
        out.append(f"<h{part.level + 1}>{escape(part.heading)}</h{part.level + 1}>")
        out += [f'<p class="note">{escape(line)}</p>' for line in part.lines]
        if part.tasks is not None:
            out.append(_html_table(part.tasks, lang))
        if part.results is None:
            continue
        if part.results.empty:
            out.append(f'<p class="note">{escape(part.results.empty_message or "")}</p>')
        for block in part.results.blocks:
            if isinstance(block, FigureBlock):
                figure = block.build()
                snippet = pio.to_html(
                    figure, include_plotlyjs=not plotly_included, full_html=False, include_mathjax=False, config={"displaylogo": False}
                )
                plotly_included = True
                out.append(f'<div class="chart">{snippet}</div>')
                if block.table is not None:
                    out.append(_html_table(block.table, lang))
            elif isinstance(block, TableBlock):
                if block.title:
                    out.append(f"<p><strong>{escape(block.title)}</strong></p>")
                out.append(_html_table(block.table, lang))
            else:
                out += [_html_line(style, line) for style, line in _block_texts(block)]
    out.append("</body></html>")
    return "\n".join(out).encode("utf-8")


def _html_line(style: str, line: str) -> str:
    escaped = html.escape(line)
    return {
        "strong": f"<p><strong>{escaped}</strong></p>",
        "quote": f"<blockquote>{escaped}</blockquote>",
        "item": f"<p>• {escaped}</p>",
        "note": f'<p class="note">{escaped}</p>',
    }.get(style, f"<p>{escaped}</p>")


def _html_table(table: pd.DataFrame, lang: str) -> str:
    header, rows = _rows(table, lang)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# --- Word --------------------------------------------------------------------------------------------


def render_docx(report: Report, progress: Progress = _no_progress) -> bytes:
    """A Word document on A4: headings, tables, the charts as images (readable in Word and LibreOffice)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    width, height = PAPER_CM.get(report.paper, PAPER_CM["A4"])
    if report.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = Cm(width), Cm(height)
    section.left_margin = section.right_margin = Cm(2)
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading(report.title, level=0)
    for line in _front_lines(report):
        document.add_paragraph(line)
    with chart_images() as draw:
        for part, _ in _walk(report, progress):
            document.add_heading(part.heading, level=part.level)
            for line in part.lines:
                document.add_paragraph().add_run(line).italic = True
            if part.tasks is not None:
                _docx_table(document, part.tasks, report.lang)
            if part.results is None:
                continue
            if part.results.empty:
                document.add_paragraph(part.results.empty_message or "")
            for block in part.results.blocks:
                _docx_block(document, block, draw, report.lang, Cm)
    return _finish_docx(document)


def _docx_block(document: Any, block: Block, draw: Callable[[FigureBlock], bytes | None], lang: str, cm: Any) -> None:
    if isinstance(block, FigureBlock):
        image = draw(block)
        if image is not None:
            document.add_picture(io.BytesIO(image), width=cm(16.5))
        else:
            document.add_paragraph(t("report.no_chart_image", lang))
        if block.table is not None:
            _docx_table(document, block.table, lang)
    elif isinstance(block, TableBlock):
        if block.title:
            document.add_paragraph().add_run(block.title).bold = True
        _docx_table(document, block.table, lang)
    else:
        for style, line in _block_texts(block):
            paragraph = document.add_paragraph(style="List Bullet" if style == "item" else None)
            run = paragraph.add_run(line)
            run.bold = style == "strong"
            run.italic = style == "note"


def _docx_table(document: Any, table: pd.DataFrame, lang: str) -> None:
    header, rows = _rows(table, lang)
    grid = document.add_table(rows=1, cols=max(1, len(header)))
    grid.style = "Table Grid"
    for cell, title in zip(grid.rows[0].cells, header, strict=False):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row, strict=False):
            cell.text = value


def _finish_docx(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------------------


def render_pdf(report: Report, progress: Progress = _no_progress) -> bytes:
    """The same content on A4 as a PDF (DejaVu Sans, so å, ä, ö and the wall's symbols print)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L" if report.landscape else "P", format=report.paper if report.paper in PAPER_CM else "A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(report.title)
    pdf.add_page()
    _pdf_text(pdf, report.title, size=18, bold=True)
    for line in _front_lines(report):
        _pdf_text(pdf, line, size=10)
    with chart_images() as draw:
        for part, _ in _walk(report, progress):
            pdf.ln(2)
            _pdf_text(pdf, part.heading, size=15 if part.level == 1 else 12.5, bold=True)
            for line in part.lines:
                _pdf_text(pdf, line, size=9)
            if part.tasks is not None:
                _pdf_table(pdf, part.tasks, report.lang)
            if part.results is None:
                continue
            if part.results.empty:
                _pdf_text(pdf, part.results.empty_message or "", size=9)
            for block in part.results.blocks:
                _pdf_block(pdf, block, draw, report.lang)
    return bytes(pdf.output())


def _pdf_text(pdf: Any, value: str, size: float = 10, bold: bool = False) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.55, value, new_x="LMARGIN", new_y="NEXT")


def _pdf_block(pdf: Any, block: Block, draw: Callable[[FigureBlock], bytes | None], lang: str) -> None:
    if isinstance(block, FigureBlock):
        image = draw(block)
        if image is not None:
            pdf.image(io.BytesIO(image), w=pdf.epw)
        else:
            _pdf_text(pdf, t("report.no_chart_image", lang), size=9)
        if block.table is not None:
            _pdf_table(pdf, block.table, lang)
    elif isinstance(block, TableBlock):
        if block.title:
            _pdf_text(pdf, block.title, size=10, bold=True)
        _pdf_table(pdf, block.table, lang)
    else:
        for style, line in _block_texts(block):
            _pdf_text(pdf, ("• " if style == "item" else "") + line, size=9 if style == "note" else 10, bold=style == "strong")


def _pdf_table(pdf: Any, table: pd.DataFrame, lang: str) -> None:
    header, rows = _rows(table, lang)
    if not header:
        return
    pdf.set_font("DejaVu", "", 8)
    with pdf.table(first_row_as_headings=True, line_height=4.2) as grid:
        for values in [header, *rows]:
            row = grid.row()
            for value in values:
                row.cell(value)
    pdf.ln(2)


RENDERERS: dict[str, Callable[[Report, Progress], bytes]] = {"docx": render_docx, "pdf": render_pdf, "html": render_html}


def render(report: Report, output_format: str, progress: Progress = _no_progress) -> bytes:
    """The report in one of FORMATS."""
    return RENDERERS[output_format](report, progress)


def cli_report(slug: str, output_format: str, out: str, step: int | None, session_date: date | None, shared: bool) -> int:
    """`python -m sff_core report`: the minutes (with --date), a step report (--step) or the process
    report as a file; xlsx is the workspace's workbook. Bad input raises InputError before anything is written."""
    from sff_core.errors import InputError
    from sff_core.outputs import report
    from sff_core.outputs.sharing import sharing_level
    from sff_core.store.db import get_engine
    from sff_core.workspaces import find_by_slug

    engine = get_engine()
    workspace = find_by_slug(engine, slug)
    if workspace is None:
        raise InputError("unknown_workspace_slug", field="workspace", slug=slug)
    if step is not None and not 0 <= step <= 7:
        raise InputError("unknown_step", field="step", step=step)
    sharing = sharing_level(engine, workspace.id, shared)
    if output_format == "xlsx":
        from sff_core.outputs.workbook import workbook_bytes

        data = workbook_bytes(engine, workspace.id, sharing)
    else:
        if session_date is not None:
            built = report.minutes(engine, workspace.id, session_date, sharing)
        elif step is not None:
            built = report.step_report(engine, workspace.id, step, sharing)
        else:
            built = report.process_report(engine, workspace.id, sharing)
        data = render(built, output_format)
    Path(out).write_bytes(data)
    print(f"Skrev {out} ({len(data) // 1024} kB, {sharing.label()})")
    return 0
