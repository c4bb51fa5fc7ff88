"""Total ink pixel by pixel: the limit the conversion holds, and the preflight that measures it."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name
from PIL import Image

from volna_print.manifest.paper import load_paper
from volna_print.manifest.source import Problems
from volna_print.printing.color import Converter, limit_ink, max_ink, total_ink
from volna_print.printing.convert import JPEG_DECODER_SLACK, convert_image
from volna_print.printing.ink import measure_ink
from volna_print.printing.pagechecks import check_page
from volna_print.printing.scan import scan_pdf
from volna_print.printing.settings import load_print_settings

from .conftest import have

needs_gs = pytest.mark.skipif(not have("gs"), reason="ghostscript is installed by make test")
LIMIT = 240


@pytest.fixture(scope="module")
def settings():  # type: ignore[no-untyped-def]
    paper = load_paper("volna", Problems())
    assert paper is not None
    return load_print_settings(paper)


def dark_rgb(width: int, height: int, seed: int = 1) -> Image.Image:
    """Return dark, noisy RGB artwork with a solid black and a deep blue field: rich black through any
    CMYK profile, with single pixels darker than their neighbours (what 1 mm averages miss)."""
    rng = np.random.default_rng(seed)
    data = rng.normal(25, 14, (height, width, 3))
    data[height // 3 : 2 * height // 3, : width // 2] = 0
    data[height // 3 : 2 * height // 3, width // 2 :] = (20, 0, 60)
    return Image.fromarray(np.clip(data, 0, 255).astype("uint8"), "RGB")


def test_limit_ink_holds_every_pixel_and_leaves_light_ones_alone():
    rng = np.random.default_rng(2)
    data = rng.integers(0, 256, (60, 80, 4), dtype=np.uint8)
    data[0, 0] = (255, 255, 255, 255)  # 400 %: grey enough to go into black
    data[0, 1] = (255, 255, 0, 0)  # 200 % and no grey: stays
    data[0, 2] = (255, 255, 230, 0)  # 290 % red: thinned, there is little grey
    picture = Image.fromarray(data, "CMYK")
    assert max_ink(picture) > 300  # the input really is over
    limited = limit_ink(picture, 235)
    totals = total_ink(limited)
    assert totals.max() <= 235 * 2.55
    light = total_ink(picture) <= 235 * 2.55
    assert (np.asarray(limited)[light] == data[light]).all()
    assert limited.getpixel((1, 0)) == (255, 255, 0, 0)
    black = limited.getpixel((0, 0))
    assert black[3] == 255 and sum(black) <= 235 * 2.55  # GCR: black stays full, CMY gives way


def test_converted_rgb_keeps_the_margin_on_every_pixel(settings):
    converter = Converter(settings)
    assert converter.target == LIMIT - 5
    converted = converter.picture(dark_rgb(300, 200))
    assert converted.mode == "CMYK"
    assert 225 < max_ink(converted) <= 235  # dark: it reaches the aim, and no pixel passes it


def test_cmyk_without_profile_is_left_alone_within_the_limit_and_held_over_it(settings):
    converter = Converter(settings)
    within = Image.new("CMYK", (4, 4), (60, 50, 40, 200))  # 137 %
    assert converter.picture(within) is within
    heavy = Image.new("CMYK", (4, 4), (230, 200, 190, 200))  # 322 %
    held = converter.picture(heavy)
    assert max_ink(held) <= 235 and held.getpixel((0, 0))[3] >= 200


def image_pdf(picture: Image.Image, jpeg: bool) -> pikepdf.Pdf:
    """Return a one-page PDF (100 × 100 pt) that draws a picture over the whole page."""
    pdf = pikepdf.new()
    buffer = io.BytesIO()
    if jpeg:
        picture.save(buffer, "JPEG", quality=75)
        data, flt = buffer.getvalue(), Name.DCTDecode
    else:
        import zlib

        data, flt = zlib.compress(picture.tobytes()), Name.FlateDecode
    image = pdf.make_stream(data)
    image.Type, image.Subtype = Name.XObject, Name.Image
    image.Width, image.Height, image.BitsPerComponent = picture.width, picture.height, 8
    image.ColorSpace = Name.DeviceCMYK if picture.mode == "CMYK" else Name.DeviceRGB
    image.Filter = flt
    if jpeg and picture.mode == "CMYK":
        image.Decode = Array([1, 0] * 4)
    page = pikepdf.Page(
        Dictionary(Type=Name.Page, MediaBox=[0, 0, 100, 100], Resources=Dictionary(XObject={"/Im0": image}))
    )
    page.obj.Contents = pdf.make_stream(b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    pdf.pages.append(page)
    return pdf


@pytest.mark.parametrize("jpeg", [True, False])
def test_converted_pictures_stay_under_the_limit_as_decoded(settings, jpeg):
    pdf = image_pdf(dark_rgb(240, 160, seed=3), jpeg)
    image = pdf.pages[0].obj.Resources.XObject["/Im0"]
    convert_image(image, Converter(settings), "page 1, picture /Im0")
    assert image.ColorSpace == Name.DeviceCMYK
    assert (image.Filter == Name.DCTDecode) is jpeg  # JPEG stays JPEG when it can hold the limit
    decoded = pikepdf.PdfImage(image).as_pil_image()
    assert max_ink(decoded) <= LIMIT - (JPEG_DECODER_SLACK if jpeg else 5)


def page_pdf(tmp_path: Path, picture: Image.Image, rule: bytes = b"") -> Path:
    """Write a 100 × 100 pt page with a CMYK picture on its left half, and optional vector content."""
    pdf = image_pdf(picture, jpeg=False)
    pdf.pages[0].obj.Contents = pdf.make_stream(b"q 50 0 0 100 0 0 cm /Im0 Do Q\n" + rule)
    path = tmp_path / "page.pdf"
    pdf.save(path)
    return path


@needs_gs
def test_preflight_names_the_picture_with_single_heavy_pixels(tmp_path, settings):
    data = np.zeros((400, 200, 4), np.uint8)
    data[..., 3] = 128
    data[::37, ::41] = (230, 220, 210, 250)  # isolated pixels at 357 %: a 1 mm average is far under
    path = page_pdf(tmp_path, Image.fromarray(data, "CMYK"))
    scan = scan_pdf(path)
    ink = measure_ink([path], [(0.0, 0.0)])[0]
    found, facts = check_page(1, scan.pages[0], ink, settings, lambda *_: "ad heavy", for_press=True)
    (finding,) = [f for f in found if f.check == "ink"]
    assert (finding.level, finding.page, finding.subject) == ("error", 1, "ad heavy")
    assert finding.message.startswith("изображение Im0 (200×400 пикс.): сумма красок до 357 % в 55 пикс. изображения")
    assert facts["pictures"][0]["ink_max_percent"] == pytest.approx(356.9, abs=0.1)


@needs_gs
def test_preflight_finds_heavy_vector_pixels_on_the_raster(tmp_path, settings):
    light = Image.new("CMYK", (20, 20), (0, 0, 0, 100))
    # a 4-colour bar right of the picture: 300 % in flat colour
    path = page_pdf(tmp_path, light, b"0.75 0.75 0.75 0.75 k 70 10 6 80 re f\n")
    scan = scan_pdf(path)
    ink = measure_ink([path], [(0.0, 0.0)])[0]
    assert ink.max_total == pytest.approx(300, abs=1)
    found, _ = check_page(1, scan.pages[0], ink, settings, lambda *_: "article x", for_press=True)
    messages = [f.message for f in found if f.check == "ink"]
    assert any(m.startswith("сумма красок до 300 % в ") and "(вне изображений)" in m for m in messages)
    assert not any(m.startswith("изображение") for m in messages)  # the picture itself is light
