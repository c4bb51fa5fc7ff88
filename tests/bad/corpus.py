"""Bad issues as a new editor makes them, each with every line `volna-print build` must print.

A case starts from the good test issue of conftest.py (issue.yaml and articles/a.md) and changes it: `edit`
rewrites the manifest (old → new, applied in order), `files` adds or replaces files, `prepare` does what
files cannot (links, folders). Paths in messages are relative to the folder the build runs in, which holds
the issue as issue/. An expected line that is a compiled pattern must match in full.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import artwork

Expected = str | re.Pattern[str]

FRAME = "    frame: {col: 1, row: 1, cols: 2, rows: 3}\n"
ADS = "ads: []\n"


@dataclass
class Case:
    """One bad input and the exact problems it must report."""

    name: str
    expected: list[Expected]
    edit: list[tuple[str, str]] = field(default_factory=list)
    files: dict[str, str | bytes] = field(default_factory=dict)
    prepare: Callable[[Path], None] | None = None


def ads(*entries: str) -> list[tuple[str, str]]:
    """Return the edit that books these ads (one flow mapping each)."""
    return [(ADS, "ads:\n" + "".join(f"  - {entry}\n" for entry in entries))]


def article_entry(*entries: str) -> list[tuple[str, str]]:
    """Return the edit that adds these articles after the first."""
    return [(ADS, "".join(f"  - {entry}\n" for entry in entries) + ADS)]


def ad_file(name: str, data: bytes) -> tuple[list[tuple[str, str]], dict[str, str | bytes]]:
    """Return the edit and files of one 2x2 ad on page 3 made of the given bytes."""
    return ads(f"{{file: ads/{name}, size: 2x2, page: 3}}"), {f"ads/{name}": data}


def link(target: str, name: str) -> Callable[[Path], None]:
    """Return a step that replaces a file of the issue by a symbolic link to target."""

    def make(root: Path) -> None:
        path = root / name
        path.unlink(missing_ok=True)
        os.symlink(target, path)

    return make


def folder(name: str) -> Callable[[Path], None]:
    """Return a step that replaces a file of the issue by a folder of the same name."""

    def make(root: Path) -> None:
        (root / name).unlink()
        (root / name).mkdir()

    return make


def remove(name: str) -> Callable[[Path], None]:
    """Return a step that deletes a file of the issue."""
    return lambda root: (root / name).unlink()


def art(name: str, data: bytes, message: str) -> Case:
    """Return the case of a broken ad file, reported at the ad's file key."""
    edit, files = ad_file(name, data)
    return Case(f"ad-{name}", [f'issue/issue.yaml:19:12: ad 1 (ads/{name}), file: "ads/{name}": {message}'], edit, files)


def text(name: str, data: str | bytes, *expected: Expected) -> Case:
    """Return the case of a broken article file."""
    return Case(name, list(expected), files={"articles/a.md": data})


ARTICLE_RU = "---\nheadline: Заголовок статьи\n---\nПервый абзац текста.\n"
def file_key(path: str) -> str:
    """Return the start of a message on the first article's file key, the entry named as the editor wrote it."""
    return f"issue/issue.yaml:15:11: article 1 ({path}), file: "
SECRET = "../../secret.md"  # from issue/articles/: the folder above the issue, where the runner puts one

CASES: list[Case] = [
    # --- YAML that does not parse -------------------------------------------------------------------------------
    Case(
        "yaml-tab",
        ["issue/issue.yaml:17:1: YAML syntax error: a tab character; indent with spaces, not tabs"],
        [(FRAME, "\tframe: {col: 1, row: 1, cols: 2, rows: 3}\n")],
    ),
    Case(
        "yaml-colon-in-value",
        [
            (
                "issue/issue.yaml:5:12: YAML syntax error: a second colon on this line; put the value in quotes: "
                'price: "Цена: 10 руб."'
            )
        ],
        [("price: Бесплатно", "price: Цена: 10 руб.")],
    ),
    Case(
        "yaml-unclosed-list",
        [
            (
                "issue/issue.yaml:3:5: YAML syntax error: the [list] opened at line 2, column 9 is never closed, or a "
                "comma is missing between its items"
            )
        ],
        [("number: 31\ntotal: 10245\n", "number: [31\n")],
    ),
    Case(
        "yaml-unclosed-quote",
        [
            (
                "issue/issue.yaml:5:8: YAML syntax error: the quote opened here is not closed on its line; close it or "
                "remove it"
            )
        ],
        [("price: Бесплатно", 'price: "Бесплатно')],
    ),
    Case(
        "yaml-no-colon",
        [("issue/issue.yaml:4:1: YAML syntax error: line 3 has no colon after its key; write key: value")],
        [("total: 10245", "total 10245")],
    ),
    Case(
        "yaml-billion-laughs",
        [
            (
                "issue/issue.yaml:20:8: YAML not accepted: a value starting with * is a YAML alias, which is not "
                'supported: put the value in quotes ("*…") or write it out in full'
            )
        ],
        [
            (
                ADS,
                ADS + "x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                "y: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                "z: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
            )
        ],
    ),
    Case(
        "yaml-deep-nesting",
        ["issue/issue.yaml:19:43: YAML not accepted: nested more than 40 levels deep"],
        [(ADS, ADS + "x: " + "[" * 500 + "]" * 500 + "\n")],
    ),
    Case(
        "yaml-control-character",
        [
            (
                "issue/issue.yaml:5:17: the text contains the invisible control character U+0008; delete it (retype "
                "the line)"
            )
        ],
        [("price: Бесплатно", "price: Бесплатно\b")],
    ),
    Case(
        "yaml-duplicate-key",
        [
            "issue/issue.yaml:19:1: pages: duplicate key: remove one of the two",
            "issue/issue.yaml:19:8: pages: the page plan is empty; list one entry per page",
        ],
        [(ADS, ADS + "pages: []\n")],
    ),
    Case(
        "yaml-not-a-mapping",
        ["issue/issue.yaml:1:1: document: expected a mapping of keys, got a list"],
        files={"issue.yaml": "- paper: volna\n- number: 31\n"},
    ),
    # --- the manifest file itself -------------------------------------------------------------------------------
    Case("manifest-empty", ["issue/issue.yaml:1:1: the file is empty"], files={"issue.yaml": "\n  \n"}),
    Case(
        "manifest-missing",
        ["issue/issue.yaml:1:1: no issue.yaml in issue; is this the issue's folder?"],
        prepare=remove("issue.yaml"),
    ),
    Case(
        "manifest-yml",
        ["issue/issue.yaml:1:1: no issue.yaml in issue; rename issue.yml to issue.yaml"],
        prepare=lambda root: (root / "issue.yaml").rename(root / "issue.yml"),
    ),
    Case(
        "manifest-is-folder",
        ["issue/issue.yaml:1:1: this is a folder, not a file"],
        prepare=folder("issue.yaml"),
    ),
    Case(
        "manifest-link-out",
        [
            (
                "issue/issue.yaml:1:1: issue.yaml is a link that leads out of the issue folder; "
                "copy the file in instead"
            )
        ],
        prepare=link("/etc/passwd", "issue.yaml"),
    ),
    Case(
        "manifest-windows-1251",
        [
            (
                "issue/issue.yaml:5:1: not UTF-8 text: it looks like Windows-1251 (as Word saves Russian text); save it "
                "as UTF-8"
            )
        ],
        prepare=lambda root: (root / "issue.yaml").write_bytes(
            (root / "issue.yaml").read_text(encoding="utf-8").encode("cp1251")
        ),
    ),
    # --- wrong types and values ---------------------------------------------------------------------------------
    Case(
        "date-does-not-exist",
        [
            'issue/issue.yaml:4:7: date: "2025-02-30" is not a real date; write it as YYYY-MM-DD, e.g. 2025-07-30'
        ],
        [("date: 2025-07-30", "date: 2025-02-30")],
    ),
    Case(
        "date-russian-order",
        ['issue/issue.yaml:4:7: date: "30.07.2025" is not a date; write it as YYYY-MM-DD: 2025-07-30'],
        [("date: 2025-07-30", "date: 30.07.2025")],
    ),
    Case(
        "age-mark-15",
        [('issue/issue.yaml:6:11: age_mark: "15+" is not allowed; use one of: 0+, 6+, 12+, 16+, 18+')],
        [("age_mark: 16+", "age_mark: 15+")],
    ),
    Case(
        "number-in-words",
        ['issue/issue.yaml:2:9: number: expected a whole number, got "тридцать один"'],
        [("number: 31", "number: тридцать один")],
    ),
    Case(
        "number-zero",
        ["issue/issue.yaml:2:9: number: 0 is out of range 1–999"],
        [("number: 31", "number: 0")],
    ),
    Case(
        "print-run-yes",
        [('issue/issue.yaml:7:12: print_run: expected a whole number, got "yes" (YAML reads it as yes/no)')],
        [("print_run: 3500", "print_run: yes")],
    ),
    Case(
        "signed-time-with-dot",
        [
            (
                'issue/issue.yaml:8:30: signed_to_print.scheduled: "2025-07-29 18.00" is not a date and time; write it '
                'as "YYYY-MM-DD HH:MM", e.g. "2025-07-29 18:00"'
            )
        ],
        [("18:00", "18.00")],
    ),
    Case(
        "unknown-key",
        [
            'issue/issue.yaml:7:1: print_rn: unknown key; did you mean "print_run"?',
            "issue/issue.yaml:1:1: print_run: required key is missing",
        ],
        [("print_run:", "print_rn:")],
    ),
    Case(
        "unknown-article-key",
        [('issue/issue.yaml:17:5: article 1 (articles/a.md), colums: unknown key; did you mean "columns"?')],
        [(FRAME, "    colums: 2\n" + FRAME)],
    ),
    Case(
        "required-key-missing",
        ["issue/issue.yaml:1:1: price: required key is missing"],
        [("price: Бесплатно\n", "")],
    ),
    Case(
        "page-beyond-plan",
        ["issue/issue.yaml:16:11: article 1 (articles/a.md), page: 9 is out of range 1–4"],
        [("    page: 2", "    page: 9")],
    ),
    Case(
        "empty-page-plan",
        ["issue/issue.yaml:9:8: pages: the page plan is empty; list one entry per page"],
        [
            (
                "pages:\n  - {template: front}\n  - {section: Власть}\n  - {section: Общество}\n  - {template: back}",
                "pages: []",
            )
        ],
    ),
    Case(
        "unknown-page-template",
        [
            (
                'issue/issue.yaml:11:16: page 2, template: "titul" is not allowed; use one '
                "of: front, inner, back"
            )
        ],
        [("{section: Власть}", "{template: titul}")],
    ),
    Case(
        "unknown-paper",
        ['issue/issue.yaml:1:8: paper: no design "volnaa" in layouts/; known: volna'],
        [("paper: volna", "paper: volnaa")],
    ),
    Case(
        "frame-as-text",
        [
            (
                'issue/issue.yaml:17:12: article 1 (articles/a.md), frame: expected a mapping of keys, got "1,1,2,3"; write it as '
                "{col: 1, row: 1, cols: 2, rows: 3}"
            )
        ],
        [(FRAME, "    frame: 1,1,2,3\n")],
    ),
    # --- ads: sizes and room ------------------------------------------------------------------------------------
    Case(
        "ad-size-2x0",
        [("issue/issue.yaml:19:29: ad 1 (ads/x.jpg), size: 2x0 does not fit the page grid: columns 1–5, modules 1–12")],
        ads("{file: ads/x.jpg, size: 2x0, page: 3}"),
        {"ads/x.jpg": artwork.jpeg()},
    ),
    Case(
        "ad-size-words",
        [('issue/issue.yaml:19:29: ad 1 (ads/x.jpg), size: "2 на 3" is not a size; write columns x modules, e.g. 2x3')],
        ads("{file: ads/x.jpg, size: 2 на 3, page: 3}"),
        {"ads/x.jpg": artwork.jpeg()},
    ),
    Case(
        "ad-wider-than-page",
        [("issue/issue.yaml:19:29: ad 1 (ads/x.jpg), size: 6x2 does not fit the page grid: columns 1–5, modules 1–12")],
        ads("{file: ads/x.jpg, size: 6x2, page: 3}"),
        {"ads/x.jpg": artwork.jpeg()},
    ),
    Case(
        "ad-taller-than-back-page",
        [
            (
                'issue/issue.yaml:19:5: ad 1 (ads/x.jpg), size: ad "x" (5x12) is taller than page 4 allows: 11 modules (the imprint needs '
                "a row of the last page); book it smaller or on another page"
            )
        ],
        ads("{file: ads/x.jpg, size: 5x12, page: 4}"),
        {"ads/x.jpg": artwork.jpeg()},
    ),
    Case(
        "ads-overfill-page",
        [
            (
                'issue/issue.yaml:21:5: ad 3 (ads/x.jpg), size: with ad "z" the ads on page 3 take 72 modules, more than the 60 the page '
                "has; move an ad to another page"
            )
        ],
        ads(
            "{id: x, file: ads/x.jpg, size: 5x6, page: 3}",
            "{id: y, file: ads/x.jpg, size: 5x6, page: 3}",
            "{id: z, file: ads/x.jpg, size: 2x6, page: 3}",
        ),
        {"ads/x.jpg": artwork.jpeg()},
    ),
    # --- placement: ids, grid, overlaps -------------------------------------------------------------------------
    Case(
        "duplicate-id",
        [
            (
                'issue/issue.yaml:18:5: article 2 (articles/b.md), id: duplicate id "a" (first used at line 15); give each article '
                "and ad its own id"
            )
        ],
        article_entry("{id: a, file: articles/b.md, page: 3}"),
        {"articles/b.md": ARTICLE_RU},
    ),
    Case(
        "id-from-russian-file-name",
        [
            (
                'issue/issue.yaml:18:5: article 2 (articles/статья.md), id: "статья" must be up to 64 ASCII letters, digits, "-" or "_" (an entry without id: '
                "takes its file's name)"
            )
        ],
        article_entry("{file: articles/статья.md, page: 3}"),
        {"articles/статья.md": ARTICLE_RU},
    ),
    Case(
        "frame-outside-grid",
        [("issue/issue.yaml:17:18: article 1 (articles/a.md), frame.col: the frame spans columns 4–6 but the grid has 5")],
        [("col: 1, row: 1, cols: 2", "col: 4, row: 1, cols: 3")],
    ),
    Case(
        "frame-overlap",
        [('issue/issue.yaml:18:5: article 2 (articles/b.md), frame: article "b" overlaps article "a" on page 2; move one of them')],
        article_entry("{file: articles/b.md, page: 2, frame: {col: 2, row: 3, cols: 2, rows: 2}}"),
        {"articles/b.md": ARTICLE_RU},
    ),
    Case(
        "continue-on-same-page",
        [
            (
                "issue/issue.yaml:18:22: article 1 (articles/a.md), continue.page: an article continues on "
                "another page, not on its own"
            )
        ],
        [(FRAME, FRAME + "    continue: {page: 2}\n")],
    ),
    # --- file paths that leave the issue, or lead nowhere -------------------------------------------------------
    Case(
        "path-up",
        [file_key('../../secret.md') + '"../../secret.md" leaves the issue folder; use a path relative to the issue folder'],
        [("articles/a.md", "../../secret.md")],
    ),
    Case(
        "path-absolute",
        [file_key('/etc/hosts.md') + '"/etc/hosts.md" leaves the issue folder; use a path relative to the issue folder'],
        [("articles/a.md", "/etc/hosts.md")],
    ),
    Case(
        "path-windows",
        [file_key('C:\\Users\\editor\\a.md') + '"C:\\Users\\editor\\a.md" leaves the issue folder; use a path relative to the issue folder'],
        [("articles/a.md", "'C:\\Users\\editor\\a.md'")],
    ),
    Case(
        "path-web-address",
        [
            file_key('http://127.0.0.1:9/a.md') + '"http://127.0.0.1:9/a.md" is a web address; copy the file into the issue '
            "folder and name it by path"
        ],
        [("articles/a.md", "http://127.0.0.1:9/a.md")],
    ),
    Case(
        "path-control-character",
        [file_key('articles/a\\u0000.md') + '"articles/a\\u0000.md" contains an invisible control character; retype the file name'],
        [("articles/a.md", '"articles/a\\0.md"')],
    ),
    Case(
        "path-link-out",
        [file_key('articles/a.md') + '"articles/a.md" is a link that leads out of the issue folder; copy the file in instead'],
        prepare=link(SECRET, "articles/a.md"),
    ),
    Case(
        "path-link-loop",
        [file_key('articles/a.md') + '"articles/a.md" is a link that leads round in a circle; put the file itself there'],
        prepare=link("a.md", "articles/a.md"),
    ),
    Case(
        "article-missing",
        [file_key('articles/b.md') + '"articles/b.md": file not found in the issue folder'],
        [("articles/a.md", "articles/b.md")],
    ),
    Case(
        "article-is-folder",
        [file_key('articles/a.md') + '"articles/a.md": this is a folder, not a file'],
        prepare=folder("articles/a.md"),
    ),
    Case(
        "article-word-file-damaged",
        ["issue/articles/a.docx:1:1: not a readable Word document (BadZipFile: File is not a zip file); open it "
         "in Word and save it again as .docx"],
        [("articles/a.md", "articles/a.docx")],
        {"articles/a.docx": b"PK\x03\x04"},
    ),
    # --- article text -------------------------------------------------------------------------------------------
    text(
        "article-windows-1251",
        ARTICLE_RU.encode("cp1251"),
        "issue/articles/a.md:2:1: not UTF-8 text: it looks like Windows-1251 (as Word saves Russian text); save "
        "it as UTF-8",
    ),
    text(
        "article-utf-16",
        ARTICLE_RU.encode("utf-16"),
        "issue/articles/a.md:1:1: not UTF-8 text: it looks like UTF-16 (Word's «Unicode» text); save it as UTF-8",
    ),
    text(
        "article-docx-renamed",
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),
        "issue/articles/a.md:1:1: this is a ZIP archive (a Word .docx or OpenOffice .odt document?), not a text "
        "file; save it as plain text (UTF-8)",
    ),
    text(
        "article-rtf",
        "{\\rtf1\\ansi Заголовок}",
        "issue/articles/a.md:1:1: this is an RTF document, not a text file; save it as plain text (UTF-8)",
    ),
    text("article-empty", "", "issue/articles/a.md:1:1: the file is empty"),
    text(
        "article-no-front-matter",
        "Заголовок\n\nТекст статьи.\n",
        'issue/articles/a.md:1:1: no front matter: start the file with a line "---", the keys (headline: …), and '
        'another "---"',
    ),
    text(
        "article-front-matter-unclosed",
        "---\nheadline: Заголовок\nТекст статьи.\n",
        'issue/articles/a.md:1:1: the front matter opened by "---" on this line is never closed; add a line "---" '
        "after its keys",
    ),
    text(
        "article-front-matter-syntax",
        "---\nrubric: Город\nheadline: Итоги: что дальше\n---\nТекст.\n",
        "issue/articles/a.md:3:16: YAML syntax error: a second colon on this line; put the value in quotes: "
        'headline: "Итоги: что дальше"',
    ),
    text(
        "article-unknown-key",
        "---\nheadlin: Заголовок\n---\nТекст.\n",
        'issue/articles/a.md:2:1: headlin: unknown key; did you mean "headline"?',
        "issue/articles/a.md:2:1: headline: required key is missing",
    ),
    text(
        "article-headline-no",
        "---\nheadline: no\n---\nТекст.\n",
        'issue/articles/a.md:2:11: headline: expected text, got "no" (YAML reads it as yes/no); put it in quotes',
    ),
    text(
        "article-no-body",
        "---\nheadline: Заголовок\n---\n\n",
        "issue/articles/a.md:4:1: the article has no text after its front matter",
    ),
    text(
        "article-image-up",
        "---\nheadline: Заголовок\nimages:\n  - file: ../../etc/photo.jpg\n---\nТекст.\n",
        'issue/articles/a.md:4:11: photo 1 (../../etc/photo.jpg), file: "../../etc/photo.jpg" leaves the issue folder; use a path '
        "relative to the issue folder",
    ),
    # --- artwork ------------------------------------------------------------------------------------------------
    art(
        "cut.jpg",
        artwork.truncated_jpeg(),
        "the image is cut off (an interrupted copy or download?); copy or export it again",
    ),
    art(
        "empty.png",
        b"",
        "not a JPEG or PNG image (empty, damaged, or another format renamed); export it again as JPEG or PNG",
    ),
    art(
        "text.jpg",
        "Это не картинка".encode(),
        "not a JPEG or PNG image (empty, damaged, or another format renamed); export it again as JPEG or PNG",
    ),
    art(
        "eps.jpg",
        artwork.eps_named_jpg(),
        "not a JPEG or PNG image (empty, damaged, or another format renamed); export it again as JPEG or PNG",
    ),
    art(
        "bomb.png",
        artwork.bomb_png(),
        "the image is far too large (a decompression bomb?); export it at print size",
    ),
    art(
        "huge.png",
        artwork.over_limit_png(),
        "9000×9000 pixels is over the limit of 80,000,000 pixels; export it at print size (300 ppi)",
    ),
    art(
        "cut.pdf",
        artwork.truncated_pdf(),
        "the PDF is truncated (it does not end with %%EOF); copy or export it again",
    ),
    art("fake.pdf", artwork.jpeg(), "not a PDF file; export the artwork again as PDF or JPEG"),
    art(
        "poster.pdf",
        artwork.pdf(14400, 14400),
        "the PDF's page is 5080×5080 mm, far larger than a newspaper page; export the ad at its print size",
    ),
    Case(
        "ad-gif",
        [
            (
                'issue/issue.yaml:19:12: ad 1 (ads/ad.gif), file: "ads/ad.gif" has an unsupported type; use jpg, jpeg, png, '
                "pdf"
            )
        ],
        *ad_file("ad.gif", b"GIF89a"),
    ),
    # --- a new editor's first manifest: slips made by someone who has never written YAML ---------------------------
    Case(
        "new-thousands-space",
        [
            (
                'issue/issue.yaml:7:12: print_run: expected a whole number, got "3 500"; write it without spaces or '
                "separators: 3500"
            )
        ],
        [("print_run: 3500", "print_run: 3 500")],
    ),
    Case(
        "new-age-mark-without-plus",
        [
            'issue/issue.yaml:6:11: age_mark: "16" is not allowed; did you mean "16+"? use one of: 0+, 6+, 12+, 16+, 18+'
        ],
        [("age_mark: 16+", "age_mark: 16")],
    ),
    Case(
        "new-no-space-after-colon",
        ["issue/issue.yaml:2:1: YAML syntax error: put a space after the colon (key: value)"],
        [("number: 31", "number:31")],
    ),
    Case(
        "new-file-without-folder",
        [file_key('a.md') + '"a.md": file not found in the issue folder; did you mean "articles/a.md"?'],
        [("file: articles/a.md", "file: a.md")],
    ),
    Case(
        "new-file-name-case",
        [file_key('articles/A.MD') + '"articles/A.MD": file not found in the issue folder; did you mean "articles/a.md"?'],
        [("file: articles/a.md", "file: articles/A.MD")],
    ),
    Case(
        "new-ad-size-in-mm",
        [
            (
                "issue/issue.yaml:19:29: ad 1 (ads/x.jpg), size: 90x60 does not fit the page grid: columns 1–5, modules 1–12; a "
                "size is counted in grid columns x modules, not in mm"
            )
        ],
        ads("{file: ads/x.jpg, size: 90x60, page: 3}"),
        {"ads/x.jpg": artwork.jpeg()},
    ),
    Case(
        "new-key-indented-too-far",
        [
            (
                "issue/issue.yaml:16:7: YAML syntax error: this line is indented more than the key above it; line up the "
                "keys of one entry"
            )
        ],
        [("    page: 2", "      page: 2")],
    ),
    Case(
        "new-empty-value",
        ["issue/issue.yaml:5:7: price: has no value; write it after the colon"],
        [("price: Бесплатно", "price:")],
    ),
    Case(
        "new-signed-to-print-on-one-line",
        [
            (
                'issue/issue.yaml:8:18: signed_to_print: expected a mapping of keys, got "29.07.2025 18:00"; write it as '
                '{scheduled: "2025-07-29 18:00", actual: "2025-07-29 17:40"}'
            )
        ],
        [('{scheduled: "2025-07-29 18:00", actual: "2025-07-29 17:40"}', "29.07.2025 18:00")],
    ),
    Case(
        "new-pages-as-a-count",
        [
            (
                'issue/issue.yaml:9:8: pages: expected a list, got 4; write one line per page, each starting with "- ", '
                "e.g. - {template: front}"
            )
        ],
        [
            (
                "pages:\n  - {template: front}\n  - {section: Власть}\n  - {section: Общество}\n  - {template: back}",
                "pages: 4",
            )
        ],
    ),
    Case(
        "new-continue-as-a-number",
        [
            "issue/issue.yaml:18:15: article 1 (articles/a.md), continue: expected a mapping of keys, got 4; write it as {page: 4}, or auto"
        ],
        [(FRAME, FRAME + "    continue: 4\n")],
    ),
    Case(
        "new-template-capitalised",
        [
            (
                'issue/issue.yaml:10:16: page 1, template: "Front" is not allowed; did you mean "front"? use one of: '
                "front, inner, back"
            )
        ],
        [("{template: front}", "{template: Front}")],
    ),
]
