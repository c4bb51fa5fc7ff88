"""The manifest schema, declared once: every key of issue.yaml, of an article's front matter and of paper.yaml.

Each mapping is a Table whose class attributes are its keys (kinds.py): the loaders read every value through
them (Fields.get), unknown keys are found against them, and the key reference of docs/manifest.md is
written from them (reference_markdown, scripts/manifest_doc.py). Each key has two descriptions: `about`
for developers, `doc` for editors, in the words docs/manifest.md uses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..i18n import N_
from .assets import ART_SUFFIXES, IMAGE_SUFFIXES
from .kinds import (
    Choice,
    Custom,
    Date,
    File,
    Flag,
    Items,
    Length,
    Mapping,
    Moment,
    Number,
    Spec,
    Table,
    Text,
    Whole,
)
from .model import (
    AD_FITS,
    AD_LABEL_PLACES,
    AD_LABELS,
    AGE_MARKS,
    FIT_MODES,
    FOCUS_WORDS,
    PAGE_TEMPLATES,
    RANKS,
    AdStyle,
    Composer,
    Rules,
)

INTENTS = ("perceptual", "relative")  # how RGB pictures map into the press's gamut (printing/color.py)
ARTICLE_SUFFIXES = (".md", ".markdown", ".docx")  # a Word file is converted by manifest/docx.py
FRAME_HINT = "{col: 1, row: 1, cols: 2, rows: 3}"  # how to write a frame, for the message when it is not one

# ----------------------------------------------------------------------------------------------- issue.yaml


class SignedKeys(Table):
    """issue.yaml `signed_to_print`."""

    title = "`signed_to_print`"
    note = "Both times are required: the imprint must print them (подписано в печать)."
    scheduled = Moment("scheduled", required=True, example='"2025-07-29 18:00"',
                       about="Signing time by the schedule, printed in the imprint; the sequence check compares it",
                       doc="по графику: the time the schedule sets")
    actual = Moment("actual", required=True, example='"2025-07-29 17:40"',
                    about="Signing time as it happened, printed in the imprint",
                    doc="фактически: the time the issue was signed")


class PageKeys(Table):
    """One entry of issue.yaml `pages`."""

    title = "`pages[]`: one page"
    note = "One entry per page, in order; an entry may be empty (`- {}`)."
    template = Choice("template", options=PAGE_TEMPLATES, example="front",
                      default_doc="first page `front`, last `back`, others `inner`",
                      about="Page type: picks the head zone (masthead or running head) and the module height",
                      doc="the page's type")
    section = Text("section", example="Власть",
                   about="Section name of the running head",
                   doc="printed in the running head")


class FrameKeys(Table):
    """A frame on the module grid: an article's, its continuation's, or an ad's (top-left module only)."""

    title = "`frame`: a place on the grid"
    note = ("Grid units, 1-based (5 × 12 modules); frames must lie inside the grid and must not overlap. "
            "An ad's frame gives only `col` and `row`: its size gives the rest.")
    col = Whole("col", required=True, low=1, high="columns", example="1",
                about="First grid column the frame covers",
                doc="the first column")
    row = Whole("row", required=True, low=1, high="rows", example="1",
                about="First module row the frame covers",
                doc="the first module row")
    cols = Whole("cols", required=True, low=1, high="columns", example="3",
                 about="Width in grid columns (an ad's comes from its size)",
                 doc="width in columns; not for an ad")
    rows = Whole("rows", required=True, low=1, high="rows", example="7",
                 about="Height in module rows (an ad's comes from its size)",
                 doc="height in modules; not for an ad")


class JumpKeys(Table):
    """issue.yaml `articles[].continue` written as a mapping."""

    title = "`continue`: where an article goes on"
    note = ("`continue: {page: N}` jumps the text to page N; `continue: auto` lets the engine continue it on the "
            "first later page with room, only when it does not fit.")
    page = Whole("page", required=True, low=1, high="pages", example="5",
                 about="Page the rest of the text is set on; not the article's own",
                 doc="the page the text continues on")
    frame = Mapping("frame", table=FrameKeys, hint=FRAME_HINT, example="{col: 1, row: 1, cols: 2, rows: 4}",
                    about="Hand frame for the rest on that page; without it the engine places it",
                    doc="optional hand frame there")


class ArticleKeys(Table):
    """One entry of issue.yaml `articles`."""

    title = "`articles[]`: one article"
    note = "An article without a frame is shaped and placed by the engine (docs/design.md)."
    id = Text("id", example="governor-minsk", default_doc="the file's stem",
              about="Unique name of the article: it names output files and reports (ID_RE in issue.py)",
              doc="its name in reports and file names: up to 64 ASCII letters, digits, - and _")
    file = File("file", suffixes=ARTICLE_SUFFIXES, required=True, example="articles/governor-minsk.md",
                about="Markdown or Word file of the article, inside the issue folder",
                doc="the article file: Markdown, or Word (converted)")
    page = Whole("page", required=True, low=1, high="pages", example="1",
                 about="Page of the plan the article starts on",
                 doc="the page it starts on")
    frame = Mapping("frame", table=FrameKeys, hint=FRAME_HINT, example="{col: 1, row: 1, cols: 3, rows: 7}",
                    about="Hand frame on the grid; without it the engine shapes and places the article",
                    doc="optional hand frame, grid units, 1-based (5 × 12 modules)")
    columns = Whole("columns", low=1, high="columns", example="3", default_doc="= `cols`",
                    about="Text columns inside a hand frame, at most its width",
                    doc="text columns in a hand frame")
    fit = Choice("fit", options=FIT_MODES, example="tight",
                 about="Asks for tighter or looser setting: letter and word spacing within ±1 %, and each paragraph "
                       "a line shorter (tight) or longer (loose) where the composer can set it so",
                 doc="letter and word spacing within ±1 %; a paragraph a line shorter or longer where it can be")
    continue_ = Mapping("continue", table=JumpKeys, hint=N_("{page: 4}, or auto"), shape="`{page, frame}` or `auto`",
                        example="{page: 5}",
                        about="Jump: the article continues on another page, or where the engine finds room",
                        doc="optional jump; or: `continue: auto`")
    rank = Choice("rank", options=RANKS, example="lead",
                  default_doc="from order and length",
                  about="Weight of the article: its headline size and preferred span",
                  doc="headline size, preferred span")


class AdKeys(Table):
    """One entry of issue.yaml `ads`."""

    title = "`ads[]`: one ad"
    note = "A paid ad is never dropped: one that does not fit its page is an error."
    id = Text("id", example="stroymarket", default_doc="the file's stem",
              about="Unique name of the ad: it names output files and reports (ID_RE in issue.py)",
              doc="its name in reports and file names: up to 64 ASCII letters, digits, - and _")
    file = File("file", suffixes=ART_SUFFIXES, required=True, example="ads/stroymarket.jpg",
                about="The advertiser's artwork, checked when the issue is loaded (assets.check_artwork)",
                doc="JPEG, PNG or PDF artwork, made to the booked size")
    size = Text("size", required=True, shape="columns x modules", example="2x3",
                about="Booked size in grid units (SIZE_RE in issue.py; Cyrillic х and × too)",
                doc="booked size: columns x modules")
    page = Whole("page", required=True, low=1, high="pages", example="4",
                 about="Page the ad is booked on",
                 doc="the page it is booked on")
    frame = Mapping("frame", table=FrameKeys, hint="{col: 1, row: 1}", example="{col: 4, row: 10}",
                    about="Top-left module of the ad; without it the engine places it",
                    doc="top-left module; the size gives the rest")
    advertiser = Text("advertiser", example="ООО «Строймаркет»",
                      about="Who placed the ad, typeset like every printed text",
                      doc="the advertiser, as printed")
    label = Choice("label", options=AD_LABELS, default=AD_LABELS[0], example="Реклама",
                   about="The marking 38-ФЗ art. 16 requires, printed in the ad's strip",
                   doc="the marking above or below the ad")
    fit = Choice("fit", options=AD_FITS, default=AD_FITS[0], example="cover",
                 about="Artwork unlike its module: fitted whole (padded) or filling it (cropped)",
                 doc="artwork of other proportions: shown whole, or cropped to fill")


class IssueKeys(Table):
    """The top level of issue.yaml."""

    title = "`issue.yaml`"
    note = "Every path is relative to the issue folder."
    paper = Text("paper", required=True, example="volna",
                 about="Slug of the paper's design folder, layouts/<paper>/ (paper.yaml, templates, css)",
                 doc="design folder: `layouts/<paper>/`")
    number = Whole("number", required=True, low=1, high=999, example="31",
                   about="Issue number within the year: masthead, imprint, output file names",
                   doc="№ in the year")
    total = Whole("total", low=1, example="10245",
                  about="Running number since the first issue, printed after the year's number",
                  doc="running number: «№ 31 (10 245)»")
    date = Date("date", required=True, example="2025-07-30",
                about="Publication date: masthead, output file names, the weekly sequence check",
                doc="publication date")
    weather = Text("weather", example='"+11 °C"',
                   about="Weather line of the masthead, kept as written",
                   doc="printed in the masthead")
    price = Text("price", required=True, example="Бесплатно",
                 about="Price line of the masthead",
                 doc="«Бесплатно», «Свободная цена» or e.g. «25 руб.»")
    age_mark = Choice("age_mark", options=AGE_MARKS, required=True, example="16+",
                      about="Age category (436-ФЗ), printed in the masthead and the imprint",
                      doc="age mark, printed in the masthead and the imprint")
    print_run = Whole("print_run", required=True, low=1, example="3500",
                      about="Copies printed, as the imprint must state",
                      doc="тираж")
    signed_to_print = Mapping(
        "signed_to_print", table=SignedKeys, required=True,
        hint='{scheduled: "2025-07-29 18:00", actual: "2025-07-29 17:40"}',
        example='{scheduled: "2025-07-29 18:00", actual: "2025-07-29 17:40"}',
        about="Signing-to-print times the imprint must print",
        doc="подписано в печать: both times")
    order = Whole("order", low=1, example="1234",
                  about="The printing house's order number, printed in the imprint",
                  doc="printing-house order number")
    pages = Items("pages", entries=PageKeys, required=True,
                  hint=N_('write one line per page, each starting with "- ", e.g. - {template: front}'),
                  example="[{template: front}, {section: Власть}, {template: back}]",
                  about="The page plan: one entry per page, in order",
                  doc="the page plan, one entry per page, in order")
    articles = Items("articles", entries=ArticleKeys, example="[{file: articles/a.md, page: 2}]",
                     about="The issue's articles, in reading order",
                     doc="the articles, one entry each")
    ads = Items("ads", entries=AdKeys, example="[{file: ads/stroymarket.jpg, size: 2x3, page: 4}]",
                about="The booked ads",
                doc="the ads, one entry each")


# ------------------------------------------------------------------------------------- article front matter


class ImageKeys(Table):
    """One entry of the front matter's `images`."""

    title = "`images[]`: one photo"
    note = ("The first is the lead photo under the headline, the others are set in the text columns; the "
            "engine sizes them within `layout:` of paper.yaml.")
    file = File("file", suffixes=IMAGE_SUFFIXES, required=True, example="images/minsk-expo.jpg",
                about="The picture, checked when the issue is loaded (assets.check_artwork)",
                doc="JPEG or PNG picture")
    caption = Text("caption", example="Подпись",
                   about="Caption under the photo, typeset",
                   doc="the caption")
    credit = Text("credit", example='"Фото: …"',
                  about="Photographer's credit, typeset",
                  doc="the credit")
    cols = Whole("cols", low=1, high=12, example="2", default_doc="the engine chooses",
                 about="Span the editor asks for, at most (Image.cols)",
                 doc="the span asked for (at most)")
    aspect = Custom("aspect", shape='width:height, or a number', example='"4:5"',
                    default_doc="the photo's own",
                    about="Width / height after cropping, 0.2 to 5 (article.py _aspect)",
                    doc="width:height after cropping (the editor's crop: no limit, but a hard crop is reported)")
    focus = Custom("focus", shape=", ".join(f"`{w}`" for w in FOCUS_WORDS) + ", [x, y] (0–1)", example="top",
                   default_doc="a portrait's upper part, a landscape's centre",
                   about="Point kept when cropping, as fractions from the top-left (article.py _focus)",
                   doc="the point that stays when cropping")
    shrink = Flag("shrink", default=True, example="false",
                  about="May the engine set it narrower than asked or than the article's span",
                  doc="`false`, with `cols`: exactly that span, never narrower")


class FrontKeys(Table):
    """The YAML front matter of an article file."""

    title = "Article front matter"
    note = "Between two lines `---` at the top of the article file; the Markdown body follows."
    rubric = Text("rubric", example="Власть",
                  about="Label above the headline, typeset",
                  doc="the label above the headline")
    headline = Text("headline", required=True, example="Рабочая поездка губернатора в Республику Беларусь",
                    about="The headline, typeset; its size follows rank and span",
                    doc="the headline")
    subhead = Text("subhead", example="Алексей Беспрозванных принимает участие…",
                   about="Lead paragraph under the headline, typeset",
                   doc="lead")
    source = Text("source", example="По материалам пресс-службы",
                  about="Where the text comes from, typeset",
                  doc="the source")
    byline = Text("byline", example="Мария ОБРАЗЦОВА",
                  about="Author line, typeset",
                  doc="«Имя ФАМИЛИЯ»")
    images = Items("images", entries=ImageKeys, example="[{file: images/minsk-expo.jpg, caption: Подпись}]",
                   about="The article's photos; the first is the lead photo",
                   doc="the first is the lead photo across the frame")


# -------------------------------------------------------------------------------------------------- paper.yaml


class MarginKeys(Table):
    """paper.yaml `page.margins`."""

    title = "`page.margins`"
    top = Length("top", required=True, unit="mm", example="12", about="Top margin", doc="top margin")
    bottom = Length("bottom", required=True, unit="mm", example="14", about="Bottom margin: the grid stands on it",
                    doc="bottom margin")
    inside = Length("inside", required=True, unit="mm", example="12", about="Margin at the fold",
                    doc="margin at the fold")
    outside = Length("outside", required=True, unit="mm", example="12", about="Margin at the outer edge",
                     doc="margin at the outer edge")


class PageSizeKeys(Table):
    """paper.yaml `page`."""

    title = "`page`"
    width = Length("width", required=True, unit="mm", example="297", about="Page width of the design",
                   doc="page width")
    height = Length("height", required=True, unit="mm", example="420", about="Page height of the design",
                    doc="page height")
    margins = Mapping("margins", table=MarginKeys, required=True, example="{top: 12, bottom: 14, inside: 12, outside: 12}",
                      about="The page's margins", doc="the margins")


class ModuleLineKeys(Table):
    """paper.yaml `grid.module_lines`: body lines per module, per page template."""

    title = "`grid.module_lines`"
    front = Whole("front", required=True, low=1, high=40, example="6", about="Body lines a module of the front page",
                  doc="body lines a module, front page")
    inner = Whole("inner", required=True, low=1, high=40, example="7", about="Body lines a module of an inner page",
                  doc="body lines a module, inner pages")
    back = Whole("back", required=True, low=1, high=40, example="7", about="Body lines a module of the back page",
                 doc="body lines a module, back page")


class ReservedRowKeys(Table):
    """paper.yaml `grid.reserved_rows`: module rows kept free, per page template."""

    title = "`grid.reserved_rows`"
    front = Items("front", shape="list of row numbers", example="[1]", about="Module rows kept free on the front page",
                  doc="rows kept free, front page")
    inner = Items("inner", shape="list of row numbers", example="[]", about="Module rows kept free on inner pages",
                  doc="rows kept free, inner pages")
    back = Items("back", shape="list of row numbers", example="[]", about="Module rows kept free on the back page",
                 doc="rows kept free, back page")


class GridKeys(Table):
    """paper.yaml `grid`."""

    title = "`grid`"
    columns = Whole("columns", required=True, low=1, high=12, example="5", about="Grid columns", doc="columns")
    rows = Whole("rows", required=True, low=1, high=40, example="12", about="Module rows", doc="module rows")
    gutter = Length("gutter", required=True, unit="mm", example="4.5", about="Space between columns",
                    doc="between columns")
    line_pt = Length("line_pt", required=True, unit="pt", example="11.4", about="Body leading: the baseline grid step",
                     doc="body leading")
    module_lines = Mapping("module_lines", table=ModuleLineKeys, required=True, example="{front: 6, inner: 7, back: 7}",
                           about="A module's height in body lines, per page type",
                           doc="body lines a module, per page type")
    reserved_rows = Mapping("reserved_rows", table=ReservedRowKeys, example="{front: [1]}",
                            about="Module rows no article or ad may take, per page type",
                            doc="rows kept free, per page type")


class TypeKeys(Table):
    """paper.yaml `type`."""

    title = "`type`"
    body_pt = Length("body_pt", required=True, unit="pt", example="9.5", about="Body type size", doc="body type size")
    body_font = Text("body_font", required=True, example="PT Serif", about="Body text family (fonts/)",
                     doc="body text")
    head_font = Text("head_font", required=True, example="PT Sans Narrow", about="Headline family",
                     doc="headlines")
    label_font = Text("label_font", required=True, example="PT Sans", about="Rubrics, captions, labels family",
                      doc="rubrics, captions, labels")
    masthead_font = Text("masthead_font", required=True, example="Roboto Slab", about="Masthead family",
                         doc="the masthead")


class ContactKeys(Table):
    """paper.yaml `contacts`: the editorial office, printed in the imprint."""

    title = "paper.yaml `contacts`"
    note = "The editorial office, printed in the imprint; every key is required."
    address = Text("address", required=True, example='"238530, Зеленоградск, ул. Ленина, 20"',
                   about="The editorial office's address (art. 27 of the media law)",
                   doc="the editorial office's address")
    hours = Text("hours", required=True, example='"Понедельник-пятница, 09:00 - 18:00"',
                 about="Office hours", doc="office hours")
    phone = Text("phone", required=True, example='"8 (40150) 3-21-95"',
                 about="The editorial office's phone", doc="the office's phone")
    ads_phone = Text("ads_phone", required=True, example='"8 (40150) 3-27-60"',
                     about="Phone of the ads department", doc="phone for ads")
    email = Text("email", required=True, example="volnanet@mail.ru",
                 about="The editorial office's e-mail", doc="e-mail")


class ImprintKeys(Table):
    """paper.yaml `imprint`: the standing imprint data (art. 27 of the media law)."""

    title = "paper.yaml `imprint`"
    note = "Выходные данные: what art. 27 of the media law requires in every issue; placeholders say ОБРАЗЕЦ."
    founders = Items("founders", required=True, shape="list of texts", example='["ООО «Волна»"]',
                     about="Founders; at least one", doc="учредитель (at least one)")
    publisher = Text("publisher", required=True, example='"ООО «Волна»"', about="Publisher", doc="издатель")
    publisher_address = Text("publisher_address", required=True, example='"238530, Зеленоградск, ул. Ленина, 20"',
                             about="Publisher's address", doc="адрес издателя")
    editor_in_chief = Text("editor_in_chief", required=True, example='"Фамилия И. О."',
                           about="Editor-in-chief", doc="главный редактор")
    printer = Text("printer", required=True, example='"Типография …"', about="Printing house", doc="типография")
    printer_address = Text("printer_address", required=True, example='"Калининград, …"',
                           about="Printing house's address", doc="адрес типографии")
    registration = Text("registration", required=True, example='"Свидетельство … ПИ № ТУ 39-00000 …"',
                        about="Registration certificate of the medium", doc="свидетельство о регистрации СМИ")
    notes = Items("notes", shape="list of texts", example='["Мнение авторов может не совпадать с позицией редакции."]',
                  about="Further lines of the imprint", doc="further lines")


class LayoutKeys(Table):
    """paper.yaml `layout`: what the engine may do and what a page ready for print must reach."""

    title = "`layout`"
    min_fill = Number("min_fill", low=0, high=1, default=Rules.min_fill, example="0.9",
                      about="--strict refuses a page whose type area is filled less than this",
                      doc="share of the type area a page must fill")
    photo_min_ppi = Number("photo_min_ppi", low=50, high=1200, default=Rules.photo_min_ppi, example="200",
                           about="A photo is never set larger than its pixels allow at this resolution",
                           doc="a photo is never enlarged beyond its pixels at this resolution")
    max_crop = Number("max_crop", low=0, high=0.6, default=Rules.max_crop, example="0.25",
                      about="Share of a photo's width or height the engine may crop unasked",
                      doc="share of a photo's width or height the engine may crop on its own")


class AdStyleKeys(Table):
    """paper.yaml `ads`: how ads sit in their modules."""

    title = "`ads`"
    label = Choice("label", options=AD_LABEL_PLACES, default=AdStyle.label, example="top",
                   about="Where the «Реклама» strip lies inside the module",
                   doc="the strip at the top or the bottom of the module")
    label_strip = Length("label_strip", unit="mm", default=AdStyle.label_strip, example="3",
                         about="Height of the strip", doc="mm of the module's height the strip takes")
    rule_pt = Length("rule_pt", unit="pt", default=AdStyle.rule_pt, example="0.5",
                     about="Weight of the frame's rule", doc="the frame's rule around the module")


class ComposerKeys(Table):
    """paper.yaml `composer`: the paragraph composer's limits."""

    title = "`composer`"
    enabled = Flag("enabled", default=Composer.enabled, example="false",
                   about="Break body paragraphs with the composer (composer.py) instead of WeasyPrint",
                   doc="the composer on or off")
    word_spacing = Custom("word_spacing", shape="[min, max] % of the space, 50–100 and 100–300",
                          default_doc=f"[{Composer.word_min * 100:g}, {Composer.word_max * 100:g}]",
                          example="[80, 140]",
                          about="How far a justified line's spaces may shrink and stretch",
                          doc="% of the normal space a justified line's spaces may take")
    letter_spacing = Custom("letter_spacing", shape="± % of the em, 0–5", default_doc=f"{Composer.letter * 100:g}",
                            example="2", about="Letter spacing a line may take",
                            doc="± % of the em a line's letter spacing may take")
    hyphenated_lines = Whole("hyphenated_lines", low=1, high=10, default=Composer.max_hyphens, example="2",
                             about="Hyphenated lines running, at most", doc="hyphenated lines running, at most")
    emergency_letter_spacing = Custom(
        "emergency_letter_spacing", shape="± % of the em, letter_spacing–5",
        default_doc=f"{Composer.emergency_letter * 100:g}", example="2.5",
        about="In a paragraph with no breaks within the limits, how far a line past the spaces' limit may "
              "spread its letters",
        doc="± % of the em a line's letters may take in a paragraph that cannot be set within the limits")
    emergency_hyphenated_lines = Whole(
        "emergency_hyphenated_lines", low=1, high=10, default=Composer.emergency_hyphens, example="3",
        about="In a paragraph with no breaks within the limits, hyphenated lines running, at most",
        doc="hyphenated lines running, at most, in a paragraph that cannot be set within the limits")
    hanging_punctuation = Flag("hanging_punctuation", default=Composer.hang, example="true",
                               about="Let a justified line's last hyphen, comma or full stop hang a little past "
                                     "the column's edge (optical margin alignment)",
                               doc="hyphens and punctuation hang at the line's end")


class TrimKeys(Table):
    """paper.yaml `print.trim`."""

    title = "`print.trim`"
    width = Number("width", low=50, high=2000, example="297", default_doc="the design's page",
                   about="Width of the printed page; a trim unlike the design scales the page uniformly to fit",
                   doc="the printed page's width in mm")
    height = Number("height", low=50, high=2000, example="420", default_doc="the design's page",
                    about="Height of the printed page", doc="the printed page's height in mm")


class PpiKeys(Table):
    """paper.yaml `print.image_ppi`."""

    title = "`print.image_ppi`"
    warn = Number("warn", low=1, high=2400, default=200.0, example="200",
                  about="Effective resolution of a placed picture below which the preflight warns",
                  doc="effective resolution below which a picture is warned about")
    error = Number("error", low=1, high=2400, default=120.0, example="120",
                   about="Effective resolution below which the preflight reports an error; at most warn",
                   doc="effective resolution below which a picture is an error")


class TypeSizeKeys(Table):
    """paper.yaml `print.min_type_pt`."""

    title = "`print.min_type_pt`"
    one_ink = Number("one_ink", low=1, high=72, default=5.0, example="5",
                     about="Smallest type set in one ink", doc="smallest type in one ink")
    several_inks = Number("several_inks", low=1, high=72, default=10.0, example="10",
                          about="Smallest type set in several inks or reversed out (misregistration on newsprint)",
                          doc="smallest type in several inks or reversed out")
    rich_black = Number("rich_black", low=1, high=200, default=18.0, example="18",
                        about="Smallest type set in rich black (100 % K with C, M or Y under it)",
                        doc="smallest type in rich black (100 % K with C, M or Y)")


class RuleWeightKeys(Table):
    """paper.yaml `print.min_rule_pt`."""

    title = "`print.min_rule_pt`"
    one_ink = Number("one_ink", low=0.05, high=10, default=0.5, example="0.5",
                     about="Thinnest rule in one ink", doc="thinnest rule in one ink")
    several_inks = Number("several_inks", low=0.05, high=10, default=1.5, example="1.5",
                          about="Thinnest rule in several inks or reversed out; thinner ones belong in one plate",
                          doc="thinnest rule in several inks or reversed out (thinner rules belong in one plate, "
                              "100 % K)")


class PrintKeys(Table):
    """paper.yaml `print`: the printing house's requirements (printing/settings.py, docs/print.md)."""

    title = "paper.yaml `print`"
    note = "Every key is optional."
    trim = Mapping("trim", table=TrimKeys, example="{width: 297, height: 420}",
                   about="The printer's page size", doc="the printed page in mm")
    bleed = Number("bleed", low=0, high=20, default=0.0, example="0",
                   about="Bleed in mm around the trim (BleedBox)", doc="mm of BleedBox around the trim")
    crop_marks = Flag("crop_marks", default=False, example="false",
                      about="Draw crop marks outside the trim and bleed", doc="crop marks outside the bleed")
    safe_margin = Number("safe_margin", low=0, high=50, default=0.0, example="0",
                         about="Unprinted edge in mm inside the trim: the preflight warns about ink there",
                         doc="mm the press leaves unprinted inside the trim")
    icc_profile = Text("icc_profile", example="icc/ISOnewspaper26v4.icc",
                       default_doc="Ghostscript's generic CMYK profile",
                       about="The printer's CMYK output profile, relative to the paper's folder",
                       doc="the printer's CMYK output profile")
    output_condition = Text("output_condition", default="Custom", example="Custom",
                            about="OutputConditionIdentifier of the OutputIntent",
                            doc="the printer's registered name, or Custom")
    rendering_intent = Choice("rendering_intent", options=INTENTS, default=INTENTS[0], example="perceptual",
                              about="How RGB pictures map into the press's gamut",
                              doc="RGB pictures into the press gamut")
    ink_limit = Number("ink_limit", low=100, high=400, default=240.0, example="240",
                       about="Highest total ink C+M+Y+K in %: pictures are held under it, every page is checked",
                       doc="highest C+M+Y+K in % of any pixel")
    ink_margin = Number("ink_margin", low=0, high=20, default=5.0, example="5",
                        about="% under ink_limit converted pictures aim at (JPEG noise, other decoders)",
                        doc="% under the limit that converted pictures aim at")
    image_ppi = Mapping("image_ppi", table=PpiKeys, example="{warn: 200, error: 120}",
                        about="Resolution limits of placed pictures", doc="effective resolution of placed pictures")
    min_type_pt = Mapping("min_type_pt", table=TypeSizeKeys, example="{one_ink: 5, several_inks: 10, rich_black: 18}",
                          about="Smallest type by how it is inked", doc="smallest type")
    min_rule_pt = Mapping("min_rule_pt", table=RuleWeightKeys, example="{one_ink: 0.5, several_inks: 1.5}",
                          about="Thinnest rules by how they are inked", doc="thinnest rules")
    black_overprint = Flag("black_overprint", default=True, example="true",
                           about="Make 100 % K (text, rules) overprint instead of knocking out",
                           doc="100 % K text and rules overprint")
    ad_share_max = Number("ad_share_max", low=0, high=100, default=40.0, example="40",
                          about="Highest share of the issue's type area given to ads, in % (38-ФЗ art. 16)",
                          doc="% of the issue's type area ads may take")
    ad_size_tolerance = Number("ad_size_tolerance", low=0, high=50, default=1.0, example="1",
                               about="mm an ad's artwork may differ from its area unreported",
                               doc="mm an ad's artwork may differ from its artwork area unreported")


class PaperKeys(Table):
    """The top level of layouts/<paper>/paper.yaml."""

    title = "paper.yaml"
    name = Text("name", required=True, example="Волна", about="The paper's name, in the masthead",
                doc="the paper's name")
    subtitle = Text("subtitle", required=True, example="Общественно-политическая газета …",
                    about="The line under the name", doc="the line under the name")
    founded = Text("founded", required=True, example='"1930"', about="Year of the first issue: «Издаётся с … года»",
                   doc="year of the first issue")
    website = Text("website", example="volna.example", about="The paper's site, in the masthead",
                   doc="the paper's site")
    page = Mapping("page", table=PageSizeKeys, required=True, example="{width: 297, height: 420, margins: {top: 12, bottom: 14, inside: 12, outside: 12}}",
                   about="Page size and margins", doc="page size and margins")
    grid = Mapping("grid", table=GridKeys, required=True, example="{columns: 5, rows: 12, gutter: 4.5, line_pt: 11.4, module_lines: {front: 6, inner: 7, back: 7}}",
                   about="The module grid", doc="the module grid")
    type = Mapping("type", table=TypeKeys, required=True, example="{body_pt: 9.5, body_font: PT Serif, head_font: PT Sans Narrow, label_font: PT Sans, masthead_font: Roboto Slab}",
                   about="Type sizes and families", doc="type")
    contacts = Mapping("contacts", table=ContactKeys, required=True, example="{address: …, hours: …, phone: …, ads_phone: …, email: …}",
                       about="The editorial office, printed in the imprint", doc="the office's contacts")
    imprint = Mapping("imprint", table=ImprintKeys, required=True, example="{founders: [ООО «Волна»], publisher: …, registration: …}",
                      about="The standing imprint data", doc="the imprint")
    ads = Mapping("ads", table=AdStyleKeys, example="{label: top}", about="How ads sit in their modules",
                  doc="how ads sit in their modules")
    # Read by printing/settings.py only when print files are made: a slip there does not stop a plain build.
    print = Mapping("print", table=PrintKeys, example="{bleed: 0}",
                    about="The printing house's requirements, read by printing/settings.py",
                    doc="print production: docs/print.md")
    layout = Mapping("layout", table=LayoutKeys, example="{min_fill: 0.9}",
                     about="What the layout engine may do", doc="layout limits")
    composer = Mapping("composer", table=ComposerKeys, example="{enabled: false}",
                       about="The paragraph composer's limits", doc="the paragraph composer")


# ------------------------------------------------------------------------------------------ the key reference

# The tables docs/manifest.md lists, in its order (the paper's design and `print:` are documented elsewhere).
MANIFEST_TABLES: tuple[type[Table], ...] = (IssueKeys, SignedKeys, PageKeys, ArticleKeys, FrameKeys, JumpKeys,
                                            AdKeys, FrontKeys, ImageKeys, ContactKeys, ImprintKeys)
BEGIN, END = "<!-- schema:begin -->", "<!-- schema:end -->"
GENERATED = ("<!-- Written by scripts/manifest_doc.py from src/volna_print/manifest/schema.py: change the schema "
             "and run the script, do not edit this part by hand. -->")


def reference_markdown(tables: tuple[type[Table], ...] = MANIFEST_TABLES) -> str:
    """Return the key reference: one Markdown table per mapping."""
    return "\n".join([GENERATED, *(_table_markdown(table) for table in tables)])


def with_reference(text: str) -> str:
    """Return a document with its section between the schema markers replaced by the current reference."""
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"no {BEGIN} … {END} section to write the key reference into")
    return f"{head}{BEGIN}\n{reference_markdown()}\n{END}{tail}"


def _table_markdown(table: type[Table]) -> str:
    """Return one mapping's heading, note and table of keys."""
    lines = ["", f"### {table.title}"]
    if table.note:
        lines += [table.note]
    lines += ["", "| key | value | default | what | example |", "|---|---|---|---|---|"]
    lines += [_row(spec) for spec in table.specs]
    return "\n".join(lines)


def _row(spec: Spec[Any]) -> str:
    """Return one key's row of the reference."""
    value = " ".join(part for part in (spec.form(), spec.allowed()) if part)
    cells = (f"`{spec.name}`", value, _default(spec), spec.doc, f"`{spec.name}: {spec.example}`")
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _default(spec: Spec[Any]) -> str:
    """Say what an absent key means: required, a default value, or what the code works out."""
    if spec.required:
        return "**required**"
    if spec.default_doc:
        return spec.default_doc
    if spec.default is None:
        return "—"
    return f"`{_yaml(spec.default)}`"


def _yaml(value: object) -> str:
    """Write a default value as an editor would type it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
