"""Newspaper text and rule rules, checked on the PDF's content: one plate and overprint for small type and
thin rules, no four-colour body text, rich black only for large type, a minimum line weight."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from volna_print.manifest.paper import load_paper
from volna_print.manifest.source import Problems
from volna_print.printing.pagechecks import check_page
from volna_print.printing.scan import scan_pdf
from volna_print.printing.settings import load_print_settings

CONTENT = b"""
q 0 0 0 1 K /OP gs 0.3 w 10 700 m 200 700 l S Q
q 1 0.45 0 0.1 K 0.75 w 10 680 m 200 680 l S Q
q 0 0 0 0 k 10 660 190 0.75 re f Q
q 0 0 0 1 k 10 600 190 40 re 11 601 188 38 re f* Q
q 1 0.45 0 0.1 K 2 w 10 560 m 200 560 l S Q
q 0 0 0 1 k /OP gs 10 540 190 0.5 re f Q
BT /F1 9 Tf 0.4 0.3 0.2 1 k 10 500 Td (four) Tj ET
BT /F1 12 Tf 0.4 0.3 0.2 1 k 10 480 Td (rich) Tj ET
BT /F1 24 Tf 0.4 0.3 0.2 1 k 10 440 Td (large) Tj ET
q /OP gs BT /F1 9 Tf 0 0 0 1 k 10 420 Td (black) Tj ET Q
BT /F1 9 Tf 0 0 0 1 k 400 420 Td (knocks) Tj ET
"""


@pytest.fixture(scope="module")
def settings():  # type: ignore[no-untyped-def]
    paper = load_paper("volna", Problems())
    assert paper is not None
    return load_print_settings(paper)


def page_scan(content: bytes):  # type: ignore[no-untyped-def]
    """Return the scan of a one-page PDF with this content and an overprinting graphics state /OP."""
    pdf = pikepdf.new()
    resources = Dictionary(ExtGState=Dictionary(OP=Dictionary(Type=Name.ExtGState, OP=True, op=True)))
    page = pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=[0, 0, 595, 842], Resources=resources))
    page.obj.Contents = pdf.make_stream(content)
    pdf.pages.append(page)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return scan_pdf(buffer.getvalue()).pages[0]


def where(_page: int, x: float, _y: float) -> str:
    """Name the left of the page «article left» and the right «ad right»."""
    return "article left" if x < 300 else "ad right"


def test_rules_are_measured_as_strokes_bars_and_frames():
    rules = page_scan(CONTENT).rules
    assert [round(r.width, 2) for r in rules] == [0.3, 0.75, 0.75, 1.0, 2.0, 0.5]
    assert [r.stroked for r in rules] == [True, True, False, False, True, False]
    assert [r.overprint for r in rules] == [True, False, False, False, False, True]


def test_thin_rules_and_small_or_rich_type_are_reported_by_page_and_item(settings):
    found, _ = check_page(3, page_scan(CONTENT), None, settings, where, for_press=True)
    lines = sorted((f.level, f.check, f.subject, f.message) for f in found)
    assert lines == sorted([
        ("error", "small type", "article left", "текст 9 пт в 4 краски (C40 M30 Y20 K100), мельче 10 пт (1 строка)"),
        ("warning", "overprint", "ad right", "текст 100 % K вычитает фон вместо наложения (1 фрагмент)"),
        ("warning", "overprint", "article left", "линейка 100 % K вычитает фон вместо наложения (1 линейка)"),
        (
            "warning",
            "rich black",
            "article left",
            "текст 12,0 пт составным чёрным (C40 M30 Y20 K100): составной чёрный — только от 18 пт, мельче — "
            "чёрный 100 % K (1 строка)",
        ),
        ("warning", "rules", "article left", "линейка 0,30 пт — тоньше наименьшей допустимой толщины 0,5 пт (1 линейка)"),
        (
            "warning",
            "rules",
            "article left",
            "линейка 0,75 пт в 3 краски (C100 M45 K10): тоньше 1,5 пт линейка печатается одной краской (100 % K) "
            "(1 линейка)",
        ),
        (
            "warning",
            "rules",
            "article left",
            "линейка 0,75 пт вывороткой: тоньше 1,5 пт линейка печатается одной краской (100 % K) (1 линейка)",
        ),
    ])
    assert {f.page for f in found} == {3}


def test_clean_content_passes(settings):
    clean = b"q 0 0 0 1 K /OP gs 1 w 10 700 m 200 700 l S Q\nq /OP gs BT /F1 9 Tf 0 0 0 1 k 10 500 Td (ok) Tj ET Q\n"
    found, _ = check_page(1, page_scan(clean), None, settings, where, for_press=True)
    assert found == []
