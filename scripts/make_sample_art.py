#!/usr/bin/env python3
"""Draw the sample issue's ad artwork and illustrative photos with Pillow.

Everything drawn here is invented sample material: the advertisers do not exist, every ad is
marked «ОБРАЗЕЦ», the phone numbers are 8 (000) …, and the "photos" are obvious illustrations
made of gradients and shapes (no text on them).

The output is deterministic: fixed seeds, no timestamps, no EXIF, so each run writes the same
bytes.  Ads are drawn at exactly their physical size at 300 ppi: the artwork area of their booked
grid slot on an inner page (the module less the «Реклама» strip and the frame's rule, as
`volna-print preflight ART --size COLSxROWS` states it), photos at about their printed size.

    python3 scripts/make_sample_art.py [--out issues/sample]
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

DPI = 300
JPEG_QUALITY = 85
ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "fonts"
FONT_FILES = {
    "sans": "pt/PTSans-Regular.ttf",
    "bold": "pt/PTSans-Bold.ttf",
    "narrow": "pt/PTSansNarrow-Bold.ttf",
    "serif": "pt/PTSerif-Regular.ttf",
    "slab": "roboto-slab/RobotoSlab-Bold.otf",
}

RGB = tuple[int, int, int]
Point = tuple[float, float]


# --------------------------------------------------------------------------- units and fonts


def mm_px(mm: float) -> int:
    """Pixels at 300 ppi for a length in millimetres."""
    return round(mm / 25.4 * DPI)


def pt_px(pt: float) -> int:
    """Pixels at 300 ppi for a type size in points."""
    return round(pt / 72 * DPI)


@cache
def font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    """One of the project's fonts at a pixel size."""
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[kind]), size)


def fit(text: str, kind: str, max_width: float, size: int, min_size: int = 8) -> ImageFont.FreeTypeFont:
    """The largest font of `kind`, at most `size` px, in which `text` is no wider than `max_width`."""
    while size > min_size and font(kind, size).getlength(text) > max_width:
        size -= 1
    return font(kind, size)


def text_at(
    draw: ImageDraw.ImageDraw,
    x: float,
    y: float,
    text: str,
    face: ImageFont.FreeTypeFont,
    fill: RGB,
    align: str = "center",
) -> tuple[float, float, float, float]:
    """Draw `text` with its ink box's vertical middle at y; x is its left, centre or right edge.

    Centring on the ink box (not on the font's ascender) keeps capitals optically centred.
    Returns the drawn ink box.
    """
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face, anchor="ls")
    width = right - left
    ox = {"left": x, "center": x - width / 2, "right": x - width}[align] - left
    oy = y - (top + bottom) / 2
    draw.text((ox, oy), text, font=face, fill=fill, anchor="ls")
    return draw.textbbox((ox, oy), text, font=face, anchor="ls")


# --------------------------------------------------------------------------- image helpers


def vertical_gradient(size: tuple[int, int], stops: Sequence[tuple[float, RGB]]) -> Image.Image:
    """An image filled top to bottom with colours interpolated between (position 0..1, colour) stops."""
    width, height = size
    column = Image.new("RGB", (1, height))
    column.putdata([_interpolate(stops, y / max(1, height - 1)) for y in range(height)])
    return column.resize((width, height), Image.Resampling.NEAREST)


def horizontal_gradient(size: tuple[int, int], stops: Sequence[tuple[float, RGB]]) -> Image.Image:
    """Like vertical_gradient, left to right."""
    width, height = size
    row = Image.new("RGB", (width, 1))
    row.putdata([_interpolate(stops, x / max(1, width - 1)) for x in range(width)])
    return row.resize((width, height), Image.Resampling.NEAREST)


def _interpolate(stops: Sequence[tuple[float, RGB]], t: float) -> RGB:
    for (t0, c0), (t1, c1) in pairwise(stops):
        if t <= t1:
            k = 0.0 if t1 == t0 else (t - t0) / (t1 - t0)
            return mix(c0, c1, max(0.0, min(1.0, k)))
    return stops[-1][1]


def mix(a: RGB, b: RGB, k: float) -> RGB:
    """Colour a moved by k (0..1) towards colour b."""
    return (round(a[0] + (b[0] - a[0]) * k), round(a[1] + (b[1] - a[1]) * k), round(a[2] + (b[2] - a[2]) * k))


def add_grain(image: Image.Image, rng: random.Random, amount: int = 6) -> Image.Image:
    """Add fine seeded film grain of ±amount levels (Image.effect_noise is not seedable)."""
    width, height = image.size
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    noise = noise.filter(ImageFilter.GaussianBlur(0.6)).point(lambda v: min(255, max(0, (v - 128) * 3 + 128)))
    noise = noise.point(lambda v: v * 2 * amount // 255).convert("RGB")
    return ImageChops.add(image, noise, scale=1.0, offset=-amount)


def vignette(image: Image.Image, strength: float = 0.35) -> Image.Image:
    """Darken the corners a little, like a real lens."""
    radial = Image.radial_gradient("L").resize(image.size, Image.Resampling.BILINEAR)
    shade = radial.point(lambda v: 255 - round(strength * 255 * max(0.0, (v - 110) / 145) ** 1.6))
    return ImageChops.multiply(image, Image.merge("RGB", (shade, shade, shade)))


def glow(image: Image.Image, shapes: Callable[[ImageDraw.ImageDraw], None], radius: float) -> Image.Image:
    """Screen-blend a blurred copy of the shapes drawn by `shapes` over the image (lights, haze)."""
    layer = Image.new("RGB", image.size, (0, 0, 0))
    shapes(ImageDraw.Draw(layer))
    return ImageChops.screen(image, layer.filter(ImageFilter.GaussianBlur(radius)))


def save(image: Image.Image, path: Path) -> None:
    """Write JPEG or PNG at 300 ppi, without metadata that would change between runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = image.convert("RGB")
    if path.suffix.lower() == ".png":
        image.save(path, "PNG", dpi=(DPI, DPI), optimize=True)
    else:
        image.save(path, "JPEG", dpi=(DPI, DPI), quality=JPEG_QUALITY, optimize=True, subsampling="4:2:0")


# --------------------------------------------------------------------------- ads


@dataclass(frozen=True)
class AdSpec:
    """One ad: its file name, booked size (grid columns × modules) and the function that draws it."""

    name: str
    cols: int
    rows: int
    draw: Callable[[Image.Image], None]

    @property
    def mm(self) -> tuple[float, float]:
        """Return the artwork area of the booked size on an inner page, from the paper's grid."""
        return booked_mm(self.cols, self.rows)

    @property
    def size(self) -> tuple[int, int]:
        return mm_px(self.mm[0]), mm_px(self.mm[1])


@cache
def booked_mm(cols: int, rows: int) -> tuple[float, float]:
    """Return the size in mm an ad's artwork is made for: the preflight's own figure."""
    import sys

    sys.path.insert(0, str(ROOT / "src"))
    from volna_print.printing.artwork import load_paper_or_fail, module_size

    return module_size(load_paper_or_fail("volna"), f"{cols}x{rows}")


def sample_mark(
    draw: ImageDraw.ImageDraw,
    box: tuple[int, int, int, int],
    text: str,
    corner: str,
    ink: RGB = (90, 90, 90),
    paper: RGB = (255, 255, 255),
    size_pt: float = 5.5,
) -> None:
    """A small «ОБРАЗЕЦ» label on its own patch of paper in a corner of `box`."""
    face = font("bold", pt_px(size_pt))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face, anchor="ls")
    pad_x, pad_y = pt_px(2), pt_px(1.4)
    w, h = right - left + 2 * pad_x, bottom - top + 2 * pad_y
    x = box[0] if "left" in corner else box[2] - w
    y = box[1] if "top" in corner else box[3] - h
    draw.rectangle((x, y, x + w, y + h), fill=paper)
    text_at(draw, x + w / 2, y + h / 2, text, face, ink)


def frame(
    draw: ImageDraw.ImageDraw, size: tuple[int, int], colour: RGB, width: int
) -> tuple[int, int, int, int]:
    """The ad's outer rule; returns the inner box."""
    w, h = size
    draw.rectangle((0, 0, w - 1, h - 1), outline=colour, width=width)
    return width, width, w - width, h - width


def bullet_lines(
    draw: ImageDraw.ImageDraw,
    x: float,
    y: float,
    step: float,
    lines: Sequence[str],
    kind: str,
    size: int,
    ink: RGB,
    mark: RGB,
    max_width: float,
) -> None:
    """A left-aligned list with square bullets, one line every `step` px starting at y.

    A line too long for `max_width` is set smaller rather than overflowing.
    """
    side = size * 0.36
    for i, line in enumerate(lines):
        cy = y + i * step
        draw.rectangle((x, cy - side / 2, x + side, cy + side / 2), fill=mark)
        text_at(draw, x + side * 2.2, cy, line, fit(line, kind, max_width - side * 2.2, size), ink, "left")


def starburst(
    draw: ImageDraw.ImageDraw, centre: Point, r_out: float, r_in: float, points: int, fill: RGB
) -> None:
    """A price-tag star."""
    cx, cy = centre
    poly = []
    for i in range(points * 2):
        angle = math.pi * i / points - math.pi / 2
        r = r_out if i % 2 == 0 else r_in
        poly.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(poly, fill=fill)


def draw_stroymarket(img: Image.Image) -> None:
    """A building-materials store: orange header, goods list, discount star, dark contact band."""
    w, h = img.size
    draw = ImageDraw.Draw(img)
    orange, dark, yellow, red = (240, 128, 0), (38, 38, 42), (255, 206, 0), (214, 36, 36)
    x0, y0, x1, y1 = frame(draw, img.size, dark, mm_px(0.8))
    pad = mm_px(4)
    header_h = round(h * 0.29)
    img.paste(vertical_gradient((x1 - x0, header_h), [(0, (250, 150, 20)), (1, (226, 104, 0))]), (x0, y0))
    name = "СТРОЙМАРКЕТ"
    name_box = text_at(
        draw,
        w / 2,
        y0 + header_h * 0.5,
        name,
        fit(name, "slab", x1 - x0 - 2 * pad, pt_px(30)),
        (255, 255, 255),
    )
    # a roof line above the name: the ad's "logo"
    eaves = name_box[1] - mm_px(1.2)
    draw.line(
        [(w / 2 - mm_px(14), eaves), (w / 2, eaves - mm_px(4.5)), (w / 2 + mm_px(14), eaves)],
        fill=(255, 255, 255),
        width=mm_px(1.2),
        joint="curve",
    )
    tagline = "всё для стройки и ремонта"
    text_at(
        draw,
        w / 2,
        y0 + header_h * 0.83,
        tagline,
        fit(tagline, "bold", x1 - x0 - 2 * pad, pt_px(13)),
        (255, 240, 214),
    )

    footer_h = round(h * 0.22)
    fy = y1 - footer_h
    draw.rectangle((x0, fy, x1, y1), fill=dark)
    text_at(draw, w / 2, fy + footer_h * 0.38, "8 (000) 000-00-00", font("bold", pt_px(24)), yellow)
    address = "ул. Образцовая, 1  –  ежедневно с 8:00 до 20:00"
    text_at(
        draw,
        w / 2,
        fy + footer_h * 0.76,
        address,
        fit(address, "sans", x1 - x0 - 2 * pad, pt_px(10.5)),
        (235, 235, 235),
    )

    body_top, body_bottom = y0 + header_h, fy
    goods = [
        "Цемент, сухие смеси, кирпич",
        "Пиломатериалы и утеплитель",
        "Краски, инструмент, крепёж",
        "Доставка и разгрузка",
    ]
    star_r = min((body_bottom - body_top) * 0.36, w * 0.15)
    star_cx = x1 - pad - star_r
    list_width = star_cx - star_r - x0 - 2 * pad
    step = (body_bottom - body_top) / (len(goods) + 1)
    bullet_lines(draw, x0 + pad, body_top + step, step, goods, "bold", pt_px(12), dark, orange, list_width)
    star_cy = (body_top + body_bottom) / 2
    starburst(draw, (star_cx, star_cy), star_r, star_r * 0.82, 18, red)
    text_at(
        draw,
        star_cx,
        star_cy - star_r * 0.28,
        "СКИДКИ",
        font("narrow", round(star_r * 0.36)),
        (255, 255, 255),
    )
    text_at(draw, star_cx, star_cy + star_r * 0.22, "до 15%", font("slab", round(star_r * 0.42)), yellow)
    sample_mark(
        draw, (x0, y0, x1, y1), "ОБРАЗЕЦ РЕКЛАМЫ", "top-right", ink=(120, 70, 0), paper=(255, 226, 180)
    )


def draw_pharmacy(img: Image.Image) -> None:
    """A pharmacy: green cross, name, three services, green contact band."""
    w, h = img.size
    draw = ImageDraw.Draw(img)
    green, dark_green = (24, 150, 72), (14, 96, 46)
    x0, y0, x1, y1 = frame(draw, img.size, green, mm_px(0.7))
    inset = mm_px(1.2)
    draw.rectangle((x0 + inset, y0 + inset, x1 - inset, y1 - inset), outline=(180, 222, 192), width=2)
    pad = mm_px(3)
    cx, cy, r = w / 2, y0 + h * 0.16, h * 0.095
    draw.ellipse((cx - r * 1.25, cy - r * 1.25, cx + r * 1.25, cy + r * 1.25), fill=(222, 243, 228))
    arm = r * 0.36
    draw.rectangle((cx - arm, cy - r, cx + arm, cy + r), fill=green)
    draw.rectangle((cx - r, cy - arm, cx + r, cy + arm), fill=green)
    text_at(draw, w / 2, y0 + h * 0.335, "АПТЕКА", font("bold", pt_px(17)), green)
    name = "«Здоровье»"
    text_at(draw, w / 2, y0 + h * 0.44, name, fit(name, "slab", x1 - x0 - 2 * pad, pt_px(14)), (30, 40, 36))
    for i, line in enumerate(["Лекарства и витамины", "Товары для мам и малышей", "Измерение давления"]):
        text_at(
            draw,
            w / 2,
            y0 + h * (0.545 + i * 0.068),
            line,
            fit(line, "sans", x1 - x0 - 2 * pad, pt_px(8)),
            (40, 52, 46),
        )
    band_h = round(h * 0.2)
    draw.rectangle((x0, y1 - band_h, x1, y1), fill=dark_green)
    text_at(
        draw,
        w / 2,
        y1 - band_h * 0.63,
        "8 (000) 000-00-00",
        fit("8 (000) 000-00-00", "bold", x1 - x0 - 2 * pad, pt_px(11.5)),
        (255, 255, 255),
    )
    text_at(draw, w / 2, y1 - band_h * 0.25, "ежедневно 8:00–21:00", font("sans", pt_px(7)), (210, 240, 218))
    sample_mark(draw, (x0, y0, x1, y1), "ОБРАЗЕЦ", "top-right", ink=(70, 110, 80), size_pt=5)


def seaside_picture(size: tuple[int, int]) -> Image.Image:
    """The café ad's little flat illustration: sky, sun, sea, a sail and gulls."""
    w, h = size
    pic = vertical_gradient(
        size, [(0, (120, 196, 236)), (0.58, (226, 244, 252)), (0.6, (32, 112, 170)), (1, (20, 80, 140))]
    )
    draw = ImageDraw.Draw(pic)
    horizon = h * 0.6
    sun_r = h * 0.13
    draw.ellipse((w * 0.66 - sun_r, h * 0.3 - sun_r, w * 0.66 + sun_r, h * 0.3 + sun_r), fill=(255, 196, 60))
    for i in range(6):
        y = horizon + (h - horizon) * (0.12 + i * 0.15)
        amp, period = h * 0.012, w / 5
        pts = [(x, y + amp * math.sin(2 * math.pi * x / period + i)) for x in range(0, w + 1, 6)]
        draw.line(pts, fill=(150, 205, 235), width=max(2, h // 120))
    # a sailing boat
    bx, by = w * 0.3, horizon + h * 0.03
    draw.polygon(
        [
            (bx - w * 0.07, by),
            (bx + w * 0.07, by),
            (bx + w * 0.05, by + h * 0.035),
            (bx - w * 0.05, by + h * 0.035),
        ],
        fill=(250, 250, 250),
    )
    draw.polygon(
        [(bx, by - h * 0.24), (bx, by - h * 0.01), (bx + w * 0.09, by - h * 0.01)], fill=(255, 255, 255)
    )
    draw.polygon(
        [(bx - 3, by - h * 0.2), (bx - 3, by - h * 0.01), (bx - w * 0.06, by - h * 0.01)], fill=(240, 90, 70)
    )
    for gx, gy, s in ((0.2, 0.18, 1.0), (0.33, 0.1, 0.8), (0.45, 0.22, 0.6)):
        x, y, span = w * gx, h * gy, w * 0.05 * s
        draw.arc(
            (x - span, y - span / 2, x, y + span / 2), 200, 330, fill=(60, 70, 90), width=max(2, h // 150)
        )
        draw.arc(
            (x, y - span / 2, x + span, y + span / 2), 210, 340, fill=(60, 70, 90), width=max(2, h // 150)
        )
    return pic


def draw_cafe(img: Image.Image) -> None:
    """A seaside café: a little sea picture on the left, name, offers and contacts on the right."""
    w, h = img.size
    draw = ImageDraw.Draw(img)
    navy, coral, ink = (22, 60, 110), (236, 96, 72), (40, 44, 56)
    draw.rectangle((0, 0, w, h), fill=(255, 247, 230))
    x0, y0, x1, y1 = frame(draw, img.size, navy, mm_px(0.8))
    gap = mm_px(1.5)
    pic_w = round(w * 0.32)
    img.paste(seaside_picture((pic_w - gap, y1 - y0 - 2 * gap)), (x0 + gap, y0 + gap))
    pad = mm_px(4)
    left, right = x0 + pic_w + pad, x1 - pad
    column = right - left
    name = "Кафе «У моря»"
    text_at(draw, left, y0 + h * 0.2, name, fit(name, "slab", column * 0.8, pt_px(30)), navy, "left")
    tagline = "летняя терраса с видом на закат"
    text_at(
        draw, left, y0 + h * 0.355, tagline, fit(tagline, "serif", column, pt_px(12)), (90, 96, 110), "left"
    )
    offers = [
        "Завтраки с 8:00",
        "Рыба на гриле и домашние десерты",
        "Банкеты и детские праздники до 40 гостей",
    ]
    bullet_lines(draw, left, y0 + h * 0.49, h * 0.105, offers, "bold", pt_px(11), ink, coral, column)
    band_h = round(h * 0.17)
    draw.rectangle((x0 + pic_w, y1 - band_h, x1, y1), fill=navy)
    contact = "Набережная, 5  –  8 (000) 000-00-00  –  ежедневно 8:00–23:00"
    text_at(
        draw,
        left + column / 2,
        y1 - band_h / 2,
        contact,
        fit(contact, "bold", column, pt_px(11)),
        (255, 255, 255),
    )
    sample_mark(
        draw, (x0, y0, x1, y1), "ОБРАЗЕЦ РЕКЛАМЫ", "top-right", ink=(22, 60, 110), paper=(255, 236, 200)
    )


def draw_taxi(img: Image.Image) -> None:
    """A small taxi ad: yellow, a checker strip, name and a big phone."""
    w, h = img.size
    draw = ImageDraw.Draw(img)
    yellow, black = (255, 208, 0), (20, 20, 20)
    draw.rectangle((0, 0, w, h), fill=yellow)
    x0, y0, x1, y1 = frame(draw, img.size, black, mm_px(0.6))
    cell = mm_px(1.4)
    for row in range(2):
        for col in range((x1 - x0) // cell + 1):
            if (row + col) % 2 == 0:
                draw.rectangle(
                    (x0 + col * cell, y0 + row * cell, x0 + (col + 1) * cell - 1, y0 + (row + 1) * cell - 1),
                    fill=black,
                )
    pad = mm_px(2.5)
    top = y0 + 2 * cell
    name = "ТАКСИ «ПРИБОЙ»"
    text_at(
        draw, w / 2, top + (y1 - top) * 0.2, name, fit(name, "narrow", x1 - x0 - 2 * pad, pt_px(16)), black
    )
    phone = "8 (000) 000-00-00"
    text_at(
        draw, w / 2, top + (y1 - top) * 0.52, phone, fit(phone, "bold", x1 - x0 - 2 * pad, pt_px(15)), black
    )
    line = "круглосуточно, по городу и району"
    text_at(draw, w / 2, top + (y1 - top) * 0.78, line, fit(line, "sans", x1 - x0 - 2 * pad, pt_px(7)), black)
    sample_mark(
        draw,
        (x0, y0, x1, y1),
        "ОБРАЗЕЦ",
        "bottom-right",
        ink=(60, 60, 60),
        paper=(255, 236, 140),
        size_pt=4.5,
    )


def draw_realty(img: Image.Image) -> None:
    """A real-estate agency: navy panel with a house, name, services, contacts."""
    w, h = img.size
    draw = ImageDraw.Draw(img)
    navy, teal, ink = (24, 53, 94), (0, 150, 160), (36, 40, 52)
    x0, y0, x1, y1 = frame(draw, img.size, navy, mm_px(0.8))
    panel_w = round(w * 0.3)
    img.paste(vertical_gradient((panel_w, y1 - y0), [(0, (34, 72, 124)), (1, (18, 40, 74))]), (x0, y0))
    # house: walls, roof, door, window, and a wave under it
    cx, base, hw = x0 + panel_w / 2, y0 + (y1 - y0) * 0.68, panel_w * 0.26
    white = (255, 255, 255)
    draw.rectangle((cx - hw, base - hw * 1.25, cx + hw, base), outline=white, width=mm_px(0.7))
    draw.line(
        [(cx - hw * 1.35, base - hw * 1.1), (cx, base - hw * 2.35), (cx + hw * 1.35, base - hw * 1.1)],
        fill=white,
        width=mm_px(0.9),
        joint="curve",
    )
    draw.rectangle((cx - hw * 0.7, base - hw * 0.75, cx - hw * 0.2, base), fill=teal)
    draw.rectangle((cx + hw * 0.15, base - hw * 0.95, cx + hw * 0.65, base - hw * 0.45), fill=(255, 214, 90))
    wave = [
        (x, base + hw * 0.45 + hw * 0.12 * math.sin((x - cx) / hw * 3.2))
        for x in range(round(cx - hw * 1.3), round(cx + hw * 1.3) + 1, 3)
    ]
    draw.line(wave, fill=(120, 210, 220), width=mm_px(0.7))

    pad = mm_px(4)
    left, right = x0 + panel_w + pad, x1 - pad
    column = right - left
    kicker = "АГЕНТСТВО НЕДВИЖИМОСТИ"
    text_at(draw, left, y0 + h * 0.14, kicker, fit(kicker, "bold", column, pt_px(9.5)), teal, "left")
    name = "«Дом у моря»"
    text_at(draw, left, y0 + h * 0.29, name, fit(name, "slab", column, pt_px(25)), navy, "left")
    services = [
        "Продажа и покупка квартир и домов",
        "Аренда жилья на сезон и на год",
        "Бесплатная консультация юриста",
    ]
    bullet_lines(draw, left, y0 + h * 0.47, h * 0.115, services, "sans", pt_px(10.5), ink, teal, column)
    draw.line([(left, y0 + h * 0.79), (right, y0 + h * 0.79)], fill=(200, 208, 220), width=3)
    contact = "ул. Образцовая, 7, офис 2  –  8 (000) 000-00-00"
    text_at(draw, left, y0 + h * 0.88, contact, fit(contact, "bold", column, pt_px(10.5)), navy, "left")
    sample_mark(
        draw, (x0, y0, x1, y1), "ОБРАЗЕЦ РЕКЛАМЫ", "top-right", ink=(24, 53, 94), paper=(226, 236, 246)
    )


ADS = (
    AdSpec("ads/stroymarket.jpg", 2, 3, draw_stroymarket),
    AdSpec("ads/pharmacy.png", 1, 2, draw_pharmacy),
    AdSpec("ads/cafe.jpg", 3, 2, draw_cafe),
    AdSpec("ads/taxi.jpg", 1, 1, draw_taxi),
    AdSpec("ads/realty.jpg", 2, 2, draw_realty),
)


# --------------------------------------------------------------------------- illustrative photos


@dataclass(frozen=True)
class Camera:
    """A pinhole camera at the origin looking down +z; y grows downwards (the floor is at +eye)."""

    cx: float
    cy: float
    focal: float

    def __call__(self, x: float, y: float, z: float) -> Point:
        return self.cx + self.focal * x / z, self.cy + self.focal * y / z


def exhibition_hall(size: tuple[int, int], seed: int) -> Image.Image:
    """An exhibition hall seen down its main aisle: trusses, lights, stands, visitors, a big screen."""
    rng = random.Random(seed)
    w, h = size
    cam = Camera(w * 0.5, h * 0.44, w * 0.62)
    eye, ceiling, far = 1.6, -7.4, 90.0
    _, horizon = cam(0, 0, 1)
    img = vertical_gradient(
        size,
        [
            (0, (28, 32, 44)),
            (horizon / h, (96, 104, 120)),
            (horizon / h + 0.001, (150, 146, 142)),
            (1, (92, 88, 86)),
        ],
    )
    draw = ImageDraw.Draw(img)
    haze = (160, 166, 178)

    def fogged(colour: RGB, z: float) -> RGB:
        return mix(colour, haze, min(0.75, z / far * 1.1))

    # back wall with a blank video screen
    bw = [cam(-30, ceiling, far), cam(30, ceiling, far), cam(30, eye, far), cam(-30, eye, far)]
    draw.polygon(bw, fill=(120, 124, 136))
    screen = (cam(-6, -5.6, far), cam(6, -1.2, far))
    img.paste(
        horizontal_gradient(
            (round(screen[1][0] - screen[0][0]), round(screen[1][1] - screen[0][1])),
            [(0, (40, 110, 200)), (0.5, (80, 180, 230)), (1, (40, 110, 200))],
        ),
        (round(screen[0][0]), round(screen[0][1])),
    )
    # floor joints converging on the vanishing point, and cross joints
    for xi in range(-30, 31, 3):
        draw.line([cam(xi, eye, 3), cam(xi, eye, far)], fill=(136, 132, 130), width=2)
    z = 3.0
    while z < far:
        draw.line([cam(-40, eye, z), cam(40, eye, z)], fill=(134, 130, 128), width=max(1, round(6 / z)))
        z *= 1.18
    # roof trusses: longitudinal chords and transverse beams
    for xi in range(-30, 31, 5):
        draw.line([cam(xi, ceiling, 2.5), cam(xi, ceiling, far)], fill=(70, 76, 90), width=3)
    lights: list[tuple[float, float, float]] = []
    for zi in range(4, int(far), 6):
        width = max(2, round(40 / zi))
        draw.line([cam(-40, ceiling, zi), cam(40, ceiling, zi)], fill=(84, 90, 104), width=width)
        draw.line(
            [cam(-40, ceiling + 0.9, zi), cam(40, ceiling + 0.9, zi)],
            fill=(74, 80, 94),
            width=max(1, width // 2),
        )
        for xi in range(-25, 26, 10):
            lights.append((xi, ceiling + 0.95, zi))

    # ceiling lights and the screen's glow first, so that the stands hide what is behind them
    def light_shapes(d: ImageDraw.ImageDraw) -> None:
        for x, y, z in lights:
            px, py = cam(x, y, z)
            r = max(2.0, 90 / z)
            d.ellipse((px - r, py - r * 0.5, px + r, py + r * 0.5), fill=(255, 244, 214))
        sx0, sy0 = screen[0]
        sx1, sy1 = screen[1]
        d.rectangle((sx0, sy0, sx1, sy1), fill=(40, 90, 140))

    lamp = ImageDraw.Draw(img)
    for x, y, z in lights:
        px, py = cam(x, y, z)
        r = max(1.5, 40 / z)
        lamp.ellipse((px - r, py - r * 0.45, px + r, py + r * 0.45), fill=(255, 248, 228))
    img = glow(img, light_shapes, radius=w / 160)
    img = glow(img, light_shapes, radius=w / 40)
    draw = ImageDraw.Draw(img)

    # stands and people, far to near
    palette = [
        (214, 58, 52),
        (30, 110, 190),
        (240, 180, 40),
        (40, 150, 110),
        (236, 236, 236),
        (120, 70, 160),
        (230, 110, 30),
    ]
    items: list[tuple[float, Callable[[], None]]] = []
    for side in (-1, 1):
        z = 5.0 + rng.uniform(0, 2)
        while z < far - 12:
            depth = rng.uniform(4.5, 7.0)
            height = rng.uniform(3.0, 4.2)
            colour = rng.choice(palette)
            items.append((z, _stand(draw, cam, side, z, depth, height, colour, fogged, rng)))
            z += depth + rng.uniform(1.0, 2.5)
    for _ in range(46):
        z = rng.uniform(5.0, 45.0)
        x = rng.uniform(-2.6, 2.6)
        items.append((z, _person(draw, cam, x, z, eye, rng, fogged)))
    for _, paint in sorted(items, key=lambda item: -item[0]):
        paint()
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    return add_grain(vignette(img, 0.3), rng, 5)


def _stand(
    draw: ImageDraw.ImageDraw,
    cam: Camera,
    side: int,
    z: float,
    depth: float,
    height: float,
    colour: RGB,
    fogged: Callable[[RGB, float], RGB],
    rng: random.Random,
) -> Callable[[], None]:
    """One exhibitor's stand on the left (side -1) or right (+1) of the aisle, as a deferred painter."""
    inner, outer, floor = 3.2 * side, 11.0 * side, 1.6
    top = floor - height

    def paint() -> None:
        # back partition facing the aisle, fascia band on top, a counter and a few product blocks
        wall = [
            cam(inner, top, z),
            cam(inner, top, z + depth),
            cam(inner, floor, z + depth),
            cam(inner, floor, z),
        ]
        draw.polygon(
            [
                cam(outer, top, z + depth),
                cam(inner, top, z + depth),
                cam(inner, floor, z + depth),
                cam(outer, floor, z + depth),
            ],
            fill=fogged((200, 200, 204), z + depth),
        )
        draw.polygon(wall, fill=fogged(mix(colour, (255, 255, 255), 0.55), z))
        fascia = [
            cam(inner, top, z),
            cam(inner, top, z + depth),
            cam(inner, top + 0.7, z + depth),
            cam(inner, top + 0.7, z),
        ]
        draw.polygon(fascia, fill=fogged(colour, z))
        front = [cam(inner, top, z), cam(outer, top, z), cam(outer, top + 0.7, z), cam(inner, top + 0.7, z)]
        draw.polygon(front, fill=fogged(mix(colour, (0, 0, 0), 0.25), z))
        # graphic panel on the wall: a plain colour block, no lettering
        gz0, gz1 = z + depth * 0.15, z + depth * 0.55
        panel = [
            cam(inner, top + 1.0, gz0),
            cam(inner, top + 1.0, gz1),
            cam(inner, floor - 1.1, gz1),
            cam(inner, floor - 1.1, gz0),
        ]
        draw.polygon(panel, fill=fogged(mix(colour, (20, 20, 30), 0.35), z))
        # counter in front of the wall
        cz0, cz1 = z + depth * 0.6, z + depth * 0.9
        ci = inner - 0.9 * side
        counter = [
            cam(ci, floor - 1.05, cz0),
            cam(ci, floor - 1.05, cz1),
            cam(ci, floor, cz1),
            cam(ci, floor, cz0),
        ]
        draw.polygon(counter, fill=fogged((238, 238, 240), cz0))
        draw.polygon(
            [
                cam(ci, floor - 1.05, cz0),
                cam(inner, floor - 1.05, cz0),
                cam(inner, floor, cz0),
                cam(ci, floor, cz0),
            ],
            fill=fogged((210, 210, 214), cz0),
        )
        draw.line(
            [cam(ci, floor - 1.05, cz0), cam(ci, floor - 1.05, cz1)],
            fill=fogged(colour, cz0),
            width=max(1, round(30 / cz0)),
        )
        for k in range(2):
            bz = z + depth * (0.2 + 0.25 * k)
            bx = inner - (0.8 + 0.2 * k) * side
            shade = mix(colour, (255, 255, 255), rng.uniform(0.0, 0.4))
            box = [
                cam(bx, floor - 1.4, bz),
                cam(bx, floor - 1.4, bz + 0.7),
                cam(bx, floor, bz + 0.7),
                cam(bx, floor, bz),
            ]
            draw.polygon(box, fill=fogged(shade, bz))

    return paint


def _person(
    draw: ImageDraw.ImageDraw,
    cam: Camera,
    x: float,
    z: float,
    floor: float,
    rng: random.Random,
    fogged: Callable[[RGB, float], RGB],
) -> Callable[[], None]:
    """A visitor's silhouette standing on the floor, as a deferred painter."""
    height = rng.uniform(1.6, 1.9)
    coat = rng.choice(
        [
            (40, 44, 56),
            (70, 74, 84),
            (120, 40, 40),
            (30, 60, 100),
            (160, 150, 130),
            (60, 90, 70),
            (200, 200, 205),
        ]
    )
    legs = rng.choice([(30, 32, 40), (50, 54, 66), (90, 80, 70)])
    skin = rng.choice([(224, 186, 160), (200, 160, 130), (236, 200, 176)])
    hair = rng.choice([(40, 30, 24), (90, 60, 40), (150, 140, 130), (20, 20, 20)])

    def paint() -> None:
        head = height * 0.13
        shoulders = floor - height + head
        hips = floor - height * 0.47
        half = 0.23
        body_left, body_top = cam(x - half, shoulders, z)
        body_right, body_bottom = cam(x + half, hips, z)
        draw.rounded_rectangle(
            (body_left, body_top, body_right, body_bottom),
            radius=max(1, (body_right - body_left) * 0.3),
            fill=fogged(coat, z),
        )
        ll, lt = cam(x - half * 0.8, hips - 0.05, z)
        lr, lb = cam(x + half * 0.8, floor, z)
        mid = (ll + lr) / 2
        gapw = max(1.0, (lr - ll) * 0.08)
        draw.rectangle((ll, lt, mid - gapw, lb), fill=fogged(legs, z))
        draw.rectangle((mid + gapw, lt, lr, lb), fill=fogged(legs, z))
        hx, hy = cam(x, shoulders - head * 0.55, z)
        hr = cam(x + head * 0.42, 0, z)[0] - hx
        draw.ellipse((hx - hr, hy - hr * 1.2, hx + hr, hy + hr * 1.2), fill=fogged(skin, z))
        draw.chord((hx - hr, hy - hr * 1.25, hx + hr, hy + hr * 0.9), 180, 360, fill=fogged(hair, z))

    return paint


def beach(size: tuple[int, int], seed: int) -> Image.Image:
    """A Baltic beach: sky with clouds, sea with waves and foam, sand, a dune with grass, umbrellas."""
    rng = random.Random(seed)
    w, h = size
    horizon, shore = round(h * 0.4), round(h * 0.6)
    img = vertical_gradient(
        size,
        [
            (0, (74, 140, 206)),
            (horizon / h, (206, 228, 242)),
            (horizon / h + 0.002, (40, 92, 132)),
            (shore / h, (80, 158, 176)),
            (shore / h + 0.002, (196, 176, 140)),
            (0.72, (222, 204, 166)),
            (1, (236, 220, 186)),
        ],
    )
    draw = ImageDraw.Draw(img)

    def clouds(d: ImageDraw.ImageDraw) -> None:
        for _ in range(7):
            cx, cy = rng.uniform(0, w), rng.uniform(h * 0.06, h * 0.3)
            for _ in range(9):
                rx, ry = rng.uniform(w * 0.03, w * 0.08), rng.uniform(h * 0.015, h * 0.035)
                ox, oy = rng.uniform(-w * 0.07, w * 0.07), rng.uniform(-h * 0.02, h * 0.01)
                d.ellipse((cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry), fill=(150, 140, 120))

    img = glow(img, clouds, radius=w / 120)
    draw = ImageDraw.Draw(img)
    # waves: light streaks, thicker and further apart towards the shore
    for _ in range(260):
        t = rng.random() ** 1.7
        y = horizon + (shore - horizon) * t
        length = w * (0.02 + 0.12 * t) * rng.uniform(0.5, 1.5)
        x = rng.uniform(-length, w)
        colour = mix((70, 130, 160), (190, 226, 232), rng.uniform(0.2, 0.8))
        draw.line([(x, y), (x + length, y)], fill=colour, width=max(1, round(1 + 5 * t)))
    # surf: two wavy foam lines and the wet sand
    draw.rectangle((0, shore, w, shore + h * 0.05), fill=(176, 160, 130))
    for k, (offset, width) in enumerate(((0.0, h * 0.014), (-0.03, h * 0.008))):
        base = shore + h * offset
        pts = [
            (x, base + h * 0.006 * math.sin(x / w * 19 + k * 2) + h * 0.004 * math.sin(x / w * 53))
            for x in range(0, w + 1, 4)
        ]
        draw.line(pts, fill=(246, 248, 244), width=round(width))
    # dune with marram grass on the right
    dune = [(w * 0.58, h), (w * 0.72, h * 0.66), (w * 0.84, h * 0.56), (w * 1.0, h * 0.52), (w, h)]
    draw.polygon(dune, fill=(214, 194, 150))
    for _ in range(900):
        gx = rng.uniform(w * 0.62, w)
        ground = h * 0.52 + (w - gx) / (w * 0.42) * h * 0.3 + rng.uniform(-h * 0.02, h * 0.1)
        ground = max(ground, h * 0.53)
        blade = rng.uniform(h * 0.03, h * 0.09)
        lean = rng.uniform(-blade * 0.5, blade * 0.6)
        colour = mix((96, 120, 60), (176, 170, 96), rng.random())
        draw.line([(gx, ground), (gx + lean, ground - blade)], fill=colour, width=rng.choice((2, 2, 3)))
    # boardwalk to the sea, in the foreground left
    planks = 14

    def walk_x(t: float) -> float:  # the walk's centre line, from the bottom edge (0) to the sand (1)
        return w * (0.02 + 0.25 * t)

    for i in range(planks):
        t0, t1 = i / planks, (i + 0.82) / planks
        y0, y1 = h - (h * 0.3) * t0**0.8, h - (h * 0.3) * t1**0.8
        half0, half1 = w * 0.11 * (1 - 0.7 * t0), w * 0.11 * (1 - 0.7 * t1)
        shade = mix((150, 112, 76), (186, 150, 108), rng.random())
        draw.polygon(
            [
                (walk_x(t0) - half0, y0),
                (walk_x(t0) + half0, y0),
                (walk_x(t1) + half1, y1),
                (walk_x(t1) - half1, y1),
            ],
            fill=shade,
        )
    # umbrellas and towels on the sand
    for ux, uy, scale, colours in (
        (0.35, 0.7, 1.0, ((230, 60, 50), (250, 250, 250))),
        (0.5, 0.66, 0.75, ((40, 120, 200), (250, 220, 60))),
        (0.2, 0.64, 0.6, ((40, 160, 110), (250, 250, 250))),
    ):
        x, y, r = w * ux, h * uy, w * 0.07 * scale
        draw.polygon(
            [
                (x - r * 0.7, y + r * 0.55),
                (x + r * 0.2, y + r * 0.62),
                (x + r * 0.5, y + r * 0.9),
                (x - r * 0.5, y + r * 0.85),
            ],
            fill=mix(colours[0], (255, 255, 255), 0.3),
        )
        draw.line(
            [(x, y - r * 0.92), (x + r * 0.05, y + r * 0.7)], fill=(90, 80, 70), width=max(2, round(r / 18))
        )
        dome = (x - r, y - r * 0.5 - r * 0.42, x + r, y - r * 0.5 + r * 0.42)
        for seg in range(8):
            draw.pieslice(dome, 180 + seg * 22.5, 180 + (seg + 1) * 22.5, fill=colours[seg % 2])
    # walkers far along the water line
    for _ in range(7):
        x, y = rng.uniform(w * 0.05, w * 0.6), shore + rng.uniform(-h * 0.01, h * 0.04)
        s = h * rng.uniform(0.03, 0.05)
        colour = rng.choice([(40, 40, 50), (180, 60, 50), (240, 240, 240), (40, 80, 140)])
        draw.rectangle((x - s * 0.12, y - s * 0.75, x + s * 0.12, y - s * 0.3), fill=colour)
        draw.rectangle((x - s * 0.1, y - s * 0.3, x + s * 0.1, y), fill=(60, 50, 45))
        draw.ellipse((x - s * 0.1, y - s * 0.98, x + s * 0.1, y - s * 0.76), fill=(210, 170, 140))
    img = img.filter(ImageFilter.GaussianBlur(0.9))
    img = glow(
        img, lambda d: d.ellipse((w * 0.75, -h * 0.2, w * 1.15, h * 0.2), fill=(90, 80, 50)), radius=w / 12
    )
    return add_grain(vignette(img, 0.25), rng, 6)


def football(size: tuple[int, int], seed: int) -> Image.Image:
    """A youth football match: trees, a fence, a striped pitch in perspective, a goal and players."""
    rng = random.Random(seed)
    w, h = size
    cam = Camera(w * 0.5, h * 0.3, w * 0.9)
    eye = 3.0
    _, horizon = cam(0, 0, 1)
    img = vertical_gradient(size, [(0, (96, 160, 220)), (0.35, (200, 226, 240)), (1, (200, 226, 240))])
    draw = ImageDraw.Draw(img)
    # tree line behind the far touchline
    tree_base = cam(0, eye, 60)[1]

    def trees(d: ImageDraw.ImageDraw) -> None:
        for _ in range(140):
            x = rng.uniform(-w * 0.05, w * 1.05)
            r = rng.uniform(h * 0.04, h * 0.09)
            y = tree_base - rng.uniform(0, h * 0.1)
            d.ellipse((x - r, y - r, x + r, y + r), fill=mix((34, 70, 40), (90, 130, 70), rng.random()))

    trees(draw)
    img = img.filter(ImageFilter.GaussianBlur(2.2))
    draw = ImageDraw.Draw(img)
    # the pitch: mown stripes across the view, nearer stripes taller
    pitch_far = 60.0
    z = pitch_far
    stripe = 0
    near_y = cam(0, eye, pitch_far)[1]
    draw.rectangle((0, near_y, w, h), fill=(70, 140, 60))
    while z > 2.0:
        z_next = z - 4.0
        y0, y1 = cam(0, eye, z)[1], cam(0, eye, max(z_next, 0.5))[1]
        draw.rectangle((0, y0, w, y1), fill=(74, 150, 64) if stripe % 2 else (92, 166, 76))
        z, stripe = z_next, stripe + 1
    # fence at the far end
    fence_top, fence_bottom = cam(0, eye - 1.2, pitch_far + 2)[1], cam(0, eye, pitch_far + 2)[1]
    draw.rectangle((0, fence_top, w, fence_bottom), fill=(150, 160, 150))
    for xi in range(-60, 61, 3):
        px = cam(xi, 0, pitch_far + 2)[0]
        draw.line([(px, fence_top), (px, fence_bottom)], fill=(110, 116, 110), width=2)
    # lines: far goal line, penalty area, goal area, centre circle arc near the viewer
    white = (244, 246, 240)

    def line_w(zz: float) -> int:  # painted lines are about 10 cm wide
        return max(2, round(60 / zz))

    goal_z = pitch_far - 2

    def ground_line(points: Sequence[tuple[float, float]]) -> None:
        for (x0, z0), (x1, z1) in pairwise(points):
            draw.line([cam(x0, eye, z0), cam(x1, eye, z1)], fill=white, width=line_w(min(z0, z1)))

    ground_line([(-60, goal_z), (60, goal_z)])
    ground_line([(-20, goal_z), (-20, goal_z - 16), (20, goal_z - 16), (20, goal_z)])
    ground_line([(-9, goal_z), (-9, goal_z - 5.5), (9, goal_z - 5.5), (9, goal_z)])
    arc = [(9 * math.cos(a), goal_z - 16 - 5 * math.sin(a)) for a in [i * math.pi / 24 for i in range(25)]]
    ground_line([(x, z) for x, z in arc if z <= goal_z - 16])
    ground_line([(-60, 6), (60, 6)])
    # the goal: posts, crossbar and net
    post, bar = 3.66, eye - 2.44
    net = (236, 236, 236)
    for i in range(0, 25):
        x = -post + i * (2 * post / 24)
        draw.line([cam(x, bar, goal_z + 1.5), cam(x, eye, goal_z + 1.8)], fill=net, width=1)
    for j in range(0, 10):
        y = bar + j * (eye - bar) / 9
        draw.line([cam(-post, y, goal_z + 1.5), cam(post, y, goal_z + 1.5)], fill=net, width=1)
    for x in (-post, post):
        draw.line([cam(x, bar, goal_z), cam(x, eye, goal_z)], fill=white, width=5)
    draw.line([cam(-post, bar, goal_z), cam(post, bar, goal_z)], fill=white, width=5)
    # players: two teams at various depths, drawn far to near
    players: list[tuple[float, float, RGB, RGB]] = []
    for _ in range(9):
        players.append((rng.uniform(-14, 14), 12 + 40 * rng.random() ** 1.4, (214, 44, 44), (250, 250, 250)))
    for _ in range(8):
        players.append((rng.uniform(-14, 14), 12 + 40 * rng.random() ** 1.4, (30, 80, 180), (20, 30, 60)))
    players.append((0.0, goal_z - 0.8, (240, 200, 30), (30, 30, 30)))  # goalkeeper
    for x, z, shirt, shorts in sorted(players, key=lambda p: -p[1]):
        height = rng.uniform(1.35, 1.6)
        stride = rng.uniform(-0.25, 0.25)
        top = eye - height
        head_r = cam(0.11, 0, z)[0] - cam(0, 0, z)[0]
        hx, hy = cam(x, top + 0.12, z)
        sl, st = cam(x - 0.19, top + 0.25, z)
        sr, sb = cam(x + 0.19, top + height * 0.55, z)
        draw.rounded_rectangle((sl, st, sr, sb), radius=max(1, (sr - sl) * 0.25), fill=shirt)
        pl, pt = cam(x - 0.17, top + height * 0.55, z)
        pr, pb = cam(x + 0.17, top + height * 0.68, z)
        draw.rectangle((pl, pt, pr, pb), fill=shorts)
        leg_w = max(2, round((pr - pl) * 0.32))
        for dx, lean in ((-0.08, -stride), (0.08, stride)):
            draw.line(
                [cam(x + dx, top + height * 0.68, z), cam(x + dx + lean, eye, z)],
                fill=(230, 190, 160),
                width=leg_w,
            )
            fx, fy = cam(x + dx + lean, eye, z)
            draw.ellipse((fx - leg_w, fy - leg_w * 0.6, fx + leg_w, fy + leg_w * 0.3), fill=(30, 30, 30))
        draw.ellipse((hx - head_r, hy - head_r, hx + head_r, hy + head_r), fill=(226, 186, 156))
    ball_z = 16.0
    bx, by = cam(rng.uniform(-3, 3), eye - 0.11, ball_z)
    br = cam(0.11, 0, ball_z)[0] - cam(0, 0, ball_z)[0]
    draw.ellipse((bx - br, by - br, bx + br, by + br), fill=(252, 252, 252), outline=(40, 40, 40))
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    return add_grain(vignette(img, 0.3), rng, 6)


@dataclass(frozen=True)
class PhotoSpec:
    """One illustrative photo: file, approximate printed size in mm, painter and seed."""

    name: str
    width_mm: float
    height_mm: float
    paint: Callable[[tuple[int, int], int], Image.Image]
    seed: int

    @property
    def size(self) -> tuple[int, int]:
        return mm_px(self.width_mm), mm_px(self.height_mm)


PHOTOS = (
    PhotoSpec("images/minsk-expo.jpg", 230.0, 144.0, exhibition_hall, 2025),  # up to a 4-column lead
    PhotoSpec("images/beach-season.jpg", 170.0, 119.0, beach, 7),
    PhotoSpec("images/youth-football.jpg", 170.0, 119.0, football, 11),
)


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "issues" / "sample",
        help="issue folder to write ads/ and images/ into (default: issues/sample)",
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    for ad in ADS:
        image = Image.new("RGB", ad.size, (255, 255, 255))
        ad.draw(image)
        save(image, out / ad.name)
        print(f"{ad.name}: {ad.size[0]}×{ad.size[1]} px ({ad.mm[0]:.1f} × {ad.mm[1]:.1f} mm at {DPI} ppi)")
    for photo in PHOTOS:
        image = photo.paint(photo.size, photo.seed)
        assert image.size == photo.size, (photo.name, image.size)
        save(image, out / photo.name)
        print(f"{photo.name}: {photo.size[0]}×{photo.size[1]} px ({photo.width_mm} × {photo.height_mm} mm)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
