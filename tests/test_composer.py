"""The paragraph composer: hyphenation rules, breaks within the limits, lines forced into the HTML."""

from __future__ import annotations

import re

from volna_print.composer import (
    LETTER_STEP,
    WHOLE_TOLERANCE,
    advance,
    best_lines,
    break_lines,
    compose_body,
    compose_paragraph,
    hyphen_points,
    items_of,
    parse,
    spacing,
    spacing_css,
    word_share,
)
from volna_print.manifest.model import Composer

WIDTH = 51 * 72 / 25.4 / 9.5  # a 51 mm column in em of 9.5 pt
TEXT = ("Диспансеризация\u00a0— это бесплатное обследование по\u00a0полису обязательного медицинского "
        "страхования. Кроме того, каждый год можно пройти профилактический осмотр: он короче и\u00a0включает "
        "основные исследования, которые помогают найти болезни на\u00a0ранних стадиях.")


def lines_of(text: str, settings: Composer | None = None, indent: float = 0.0) -> list[str]:
    settings = settings or Composer()
    parsed = parse(text)
    assert parsed is not None
    chars, styles, _ = parsed
    lines, _ = best_lines(items_of(chars, styles, settings), chars, WIDTH, indent, settings)
    assert lines is not None
    return ["".join(chars[line.start:line.end]) + ("-" if line.hyphen else "") for line in lines]


def test_measures_match_the_font():
    assert abs(advance("вторая", (False, False, False)) * 9.5 - 30.18) < 0.05  # as WeasyPrint draws it


def test_hyphenation_rules():
    settings = Composer()
    assert hyphen_points("парусный", settings) == [2, 5]
    assert hyphen_points("году", settings) == []  # fewer than 5 letters
    assert hyphen_points("летом", settings) == [2]
    assert hyphen_points("ИННОПРОМ", settings) == []  # capitals
    assert all(2 <= p <= len("Зеленоградского") - 2 for p in hyphen_points("Зеленоградского", settings))
    assert hyphen_points("кто-нибудь", settings)[:1] == [4]  # after a compound's own hyphen


def test_every_line_but_the_last_fills_the_measure_within_limits():
    settings = Composer()
    parsed = parse(TEXT)
    assert parsed is not None
    chars, styles, _ = parsed
    lines = break_lines(items_of(chars, styles, settings), chars, WIDTH, 1.2, settings, tolerance=100)
    assert lines is not None and lines[-1].last
    assert "".join("".join(chars[ln.start:ln.end]) for ln in lines).replace(" ", "") == \
        "".join(chars).replace(" ", "")  # every character, once
    assert all(settings.word_min - 1e-9 <= word_share(ln, settings) for ln in lines)
    assert sum(word_share(ln, settings) > 2 for ln in lines[:-1]) == 0


def _longest_run(lines: list[str]) -> int:
    longest = running = 0
    for line in lines:
        running = running + 1 if line.endswith("-") else 0
        longest = max(longest, running)
    return longest


def test_no_more_hyphenated_lines_running_than_allowed_and_no_one_letter_line_end():
    for text in (TEXT, TEXT.replace("\u00a0", " ")):
        lines = lines_of(text, Composer(max_hyphens=1, emergency_hyphens=1))
        assert _longest_run(lines) <= 1
        assert not any(re.search(r"(^|\s)\w$", ln) for ln in lines[:-1] if "\u00a0" in text)


def test_a_paragraph_with_no_breaks_within_the_limits_may_run_a_hyphen_more_and_is_reported():
    strict, emergency = Composer(max_hyphens=1, emergency_hyphens=1), Composer(max_hyphens=1, emergency_hyphens=2)
    runs = {name: _longest_run(lines_of(TEXT, settings)) for name, settings in (("strict", strict),
                                                                                ("emergency", emergency))}
    assert runs == {"strict": 1, "emergency": 2}  # the hyphen more saves a looser line, so it is taken
    for settings in (strict, emergency):
        _, _, past = compose_paragraph(TEXT, WIDTH, 0.0, settings, 0.0, 0.0)
        assert past  # this text has no breaks within 80–140 % at 51 mm: named either way
    html, _, past = compose_paragraph(TEXT, 22.0, 0.0, emergency, 0.0, 0.0)  # a wider column: within the limits
    assert html is not None and not past
    spans = [re.sub(r"<[^>]+>", "", line) for line in re.findall(r'<span class="ln[^"]*">(.*?)</span>', html)]
    assert len(spans) > 3 and _longest_run(spans) <= 1


def test_only_a_line_past_the_spaces_limits_spreads_or_closes_its_letters_past_theirs_to_the_emergency_ones():
    settings = Composer(max_hyphens=1, emergency_hyphens=1)
    parsed = parse(TEXT)
    assert parsed is not None
    chars, styles, _ = parsed
    lines, tolerance = best_lines(items_of(chars, styles, settings), chars, WIDTH, 0.0, settings)
    assert lines is not None and tolerance > 1  # no breaks within the limits at 51 mm
    letters = [spacing(line, settings, 0.0, 0.0)[0] * LETTER_STEP for line in lines]
    past = [not -1 <= line.ratio <= 1 for line in lines]
    assert any(past) and any(not p for p in past)
    assert all(abs(letter) <= settings.letter + 1e-9 for letter, p in zip(letters, past, strict=True) if not p)
    assert all(abs(letter) <= settings.emergency_letter + 1e-9 for letter in letters)
    assert max(letters) > settings.letter  # and it does spread them: the spaces alone would be wider
    alone = best_lines(items_of(chars, styles, settings), chars, WIDTH, 0.0,
                       Composer(max_hyphens=1, emergency_hyphens=1, emergency_letter=settings.letter))[0]
    assert alone is not None
    assert max(word_share(ln, settings) for ln in alone[:-1]) > max(word_share(ln, settings) for ln in lines[:-1])


def test_a_no_break_space_never_breaks_before_a_dash_or_inside_a_number():
    lines = lines_of("Это\u00a0— слово " * 12 + "10\u00a0245 рублей " * 6)
    assert not any(ln.startswith("—") or ln.startswith("245") for ln in lines)


def test_the_lines_reach_the_html_and_unknown_markup_is_left_to_weasyprint():
    html, widest, _ = compose_paragraph(TEXT, WIDTH, 0.0, Composer(), 0.0, 0.0)
    assert html is not None and widest > 0
    lines = lines_of(TEXT)
    # one span a line, joined by spaces: WeasyPrint breaks between them and leaves the last line ragged
    assert html.count('<span class="ln l') == len(lines) == html.count("</span> <span") + 1
    assert "<br>" not in html and 'class="fill"' not in html
    assert spacing_css(html).count("letter-spacing") == len(set(re.findall(r'class="ln (l-?\d+)', html)))
    body = f'<p data-b="0">{TEXT}</p>\n<h2 data-b="1">Подзаголовок</h2>\n<p data-b="2">Раз<sup>2</sup></p>'
    result = compose_body(body, 51.0, 9.5, Composer())
    assert result.html.count('class="composed"') == 1
    assert (2, "Раз2", 0.0) in result.failed  # not composed: named, with no spacing
    assert all(widest > Composer().word_max for block, _, widest in result.failed if block != 2)


def test_a_headline_breaks_between_phrases_in_as_many_lines_as_first_fit_gives():
    from volna_print.composer import balance, head_advance
    from volna_print.typography import typeset

    width = 106 * 72 / 25.4 / 22  # a 2-column head at 22 pt, in em
    words = tuple(typeset("Губернатор встретился с фермерами и обсудил поддержку малых хозяйств").split(" "))
    lines = balance(words, width)
    assert lines is not None and " ".join(lines) == " ".join(words)  # every word, in order
    greedy, current = 1, words[0]
    for word in words[1:]:
        if head_advance(f"{current} {word}") <= width:
            current = f"{current} {word}"
        else:
            greedy, current = greedy + 1, word
    assert len(lines) == greedy == 3  # the head keeps its height
    lengths = [head_advance(line) for line in lines]
    assert max(lengths) < width and lengths[-1] > 0.4 * width  # the last line not left short
    assert all(" " in line for line in lines)  # no line of one word
    column = 55.5 * 72 / 25.4 / 22
    floored = balance(words, width, width - column)
    assert floored is not None and all(head_advance(line) >= width - column for line in floored[:-1])
    # a break falls between phrases: before a preposition's group, not inside «фермерами и обсудил»
    assert lines[1].startswith("с\u00a0фермерами")


def test_a_one_line_or_unbreakable_headline_is_left_alone():
    from volna_print.composer import balance

    assert balance(("Лето", "с\u00a0книгой"), 40.0) is None  # one line
    assert balance(("Электроэнергетика",), 3.0) is None  # a word wider than the head


def test_a_last_line_that_could_join_the_one_before_is_kept_apart_by_forced_breaks(monkeypatch):
    import volna_print.composer as composer

    monkeypatch.setattr(composer, "JOIN_MARGIN_EM", 100.0)  # as if every last line fitted beside its neighbour
    composer.compose_paragraph.cache_clear()
    html, _, _ = composer.compose_paragraph(TEXT, WIDTH, 0.0, Composer(), 0.0, 0.0)
    composer.compose_paragraph.cache_clear()
    assert html is not None and html.count("<br>") == len(lines_of(TEXT)) - 1
    assert html.endswith('</span></span>') and 'class="fill"' in html  # the last line is filled out, not stretched
    assert 'class="composed forced"' in compose_body(f'<p data-b="0">{TEXT}</p>', 51.0, 9.5, Composer()).html


def test_a_line_kept_whole_keeps_the_paragraph_as_many_lines():
    settings = Composer()
    parsed = parse(TEXT)
    assert parsed is not None
    chars, styles, _ = parsed
    items = items_of(chars, styles, settings)
    free = break_lines(items, chars, WIDTH, 1.2, settings, tolerance=100)
    assert free is not None
    assert free[0].hyphen and free[3].hyphen  # «…это бес-», «…каж-»
    loosest = max([WHOLE_TOLERANCE] + [line.ratio for line in free[:-1]])  # as compose_paragraph bounds it
    kept = break_lines(items, chars, WIDTH, 1.2, settings, tolerance=loosest, whole=frozenset({3}), lines=len(free))
    assert kept is not None and len(kept) == len(free)
    assert not kept[3].hyphen and kept[:3] == free[:3]
    assert max(line.ratio for line in kept) <= WHOLE_TOLERANCE
    # the first line cannot stay whole in as many lines without one past 200 % (it could at 410 %): no breaks,
    # and the text's HTML keeps its hyphen
    assert break_lines(items, chars, WIDTH, 1.2, settings, tolerance=loosest, whole=frozenset({0}),
                       lines=len(free)) is None


def test_columns_do_not_end_in_a_hyphen_where_the_composer_can_help(make_issue, monkeypatch, tmp_path):
    import volna_print.setting as setting
    from volna_print.build import lay_out_issue

    from .conftest import SAMPLE
    from .lineshape import frames_of, hyphenated_feet

    def feet() -> list:
        result = lay_out_issue(SAMPLE)
        pdf = tmp_path / "issue.pdf"
        pdf.write_bytes(result.data or b"")
        return hyphenated_feet(pdf, frames_of(result.layout))

    kept = feet()
    monkeypatch.setattr(setting, "column_feet_hyphenated", lambda document, columns: set())
    free = feet()
    assert len(free) >= 3  # the sample's columns end in hyphens when nothing prevents it…
    # …and less than half as often when the composer keeps those lines whole: where no line past 200 %
    # (composer.WHOLE_TOLERANCE) does it, the hyphen stays (a hole in the column is worse)
    assert len(kept) < len(free) / 2


def test_across_a_wide_head_no_line_leaves_a_column_of_white_unless_a_word_would_stand_alone():
    from volna_print.text import balanced_head

    lines = str(balanced_head("Жительнице посёлка Рыбачий исполнилось 95 лет", 162, 26, 51)).split("<br>")
    assert lines[0].endswith("исполнилось")  # the first line as full as it goes: no column of white beside it
    lines = str(balanced_head("Выпускники показали высокие результаты", 106.5, 22, 51)).split("<br>")
    assert lines == ["Выпускники показали", "высокие результаты"]  # never «результаты» alone


def test_the_build_names_the_loosest_paragraph_of_each_article_and_sums_up_the_slight_ones():
    from volna_print.build import composer_summary

    notes = [("a", 0, "Первый абзац", 1.6), ("a", 3, "Четвёртый абзац", 2.5), ("b", 1, "Другой", 4.1),
             ("c", 0, "Чуть шире", 1.5), ("d", 2, "Тоже", 1.7), ("d", 4, "И этот", 0.72)]
    lines = composer_summary(notes)
    assert len(lines) == 3
    assert lines[0].startswith("выключка: b: 1 абзац") and "410 %" in lines[0]  # the loosest article first
    assert "до 250 % от обычного в абзаце 4: «Четвёртый абзац…»" in lines[1]  # its widest, not its first
    # one squeezed below the limits, two stretched past them: a range, not «up to 170 %»
    assert lines[2] == ("выключка: ещё 3 абзаца набраны чуть за пределами допустимого (пробелы 72–170 % от "
                        "обычного): c, d")


def test_a_paragraph_the_composer_could_not_set_is_named_as_such_not_as_a_spacing_of_0_percent():
    from volna_print.build import composer_summary

    url = "Смотрите https://volna.example/archive/2025/07/30/very-long-address-of-the-page подробности."
    result = compose_body(f'<p data-b="0">{url}</p>', 51.0, 9.5, Composer())
    assert result.failed and result.failed[0][2] == 0.0  # no breaks at all: the address is wider than the column
    lines = composer_summary([("a", *result.failed[0])])
    assert lines == ["выключка: a: 1 абзац набран построчно, без расчёта по всему абзацу (слово шире колонки или "
                     "незнакомая выключке разметка), абзац 1: «" + url + "…»"]


def _white_mm(markup: object, size: float, width: float) -> float:
    """Return the widest white beside a head's lines, in mm, at a size and a head width."""
    from volna_print.composer import head_advance
    from volna_print.units import PT_PER_MM

    return max(width - head_advance(part) * size / PT_PER_MM for part in str(markup).split("<br>"))


def test_a_short_headline_over_a_wide_span_is_set_larger_to_fill_it():
    from volna_print.layout.frames import headline_sizes
    from volna_print.text import HEAD_WHITE, balanced_head, fitted_head

    text, width = "Забег у моря собрал 439 человек", 222.0  # four columns
    sizes = headline_sizes("main", 4, text)
    assert _white_mm(balanced_head(text, width, sizes[0], 51), sizes[0], width) > 51  # as the rank sets it: a hole
    size, markup = fitted_head(text, width, sizes, 51)
    assert sizes[0] < size <= sizes[0] * 1.35
    assert _white_mm(markup, size, width) < HEAD_WHITE * 51


def test_a_head_that_leaves_white_beside_both_its_lines_is_set_smaller_on_one():
    from volna_print.layout.frames import headline_sizes
    from volna_print.text import HEAD_WHITE, fitted_head

    text, width = "Извещение о проведении общественных обсуждений", 273.0  # five columns
    sizes = headline_sizes("lead", 5, text)
    size, markup = fitted_head(text, width, sizes, 51)
    assert "<br>" not in str(markup) and size < sizes[0]
    assert _white_mm(markup, size, width) < HEAD_WHITE * 51


def test_a_brief_head_never_grows_and_a_head_that_cannot_fill_keeps_its_size():
    from volna_print.layout.frames import headline_sizes
    from volna_print.text import fitted_head

    sizes = headline_sizes("brief", 2, "Концерт в ДК")
    assert max(sizes) == sizes[0] == 15
    assert fitted_head("Концерт в ДК", 106.5, sizes, 51)[0] == 15  # too short to fill two columns at any size


def test_a_paragraph_with_no_breaks_within_the_limits_squeezes_a_line_rather_than_open_holes():
    import volna_print.composer as composer

    text = ("По\u00a0итогам проверки каждое учреждение получит акт готовности. Если комиссия найдёт замечания, "
            "их нужно будет устранить до\u00a0начала занятий.")
    settings = Composer()
    parsed = parse(text)
    assert parsed is not None
    chars, styles, _ = parsed
    items = items_of(chars, styles, settings)
    assert break_lines(items, chars, WIDTH, 1.2, settings) is None  # no breaks within 80–140 %
    lines = break_lines(items, chars, WIDTH, 1.2, settings, tolerance=100)
    assert lines is not None
    shares = [word_share(ln, settings) for ln in lines[:-1]]
    # stretched only (as before the squeeze), a line had its spaces at 311 %; squeezed, none reaches 150 %
    assert max(shares) < 1.5 and composer.EMERGENCY_SPACE - 1e-9 <= min(shares) < settings.word_min


def test_a_line_squeezed_as_far_as_it_may_keeps_the_gap_between_words_its_letters_close_up():
    import volna_print.composer as composer

    texts = ("В\u00a0летнем кинотеатре на\u00a0набережной покажут фильмы из\u00a0золотого фонда отечественного "
             "кино. Средства выделены из\u00a0регионального и\u00a0местного бюджетов.",
             "25\u00a0октября редакция будет следить за\u00a0развитием событий. Итоги подведут в\u00a0конце "
             "октября. Прививку от\u00a0гриппа можно сделать бесплатно в\u00a0прививочном кабинете поликлиники.")
    settings = Composer()
    space = advance(" ", (False, False, False))
    letters = []
    for text in texts:
        parsed = parse(text)
        assert parsed is not None
        chars, styles, _ = parsed
        lines, tolerance = best_lines(items_of(chars, styles, settings), chars, WIDTH, 1.2, settings)
        assert lines is not None and tolerance > 1
        # with its letters closed up past 2 %, a squeezed line's spaces keep the difference: the gap between
        # two words is never narrower than at 70 % and 2 % (any less and poppler reads two words as one)
        for line in lines[:-1]:
            letter = spacing(line, settings, 0.0, 0.0)[0] * LETTER_STEP
            assert space * word_share(line, settings) + 2 * letter >= \
                space * composer.EMERGENCY_SPACE - 2 * settings.letter - 1e-6
            letters.append(letter)
    assert min(letters) < -settings.letter  # and the letters do close up past 2 % where a line must squeeze

def test_a_tight_text_sets_a_paragraph_a_line_shorter_where_it_can_a_loose_one_never_past_the_limits():
    body = f'<p data-b="0">{TEXT} Приходите.</p>'
    # no emergency letters or hyphens: with them this paragraph sets in 9 lines already, with none past 150 %
    plain = Composer(emergency_hyphens=2, emergency_letter=0.02)

    def count(spacing: str) -> int:
        return compose_body(body, 51.0, 9.5, plain, spacing).html.count('class="ln l')

    assert count("letter-spacing: -0.01em; word-spacing: -0.01em;") == count("") - 1
    # a line more only where the limits allow it: not here, so the loose paragraph keeps its best breaks
    inner = f"{TEXT} Приходите."
    assert compose_paragraph(inner, WIDTH, 0.0, plain, 0.01, 0.01, frozenset(), 1) == \
        compose_paragraph(inner, WIDTH, 0.0, plain, 0.01, 0.01, frozenset(), 0)


def test_the_measuring_form_has_no_line_spans_but_where_a_line_could_break_inside():
    from volna_print.composer import measuring_form

    body = ('<p data-b="0" class="composed forced"><span class="ln l3 w-2">Сказал <span class="caps">МЧС</span> '
            'вчера</span><br><span class="ln l0 w0">кто-то из\u00a0них</span><br><span class="ln l-4 w1">'
            'всё так<span class="fill" style="width:3.1em"></span></span></p>')
    assert measuring_form(body) == ('<p data-b="0" class="composed forced">Сказал\u00a0<span class="caps">МЧС'
                                    '</span>\u00a0вчера<br><span class="ln l0 w0">кто-то из\u00a0них</span><br>'
                                    'всё\u00a0так</p>')


def test_every_text_measured_in_the_measuring_form_has_the_line_boxes_it_prints(monkeypatch):
    import volna_print.setting as setting
    from volna_print.build import lay_out_issue
    from volna_print.cache import BuildCache

    from .conftest import SAMPLE

    def lines(document) -> list[list[tuple[str, float]]]:
        return [[(str(element.get("data-b")), round(line.position_y, 2)) for line, element in
                 setting._line_boxes(page._page_box)] for page in document.pages]

    compared: list[str] = []
    set_one = setting.WeasySetter._set

    def both(self, spec, key):  # type: ignore[no-untyped-def]
        measured, _ = self._render(self._flow_html([spec], spec.columns, spec.tail_width_mm, measuring=True))
        printed, _ = self._render(self._flow_html([spec], spec.columns, spec.tail_width_mm))
        assert lines(measured) == lines(printed), spec.key
        assert setting.column_feet_hyphenated(measured, len(spec.columns)) == \
            setting.column_feet_hyphenated(printed, len(spec.columns)), spec.key
        compared.append(spec.key)
        return set_one(self, spec, key)

    monkeypatch.setattr(setting.WeasySetter, "_set", both)
    lay_out_issue(SAMPLE, BuildCache())
    assert len(set(compared)) >= 12  # every article of the sample, most in several shapes


def test_paper_yaml_sets_the_emergency_and_refuses_one_tighter_than_the_limits(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    from volna_print.manifest.paper import load_paper
    from volna_print.manifest.source import Problems
    from volna_print.resources import layouts_dir

    layouts = Path(shutil.copytree(layouts_dir(), tmp_path / "layouts"))
    monkeypatch.setenv("VOLNA_LAYOUTS", str(layouts))
    paper_yaml = layouts / "volna" / "paper.yaml"
    text = paper_yaml.read_text(encoding="utf-8")
    assert "emergency_letter_spacing: 2.5" in text and "emergency_hyphenated_lines: 3" in text
    problems = Problems()
    paper = load_paper("volna", problems)
    assert paper is not None and not problems.messages
    assert (paper.composer.emergency_letter, paper.composer.emergency_hyphens) == (0.025, 3)
    paper_yaml.write_text(text.replace("emergency_letter_spacing: 2.5", "emergency_letter_spacing: 1.5"),
                          encoding="utf-8")
    problems = Problems()
    load_paper("volna", problems)
    (message,) = [m for m in problems.messages if "emergency_letter_spacing" in m]
    assert "paper.yaml:" in message and "1.5" in message  # located, with the value refused
    paper_yaml.write_text(text.replace("letter_spacing: 2 ", "letter_spacing: 3.5 ")
                          .replace("emergency_letter_spacing: 2.5", "emergency_letter_spacing: 3.5")
                          .replace("emergency_hyphenated_lines: 3", "emergency_hyphenated_lines: 1"), encoding="utf-8")
    problems = Problems()
    load_paper("volna", problems)
    (message,) = problems.messages  # 3.5 % as both is fine; fewer hyphens running past the limits is not
    assert "emergency_hyphenated_lines" in message and "paper.yaml:" in message


def test_a_space_after_a_suspended_hyphen_is_no_hyphenated_line():
    from volna_print.composer import Line, past_limits

    chars = list("северо- и юго-западный ветер")
    at_space = Line(0, 7, False, 0.5, False)  # «северо-», broken at the space after it
    inside = Line(0, 14, False, 0.5, False)  # «северо- и юго-», broken at the compound's own hyphen
    rest = Line(15, len(chars), False, 0.0, True)
    one = Composer(max_hyphens=0, emergency_hyphens=0)
    assert not past_limits([at_space, rest], chars, one)
    assert past_limits([inside, rest], chars, one)
