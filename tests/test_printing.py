"""Print production: PDF/X-1a pages checked with tools that are not ours (poppler, pikepdf, Ghostscript),
the preflight's findings, and the printing house's package."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image, ImageMath

from volna_print.errors import ManifestError
from volna_print.printing import write_print_files
from volna_print.printing.checks import check_ads, check_imprint
from volna_print.printing.color import Converter, limit_ink
from volna_print.printing.commands import package, preflight
from volna_print.printing.pagechecks import check_page
from volna_print.printing.pdfx import print_pages, sheet
from volna_print.printing.preflight import PrintRun, prepare
from volna_print.printing.scan import PageScan, TextRun, scan_pdf
from volna_print.printing.settings import DEFAULT_PROFILE, PrintError, load_print_settings

from .conftest import MANIFEST, have, write_tree

pytestmark = pytest.mark.skipif(
    not (have("pdffonts") and have("gs") and have("pdftoppm")),
    reason="poppler-utils and ghostscript are installed by make test",
)
MM = 72 / 25.4
A3 = [0, 0, 297 * MM, 420 * MM]
PRESS_SPACES = ("/DeviceCMYK", "/DeviceGray")


# ---------------------------------------------------------------- a test issue with three awkward pictures


def _jpeg(image: Image.Image, dpi: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, dpi=(dpi, dpi))
    return buffer.getvalue()


def art_files() -> dict[str, str | bytes]:
    """Return an RGB photo (red, black and grey bands), a PNG with alpha and a 30 ppi ad."""
    photo = Image.new("RGB", (2000, 1300), (128, 128, 128))
    photo.paste((255, 0, 0), (0, 0, 700, 1300))
    photo.paste((0, 0, 0), (700, 0, 1400, 1300))
    # the artwork area of a 1x1 module (50.6 × 24.8 mm) at 300 ppi, transparent around a red box
    logo = Image.new("RGBA", (598, 293), (0, 0, 0, 0))
    logo.paste((200, 0, 0, 255), (150, 80, 450, 250))
    png = io.BytesIO()
    logo.save(png, "PNG", dpi=(300, 300))
    lowres = Image.new("RGB", (125, 67), (0, 90, 160))  # the artwork area of a 2x2 module at 30 ppi
    manifest = MANIFEST.replace(
        "ads: []\n",
        "ads:\n"
        "  - {id: logo, file: ads/logo.png, size: 1x1, page: 3}\n"
        "  - {id: lowres, file: ads/lowres.jpg, size: 2x2, page: 3}\n",
    )
    manifest = manifest.replace(
        "frame: {col: 1, row: 1, cols: 2, rows: 3}", "frame: {col: 1, row: 1, cols: 3, rows: 6}"
    )
    article = (
        "---\nrubric: Город\nheadline: Заголовок для проверки печати\n"
        "images:\n  - file: images/photo.jpg\n    caption: Подпись к снимку\n---\n"
        + "Первый абзац текста статьи для проверки печати. " * 24
        + "\n"
    )
    return {
        "issue.yaml": manifest,
        "articles/a.md": article,
        "images/photo.jpg": _jpeg(photo, 300),
        "ads/logo.png": png.getvalue(),
        "ads/lowres.jpg": _jpeg(lowres, 30),
    }


@pytest.fixture(scope="module")
def art_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tree(tmp_path_factory.mktemp("art") / "issue", art_files())


@pytest.fixture(scope="module")
def art_run(art_dir: Path) -> PrintRun:
    return prepare(art_dir)


@pytest.fixture(scope="module")
def sample_pages(sample_build, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_print_files(sample_build, tmp_path_factory.mktemp("sample-print"))


def images(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Return every image XObject of a PDF."""
    return [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]


def art_image(run: PrintRun, page: int, width: int) -> Image.Image:
    """Return a picture of a print page, identified by its width in pixels, as pikepdf decodes it."""
    with pikepdf.open(io.BytesIO(run.pages[page - 1][1])) as pdf:
        (found,) = [o for o in images(pdf) if int(o.Width) == width]
        assert found.ColorSpace == "/DeviceCMYK" and "/SMask" not in found
        return pikepdf.PdfImage(found).as_pil_image()


def total_ink(image: Image.Image) -> Image.Image:
    c, m, y, k = (band.convert("F") for band in image.split())
    return ImageMath.lambda_eval(lambda a: (a["c"] + a["m"] + a["y"] + a["k"]) / 2.55, c=c, m=m, y=y, k=k)


def ghostscript_ink(path: Path, resolution: int = 50) -> float:
    """Return a page's highest total ink in % of any one pixel of a Ghostscript CMYK raster of the bleed box
    (crop marks, in all four inks, lie outside it)."""
    raster = path.with_suffix(".tif")
    subprocess.run(
        [
            "gs",
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-dUseBleedBox",
            "-sDEVICE=tiff32nc",
            f"-r{resolution}",
            f"-sOutputFile={raster}",
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    with Image.open(raster) as image:
        return float(total_ink(image.convert("CMYK")).getextrema()[1])


# ---------------------------------------------------------------- the sample's per-page files


def test_sample_has_one_pdfx_file_per_page_with_ascii_names(sample_pages):
    assert [p.name for p in sample_pages] == [f"volna_2025-07-30_n31_p0{n}.pdf" for n in range(1, 5)]
    profile = DEFAULT_PROFILE.read_bytes()
    for path in sample_pages:
        assert path.read_bytes()[:8] == b"%PDF-1.3"
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == 1 and not pdf.is_encrypted
            info = pdf.trailer.Info
            assert (str(info.GTS_PDFXVersion), str(info.GTS_PDFXConformance)) == (
                "PDF/X-1:2001",
                "PDF/X-1a:2001",
            )
            assert info.Trapped == "/False" and str(info.Title).startswith("«Волна» № 31")
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
            assert intent.DestOutputProfile.read_bytes() == profile
            page = pdf.pages[0].obj
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                assert [float(v) for v in page[box]] == pytest.approx(A3, abs=0.01), box


def test_sample_fonts_are_embedded_and_fit_pdf_1_3(sample_pages):
    for path in sample_pages:
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        fonts = rows.splitlines()[2:]
        assert fonts, path.name
        for row in fonts:
            assert re.search(r"\s(yes)\s+(yes)\s+(yes)\s+\d+\s+\d+$", row), row  # emb sub uni
            assert "(OT)" not in row, f"OpenType font programs need PDF 1.6: {row}"


def content_colours(page: pikepdf.Page) -> set[str]:
    """Return every colour operator (with its colour space for cs/CS) in a page's content."""
    found = set()
    for operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name in ("rg", "RG", "g", "G", "k", "K"):
            found.add(name)
        elif name in ("cs", "CS"):
            found.add(f"{name} {operands[0]}")
        elif name in ("sc", "scn", "SC", "SCN"):
            found.add(f"{name}/{len(operands)}")
    return found


def test_sample_has_only_cmyk_and_no_transparency(sample_pages):
    for path in sample_pages:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[0]
            assert content_colours(page) <= {"k", "K"}, path.name
            for image in images(pdf):
                assert image.ColorSpace in PRESS_SPACES and "/SMask" not in image, path.name
            for state in page.Resources.get("/ExtGState", {}).values():
                assert float(state.get("/ca", 1)) == 1 and float(state.get("/CA", 1)) == 1
                assert "/SMask" not in state
            assert "/Group" not in page.obj and "/ColorSpace" not in page.Resources


def test_sample_black_text_overprints_and_white_text_knocks_out(sample_pages):
    with pikepdf.open(sample_pages[0]) as pdf:
        states = pdf.pages[0].Resources.ExtGState
        fill, overprint, stack, seen = None, False, [], set()
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
            name = str(op)
            if name == "q":
                stack.append((fill, overprint))
            elif name == "Q":
                fill, overprint = stack.pop()
            elif name == "k":
                fill = tuple(float(v) for v in operands)
            elif name == "gs" and "/op" in states[operands[0]]:
                overprint = bool(states[operands[0]].op) and int(states[operands[0]].OPM) == 1
            elif name == "TJ":
                seen.add((fill, overprint))
    assert ((0, 0, 0, 1), True) in seen  # body text: 100 % K, overprinting
    assert ((0, 0, 0, 0), False) in seen  # the rubric's white text on black must knock out
    assert not {s for s in seen if s[0] == (0, 0, 0, 1) and not s[1]}


def test_sample_ink_within_limit_by_ghostscript(sample_pages):
    for path in sample_pages:
        assert ghostscript_ink(path) <= 240, path.name
    # inkcov: the text-only page 2 is (almost) pure K; the photo page 3 uses all four inks
    text = subprocess.run(
        [
            "gs",
            "-q",
            "-dSAFER",
            "-dBATCH",
            "-dNOPAUSE",
            "-sDEVICE=inkcov",
            "-o",
            "-",
            str(sample_pages[1]),
            str(sample_pages[2]),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    page2, page3 = [[float(v) for v in line.split()[:4]] for line in text.splitlines() if "CMYK" in line]
    assert page2[3] > 0.05 and max(page2[:3]) < 0.01
    assert min(page3) > 0.1


def poppler(tool: str, pdf: Path, page: int) -> str:
    """Return what a poppler tool reports about one page."""
    return subprocess.run(
        [
            tool,
            *(["-bbox"] if tool == "pdftotext" else ["-list"]),
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            *(["-"] if tool == "pdftotext" else []),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_sample_pages_keep_the_design(sample_build, sample_pages):
    """Every word stays where the design put it, and every picture keeps its pixels and its printed size."""
    for number, path in enumerate(sample_pages, 1):
        words = [
            [
                (text, *(round(float(v), 2) for v in box))
                for *box, text in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                    poppler("pdftotext", pdf, page),
                )
            ]
            for pdf, page in ((sample_build.pdf, number), (path, 1))
        ]
        assert words[0] and words[0] == words[1], f"page {number}"
        pictures = [
            [
                line.split()[3:5] + line.split()[-4:-2]
                for line in poppler("pdfimages", pdf, page).splitlines()[2:]
            ]
            for pdf, page in ((sample_build.pdf, number), (path, 1))
        ]
        assert pictures[0] == pictures[1], f"page {number}"  # width, height, x-ppi, y-ppi


def test_sample_preflight_reads_cleanly(sample_build, sample_pages):
    from volna_print.printing.preflight import prepare_result

    report = prepare_result(sample_build).report
    # Overset is the layout's business (tests/test_fit.py); the preflight reports it; the rest is ours.
    errors = [f for f in report.errors if f.check != "overset"]
    assert not errors, "\n".join(f.line() for f in errors)
    assert [p["page"] for p in report.pages] == [1, 2, 3, 4]
    assert all(p["colour_spaces"] == ["DeviceCMYK"] for p in report.pages)
    assert all(p["ink_max_percent"] <= 240 for p in report.pages)
    assert report.facts["ad_share_percent"] < 40


# ------------------------------------------------------------ test issue: photo, PNG alpha, low resolution


def test_rgb_photo_comes_out_cmyk_within_the_ink_limit(art_run):
    photo = art_image(art_run, 2, 2000)
    red, black = photo.getpixel((300, 650)), photo.getpixel((1000, 650))
    assert red[0] < 30 and red[1] > 200 and red[2] > 200  # red → magenta + yellow
    assert 230 <= sum(black) / 2.55 <= 240  # RGB black is 298 % through the profile: held under 240 %
    assert black[3] > 200  # …mostly by black ink, not thinner colour
    with pikepdf.open(io.BytesIO(art_run.pages[1][1])) as pdf:
        assert content_colours(pdf.pages[0]) <= {"k", "K"}


def test_png_with_transparency_is_flattened_onto_white(art_run):
    logo = art_image(art_run, 3, 598)
    assert logo.getpixel((5, 5)) == (0, 0, 0, 0)  # transparent → paper white, no ink
    box = logo.getpixel((300, 165))
    assert box[1] > 200 and box[2] > 200
    with pikepdf.open(io.BytesIO(art_run.pages[2][1])) as pdf:
        assert not [o for o in images(pdf) if "/SMask" in o]


def test_low_resolution_ad_is_an_error_naming_page_and_ad(art_run):
    errors = [f for f in art_run.report.errors if f.check == "resolution"]
    assert [(f.page, f.subject) for f in errors] == [(3, "реклама lowres")]
    assert "эффективное разрешение 30 ppi, меньше 120 ppi" in errors[0].message
    pictures = {p["where"]: p["ppi"] for page in art_run.report.pages for p in page["pictures"]}
    assert pictures["реклама lowres"] == 30 and pictures["реклама logo"] >= 299 and pictures["статья a"] > 200


def test_art_pages_pass_ghostscript_ink_check(art_run, tmp_path):
    for name, data in art_run.pages:
        (tmp_path / name).write_bytes(data)
        assert ghostscript_ink(tmp_path / name) <= 240, name


def test_preflight_command_json_and_exit_code(art_dir):
    result = CliRunner().invoke(preflight, [str(art_dir), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["errors"] == 1  # the 30 ppi ad, and nothing else in this issue
    assert {"level": "error", "check": "resolution", "page": 3, "subject": "реклама lowres"}.items() <= next(
        f for f in report["findings"] if f["check"] == "resolution"
    ).items()
    assert report["facts"]["pages"] == 4


def test_preflight_of_artwork_files(art_dir, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(preflight, [str(art_dir / "ads/logo.png"), "--size", "1x1"])
    assert ok.exit_code == 0, ok.output
    assert "сводятся на белый фон" in ok.output and "переводится в CMYK" in ok.output
    low = runner.invoke(preflight, [str(art_dir / "ads/lowres.jpg"), "--size", "2x2", "--json"])
    assert low.exit_code == 1
    assert [f["check"] for f in json.loads(low.output)["findings"] if f["level"] == "error"] == ["resolution"]
    heavy = Image.new("CMYK", (598, 293), (255, 255, 255, 255))  # 400 % ink, the right size for 1x1
    heavy.save(tmp_path / "heavy.jpg", dpi=(300, 300))
    result = runner.invoke(preflight, [str(tmp_path / "heavy.jpg"), "--size", "1x1"])
    assert result.exit_code == 0, result.output  # the build holds it under the limit: the ad department's
    assert "ВНИМАНИЕ" in result.output and "сумма красок доходит до 400 % в 175214 пикс." in result.output
    assert "при сборке она снижается до 235 %" in result.output
    wide = runner.invoke(preflight, [str(art_dir / "ads/logo.png"), "--size", "3x1"])
    assert wide.exit_code == 0 and "ВНИМАНИЕ" in wide.output  # the ad prints, padded: the ad department's
    assert "оставляет 111,0 мм пустой бумаги по бокам; закажите макет 161,6 × 24,8 мм" in wide.output
    bad = runner.invoke(preflight, [str(art_dir / "ads/logo.png"), "--size", "три"])
    assert bad.exit_code == 2 and "COLSxROWS" in bad.output


def test_preflight_of_a_print_page_file(art_run, tmp_path):
    path = tmp_path / art_run.pages[1][0]
    path.write_bytes(art_run.pages[1][1])
    result = CliRunner().invoke(preflight, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["facts"]["pdfx"] == "PDF/X-1:2001"
    assert report["pages"][0]["colour_spaces"] == ["DeviceCMYK"]
    assert all(font["embedded"] for font in report["pages"][0]["fonts"])


# ---------------------------------------------------------------- package


def test_package_refuses_an_issue_with_errors(art_dir, tmp_path):
    result = CliRunner().invoke(package, [str(art_dir), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "ничего не записано" in result.output and not list(tmp_path.iterdir())


def test_package_is_reproducible_and_complete(art_dir, tmp_path):
    zips = []
    for run in ("a", "b"):
        result = CliRunner().invoke(package, [str(art_dir), "-o", str(tmp_path / run), "--force"])
        assert result.exit_code == 0, result.output
        zips.append((tmp_path / run / "volna_2025-07-30_n31.zip").read_bytes())
    assert zips[0] == zips[1]
    with zipfile.ZipFile(io.BytesIO(zips[0])) as archive:
        names = archive.namelist()
        pages = [f"volna_2025-07-30_n31/volna_2025-07-30_n31_p0{n}.pdf" for n in range(1, 5)]
        assert names == [
            *pages,
            *(
                f"volna_2025-07-30_n31/{n}"
                for n in ("preflight.txt", "preflight.html", "README.txt", "SHA256SUMS")
            ),
        ]
        sums = archive.read("volna_2025-07-30_n31/SHA256SUMS").decode().splitlines()
        assert len(sums) == 7
        for line in sums:
            digest, name = line.split("  ")
            assert hashlib.sha256(archive.read(f"volna_2025-07-30_n31/{name}")).hexdigest() == digest
        readme = archive.read("volna_2025-07-30_n31/README.txt").decode()
        assert "№ 31 (10 245), 30.07.2025" in readme and "Полос: 4" in readme and "Тираж: 3500 экз." in readme
        assert "Предпечатная проверка: ошибок 1, предупреждений" in readme
        assert "ОШИБКА" in archive.read("volna_2025-07-30_n31/preflight.txt").decode()


# ---------------------------------------------------------------- settings, trim, bleed and marks


def test_trim_bleed_and_crop_marks(art_run, tmp_path):
    settings = dataclasses.replace(
        art_run.settings, trim_width=266, trim_height=390, bleed=3, crop_marks=True
    )
    name, data = print_pages(art_run.result, settings)[1]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0].obj
        trim, bleed, media = (
            [float(v) / MM for v in page[k]] for k in ("/TrimBox", "/BleedBox", "/MediaBox")
        )
        assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx((266, 390), abs=0.01)
        assert bleed == pytest.approx([trim[0] - 3, trim[1] - 3, trim[2] + 3, trim[3] + 3], abs=0.01)
        assert media == pytest.approx([0, 0, 266 + 26, 390 + 26], abs=0.01)
        content = page.Contents.read_bytes()
        assert content.startswith(f"q {266 / 297:.6f} 0 0 {266 / 297:.6f}".encode())
        assert b"1 1 1 1 K" in content  # the marks, in registration
    path = tmp_path / name
    path.write_bytes(data)
    assert ghostscript_ink(path) <= 240
    assert scan_pdf(data).pages[0].vector_ink == 155  # the accent blue; the marks' 400 % is not the page's
    geometry = sheet(settings)  # the design's top-left corner, scaled and centred in the trim
    assert geometry.to_design_mm(
        geometry.left, geometry.bottom + geometry.page_height_pt * geometry.scale
    ) == pytest.approx((0, 0))
    assert geometry.left / MM == pytest.approx(trim[0])  # the width fills the trim; the height is centred


def write_paper(tmp_path: Path, paper, block: str):  # type: ignore[no-untyped-def]
    folder = tmp_path / "volna"
    text = (paper.folder / "paper.yaml").read_text(encoding="utf-8").split("\nprint:")[0]
    write_tree(folder, {"paper.yaml": text + "\n" + block})
    return dataclasses.replace(paper, folder=folder)


def test_bad_print_settings_are_reported_with_positions(art_run, tmp_path):
    paper = write_paper(
        tmp_path,
        art_run.result.issue.paper,
        'print:\n  ink_limit: "много"\n  bleed: -1\n  crop_mark: true\n  rendering_intent: vivid\n',
    )
    with pytest.raises(ManifestError) as caught:
        load_print_settings(paper)
    messages = sorted(m.split("paper.yaml:", 1)[1] for m in caught.value.problems)
    line = (paper.folder / "paper.yaml").read_text(encoding="utf-8").splitlines().index("print:") + 1
    assert messages == sorted(
        [
            f'{line + 3}:3: print.crop_mark: неизвестный ключ; может быть, "crop_marks"?',
            f'{line + 1}:14: print.ink_limit: нужно число, а указано "много"',
            f"{line + 2}:10: print.bleed: -1 — вне диапазона 0–20",
            (
                f'{line + 4}:21: print.rendering_intent: "vivid" — недопустимое значение; возможны: perceptual, '
                "relative"
            ),
        ]
    )


def test_profile_must_exist_and_be_cmyk(art_run, tmp_path):
    paper = write_paper(tmp_path, art_run.result.issue.paper, "print:\n  icc_profile: icc/none.icc\n")
    with pytest.raises(PrintError, match="не найден ICC-профиль"):
        load_print_settings(paper)
    paper = write_paper(tmp_path, paper, f"print:\n  icc_profile: {DEFAULT_PROFILE.parent / 'srgb.icc'}\n")
    with pytest.raises(PrintError, match="не выходной \\(печатный\\) профиль CMYK"):
        load_print_settings(paper)


# ---------------------------------------------------------------- units: ink limit, greys, checks


def test_ink_limit_and_pure_k_greys(art_run):
    heavy = Image.new("CMYK", (2, 1))
    heavy.putpixel((0, 0), (255, 255, 255, 255))
    heavy.putpixel((1, 0), (40, 30, 20, 10))
    limited = limit_ink(heavy, 240)
    assert sum(limited.getpixel((0, 0))) <= 240 * 2.55
    assert limited.getpixel((1, 0)) == (40, 30, 20, 10)
    converter = Converter(art_run.settings)
    assert converter.rgb(0.4, 0.4, 0.4) == (0, 0, 0, 0.6)
    assert converter.rgb(1, 1, 1) == (0, 0, 0, 0)
    assert sum(converter.rgb(0.05, 0.02, 0.01)) <= 2.4


def test_small_type_in_several_inks_or_reversed(art_run):
    runs = [
        TextRun(8, "DeviceCMYK", (1, 0.45, 0, 0.1), 0, 0, False),
        TextRun(12, "DeviceCMYK", (1, 0.45, 0, 0.1), 0, 0, False),
        TextRun(9, "DeviceCMYK", (0, 0, 0, 0), 0, 0, False),
        TextRun(4, "DeviceCMYK", (0, 0, 0, 1), 0, 0, True),
        TextRun(6, "DeviceCMYK", (0, 0, 0, 1), 0, 0, True),
    ]
    page = PageScan(
        number=1, media=tuple(A3), trim=tuple(A3), bleed=tuple(A3), text=runs, spaces={"DeviceCMYK"}
    )
    found, _ = check_page(1, page, None, art_run.settings, lambda *_: "article x", for_press=True)
    assert [f.message for f in found] == [
        "текст 4 пт в одну краску, мельче 5 пт (1 строка)",
        "текст 8 пт в 3 краски (C100 M45 K10), мельче 10 пт (1 строка)",
        "текст 9 пт вывороткой, мельче 10 пт (1 строка)",
    ]
    assert {(f.page, f.subject, f.level) for f in found} == {(1, "article x", "warning")}


def test_ad_share_and_imprint_checks(art_run):
    settings = dataclasses.replace(art_run.settings, ad_share_max=1)
    found, facts = check_ads(art_run.result, settings)
    assert facts["ads"] == 2 and 1 < facts["ad_share_percent"] < 5
    assert any("38-ФЗ" in f.message for f in found)
    # The front page carries no imprint: read there, every item is missing from it.
    missing = check_imprint(art_run.result, art_run.pages[0][1], sheet(art_run.settings))
    assert any(f.level == "error" and "тираж («3500»)" in f.message for f in missing)
    assert not [f for f in art_run.report.findings if f.check == "imprint" and f.level == "error"]
