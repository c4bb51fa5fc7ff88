"""The layout engine on small issues: bookings around the imprint, overset out of the file, jumps, ranks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from volna_print.build import build, lay_out_issue
from volna_print.cli import main
from volna_print.layout.engine import short_headline
from volna_print.layout.frames import AdFrame, ArticleFrame

from .conftest import MANIFEST, SAMPLE, pdf_text
from .pagepixels import text_words

GOLDEN = Path(__file__).parent / "golden" / "sample-frames.json"
HEADER = MANIFEST.split("articles:")[0]


def sample_text(name: str) -> str:
    """Return a sample article file's text, without its pictures (the test issues have none)."""
    text = (SAMPLE / "articles" / f"{name}.md").read_text(encoding="utf-8")
    front, body = text.split("---", 2)[1:]
    front = front.split("images:")[0]
    return f"---{front}---{body}"


def art() -> bytes:
    """Return a small JPEG for an ad."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (600, 330), (200, 30, 30)).save(buffer, "JPEG", dpi=(300, 300))
    return buffer.getvalue()


def test_an_ad_in_the_back_page_last_row_is_booked_and_the_imprint_moves_above(make_issue):
    manifest = HEADER + ("articles: []\nads:\n  - {id: x, file: ads/x.jpg, size: 5x2, page: 4, "
                         "frame: {col: 1, row: 11}}\n")
    result = lay_out_issue(make_issue(manifest, {"ads/x.jpg": art()}))
    back = result.layout.pages[3]
    (ad,) = [f for f in back.frames if isinstance(f, AdFrame)]
    assert back.imprint is not None
    assert back.imprint.rect.bottom <= ad.rect.y  # above the booked ad, not over it
    assert back.imprint.rect.w > 200  # still across the page


def test_overset_text_is_not_in_the_pdf_and_the_cut_is_named(make_issue, tmp_path):
    manifest = MANIFEST.replace("frame: {col: 1, row: 1, cols: 2, rows: 3}", "frame: {col: 1, row: 1, cols: 2, rows: 2}")
    folder = make_issue(manifest, {"articles/a.md": sample_text("beach-season")})
    result = build(folder, tmp_path / "out")
    (fit,) = result.fits
    assert fit.overset_lines > 20 and fit.overset_chars > 500
    text = " ".join(text_words(pdf_text(result.pdf)))
    assert fit.last_fitting and fit.last_fitting.split()[-1].strip("-") in text
    assert fit.first_overset not in text  # the first words that do not fit are nowhere in the file
    tail = sample_text("beach-season").split()[-12:]  # the article's last sentence
    assert " ".join(tail) not in text
    assert "обрыв после «…" in fit.describe()


def test_a_hand_frame_in_column_one_drops_nothing_and_the_jump_lands(make_issue):
    articles = "articles:\n" + "".join(
        f"  - {{file: articles/{name}.md, page: 2}}\n" for name in ("school-year", "street-repairs", "weather-week"))
    articles += ("  - {file: articles/beach-season.md, page: 2, frame: {col: 1, row: 1, cols: 1, rows: 6}, "
                 "continue: {page: 3}}\n")
    names = ("school-year", "street-repairs", "weather-week", "beach-season")
    result = lay_out_issue(make_issue(HEADER + articles + "ads: []\n",
                                      {f"articles/{n}.md": sample_text(n) for n in names}))
    placed = {f.article.id for f in result.layout.article_frames()}
    assert placed == set(names)
    assert not result.layout.unplaced
    cont = [f for f in result.layout.article_frames() if f.continued_from == 2]
    assert [f.page for f in cont] == [3]
    first = next(f for f in result.layout.article_frames() if f.article.id == "beach-season" and f.page == 2)
    assert first.continued_on == 3


def test_continue_auto_goes_on_a_later_page_with_room(make_issue):
    manifest = MANIFEST.replace("frame: {col: 1, row: 1, cols: 2, rows: 3}",
                                "frame: {col: 1, row: 1, cols: 2, rows: 2}\n    continue: auto")
    result = lay_out_issue(make_issue(manifest, {"articles/a.md": sample_text("beach-season")}))
    parts = result.layout.article_frames()
    assert [p.page for p in parts] == [2, 3]
    assert parts[0].continued_on == 3 and parts[1].continued_from == 2
    assert not result.overset()


def test_strict_refuses_a_thin_issue_and_says_what_is_missing_per_page(make_issue, tmp_path):
    folder = make_issue()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert "полоса 1: полоса пуста" in result.output
    assert "полоса 2: заполнена на" in result.output and "строк (≈" in result.output
    assert "полоса 2: пустое место" in result.output  # measured on the page's pixels
    assert not out.exists() or not any(out.iterdir())


def test_a_brief_gets_a_narrow_shape_and_a_small_head(make_issue):
    articles = "articles:\n" + "".join(
        f"  - {{file: articles/{n}.md, page: 2}}\n" for n in ("school-year", "library-summer-reading"))
    articles += "  - {file: articles/brief.md, page: 2, rank: brief}\n"
    brief = "---\nheadline: Кратко о погоде на неделю\n---\nВ выходные в Зеленоградске ожидается до +23 °C, ветер слабый.\n"
    result = lay_out_issue(make_issue(HEADER + articles + "ads: []\n", {
        "articles/school-year.md": sample_text("school-year"),
        "articles/library-summer-reading.md": sample_text("library-summer-reading"), "articles/brief.md": brief}))
    frame = next(f for f in result.layout.article_frames() if f.article.id == "brief")
    assert frame.columns <= 2 and frame.headline_pt <= 16


def test_a_portrait_keeps_its_top_and_no_photo_is_enlarged_past_its_pixels(sample_build):
    frames = [f for f in sample_build.layout.article_frames() if f.photo]
    assert frames
    for frame in frames:
        assert frame.photo.ppi >= sample_build.issue.paper.rules.photo_min_ppi - 1 or frame.photo.width_mm < 60
        assert frame.photo.crop <= sample_build.issue.paper.rules.max_crop + 0.02


@pytest.mark.parametrize(("text", "short"), [
    ("Пляжный сезон открыт: что изменилось на побережье", "Пляжный сезон открыт"),
    ("Губернатор Калининградской области провёл встречу с жителями посёлка Романово",
     "Губернатор Калининградской области провёл…"),
    ("Школьники из Зеленоградска и Светлогорска сыграли в футбол на новом стадионе",
     "Школьники из Зеленоградска и Светлогорска…"),
])
def test_a_continuation_headline_is_cut_at_a_phrase_never_after_a_preposition(text, short):
    assert short_headline(text) == short


def frames_of(result) -> list[dict]:
    """Return every page's frames as the golden file keeps them: kind, id, columns and their boxes."""
    out = []
    for page in result.layout.pages:
        for frame in page.frames:
            entry = {"page": page.number, "id": frame.key, "kind": frame.kind}
            if isinstance(frame, ArticleFrame):
                entry["columns"] = [[round(c.rect.x, 1), round(c.rect.y, 1), c.lines] for c in frame.columns_list]
            else:
                entry["box"] = [round(frame.rect.x, 1), round(frame.rect.y, 1), frame.grid.cols, frame.grid.rows]
            out.append(entry)
    return out


def test_the_sample_frames_stay_as_pinned(sample_build):
    """Regenerate with VOLNA_GOLDEN=write after a deliberate change to the layout, and look at the pages."""
    import os

    actual = frames_of(sample_build)
    if os.environ.get("VOLNA_GOLDEN") == "write":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert actual == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_a_thin_page_never_reads_as_full_as_the_minimum_it_misses():
    from volna_print.build import thin_page

    message = thin_page(2, 0.897, 0.9, 49, 32)
    assert "заполнена на 89 %" in message and "меньше 90 %" in message  # 89.7 % is not «90 %, below 90 %»


def test_a_page_is_placed_weightiest_first_so_a_lead_listed_late_can_wrap_the_shorter_stories():
    from types import SimpleNamespace

    from volna_print.layout.engine import auto_items

    def item(name: str, rank: str, framed: bool = False) -> SimpleNamespace:
        return SimpleNamespace(name=name, rank=rank, frame=object() if framed else None)

    items = [item("brief", "brief"), item("a", "secondary"), item("framed", "lead", True), item("lead", "lead"),
             item("b", "secondary")]
    assert [i.name for i in auto_items(items)] == ["lead", "a", "b", "brief"]  # equals stay as listed


def _jpeg(width: int, height: int) -> bytes:
    """Return a plain JPEG of a size, at 300 ppi."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (90, 120, 160)).save(buffer, "JPEG", dpi=(300, 300))
    return buffer.getvalue()


def _square_with_photos(make_issue, paragraphs: int):  # type: ignore[no-untyped-def]
    """Lay out a text of some paragraphs with a lead photo and two more, in a frame of two columns by four rows."""
    body = "\n\n".join(["Жители посёлка собрались у Дома культуры, чтобы обсудить, как будет выглядеть сквер после "
                        "ремонта. Проект показали на большом экране, а вопросы записывали в тетрадь."] * paragraphs)
    article = ("---\nrubric: Город\nheadline: Сквер у Дома культуры\nimages:\n"
               "  - {file: images/a.jpg, caption: Сквер сегодня}\n"
               "  - {file: images/b.jpg, caption: Так сквер будет выглядеть после ремонта}\n"
               "  - {file: images/c.jpg, caption: Обсуждение проекта}\n---\n" + body + "\n")
    manifest = MANIFEST.replace("rows: 3}", "rows: 4}")
    return lay_out_issue(make_issue(manifest, {"articles/a.md": article, "images/a.jpg": _jpeg(1800, 1200),
                                               "images/b.jpg": _jpeg(1200, 1600), "images/c.jpg": _jpeg(1600, 1200)}))


def test_photos_that_do_not_fit_after_the_words_move_up_into_the_text_and_the_words_overset(make_issue, tmp_path):
    result = _square_with_photos(make_issue, 4)
    (fit,) = result.fits
    # every word fits without the two photos, and neither photo fits after them even at its fewest lines:
    # both stay, whole in the second column right after the words before them, and the last words overset
    assert not result.layout.unplaced
    assert result.layout.flows[0].body.count("<figure") == 2
    assert 0 < fit.overset_lines < 10
    assert fit.marks["figure-0"][0] == fit.marks["figure-1"][0] == 1
    assert fit.marks["before-0"] == (0, fit.column_lines[0])  # the first column full to its foot
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(result.data)
    # the cut falls in the fourth paragraph: it is reported, and its end is not printed
    assert fit.first_overset and " ".join(pdf_text(pdf).split()).count("в тетрадь.") == 3


def test_photos_that_fit_after_the_words_at_their_fewest_lines_all_stay(make_issue):
    result = _square_with_photos(make_issue, 3)
    (fit,) = result.fits
    # at their natural heights the two photos do not fit after the words, at their fewest lines both do:
    # both stay (sizing only the last, the first at its natural height, left the last out)
    assert not result.layout.unplaced and not fit.overset_lines
    assert result.layout.flows[0].body.count("<figure") == 2


def test_a_hand_frame_taller_than_its_text_is_named_with_the_lines_and_characters_to_spare(make_issue):
    result = lay_out_issue(make_issue())  # one short paragraph in a frame of two columns and three rows
    (fit,) = result.fits
    (note,) = [n for n in result.warnings if "короче рамки" in n]
    assert f"текст короче рамки на {fit.underset_lines} строк" in note and "уменьшите рамку" in note
    assert f"≈ {fit.underset_lines * 32} зн." in note  # 32 characters to a line of a 51 mm column


def test_the_page_line_says_how_many_characters_the_empty_lines_want(make_issue):
    from volna_print.report import page_lines

    result = lay_out_issue(make_issue())
    line = page_lines(result)[1]
    short = result.layout.shortfall[2]
    assert f"не хватает ≈ {short * 32} зн." in line


def test_the_last_photo_of_a_short_text_grows_within_its_crop_limit_to_take_up_the_spare_lines(make_issue,
                                                                                             monkeypatch):
    import re

    from volna_print.layout import engine

    body = "\n\n".join(["Жители посёлка собрались у Дома культуры, чтобы обсудить, как будет выглядеть сквер после "
                        "ремонта."] * 3)
    article = ("---\nrubric: Город\nheadline: Сквер у Дома культуры\nimages:\n"
               "  - {file: images/a.jpg, caption: Сквер сегодня}\n"
               "  - {file: images/b.jpg, caption: Так сквер будет выглядеть после ремонта}\n---\n" + body + "\n")
    files = {"articles/a.md": article, "images/a.jpg": _jpeg(1800, 1200), "images/b.jpg": _jpeg(2400, 1800)}

    def laid_out() -> tuple[int, float]:
        result = lay_out_issue(make_issue(MANIFEST, files))
        (fit,) = result.fits
        height = re.search(r'<figure class="photo"[^>]*><img [^>]*height: ([0-9.]+)mm', result.layout.flows[0].body)
        assert height is not None
        return fit.underset_lines, float(height.group(1))

    grown_under, grown_h = laid_out()
    monkeypatch.setattr(engine, "grow_figures", lambda issue, setter, part, fit: fit)
    natural_under, natural_h = laid_out()
    assert natural_under >= 2 and grown_under < natural_under  # the photo took up spare lines…
    assert natural_h < grown_h <= natural_h / 0.75 + 1  # …taller, cropped at the sides within max_crop


def test_a_text_run_on_under_an_ad_across_it_reads_the_columns_above_first_then_those_below(make_issue):
    manifest = HEADER + ("articles:\n  - {file: articles/a.md, page: 2}\n"
                         "ads:\n  - {id: x, file: ads/x.jpg, size: 5x2, page: 2, frame: {col: 1, row: 4}}\n")
    result = lay_out_issue(make_issue(manifest, {"articles/a.md": sample_text("school-year"), "ads/x.jpg": art()}))
    page = result.layout.pages[1]
    (ad,) = [f for f in page.frames if isinstance(f, AdFrame)]
    (text,) = [f for f in page.frames if isinstance(f, ArticleFrame)]
    above = [c.rect for c in text.columns_list if c.rect.bottom <= ad.rect.y]
    below = [c.rect for c in text.columns_list if c.rect.y >= ad.rect.bottom]
    assert above and below and len(above) + len(below) == text.columns  # the text runs on under the ad
    order = [c.rect for c in text.columns_list]
    assert order == above + below  # every column above the ad is read before any below it
    assert [r.x for r in above] == sorted(r.x for r in above) and [r.x for r in below] == sorted(r.x for r in below)
