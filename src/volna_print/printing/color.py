"""Colour for the press: pictures and flat colours to the printer's CMYK, within its ink limit."""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageCms, ImageMath

from .settings import PrintSettings

WHITE: dict[str, tuple[int, ...] | int] = {"RGB": (255, 255, 255), "CMYK": (0, 0, 0, 0), "L": 255}


class Converter:
    """Convert RGB to the output profile's CMYK (Pillow ImageCms, LittleCMS) and hold the ink limit."""

    def __init__(self, settings: PrintSettings) -> None:
        self.settings = settings
        self.profile_bytes = settings.icc_profile.read_bytes()
        self.output = ImageCms.ImageCmsProfile(io.BytesIO(self.profile_bytes))
        self.description = ImageCms.getProfileDescription(self.output).strip() or settings.icc_profile.name
        self._transforms: dict[str, ImageCms.ImageCmsTransform] = {}
        self._flat: dict[tuple[float, float, float], tuple[float, float, float, float]] = {}

    def _transform(self, source_icc: bytes | None, mode: str) -> ImageCms.ImageCmsTransform:
        """Return (and cache) the transform from a source profile (sRGB when None) to the output."""
        key = mode + (hashlib.sha256(source_icc).hexdigest() if source_icc else "")
        if key not in self._transforms:
            source = (
                ImageCms.ImageCmsProfile(io.BytesIO(source_icc))
                if source_icc
                else ImageCms.createProfile("sRGB")
            )
            relative = self.settings.rendering_intent == "relative"
            intent = ImageCms.Intent.RELATIVE_COLORIMETRIC if relative else ImageCms.Intent.PERCEPTUAL
            flags = ImageCms.Flags.BLACKPOINTCOMPENSATION if relative else ImageCms.Flags.NONE
            self._transforms[key] = ImageCms.buildTransform(
                source, self.output, mode, "CMYK", renderingIntent=intent, flags=flags
            )
        return self._transforms[key]

    def picture(
        self, image: Image.Image, source_icc: bytes | None = None, headroom: float = 0.0
    ) -> Image.Image:
        """Return a picture ready for the press: CMYK (or grey, kept as one ink), flattened, within the limit.

        A CMYK picture without its own profile is taken as made for this press and left as delivered.
        """
        image = flatten(image)
        if image.mode == "L":
            return image
        if image.mode == "CMYK" and not source_icc:
            return image
        if image.mode not in ("RGB", "CMYK"):
            image = image.convert("RGB")
        try:
            converted = ImageCms.applyTransform(image, self._transform(source_icc, image.mode))
        except ImageCms.PyCMSError:  # a broken embedded profile: fall back to sRGB rather than fail
            converted = ImageCms.applyTransform(image.convert("RGB"), self._transform(None, "RGB"))
        assert converted is not None
        return limit_ink(converted, self.settings.ink_limit - headroom)

    def rgb(self, red: float, green: float, blue: float) -> tuple[float, float, float, float]:
        """Return the CMYK of a flat RGB colour (0–1); neutral greys become pure K, as text must be."""
        key = (round(red, 4), round(green, 4), round(blue, 4))
        if key not in self._flat:  # cached: a page sets the same few colours hundreds of times
            if key[0] == key[1] == key[2]:
                self._flat[key] = (0.0, 0.0, 0.0, round(1.0 - key[0], 4))
            else:
                pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in key))
                cmyk = self.picture(pixel).getpixel((0, 0))
                assert isinstance(cmyk, tuple)
                self._flat[key] = tuple(round(v / 255, 4) for v in cmyk)  # type: ignore[assignment]
        return self._flat[key]


def flatten(image: Image.Image) -> Image.Image:
    """Composite a picture with transparency onto white paper: PDF/X-1a allows no transparency."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBa", "La"):  # premultiplied alpha
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA"):
        base = "L" if image.mode == "LA" else "RGB"
        alpha = image.getchannel("A")
        return Image.composite(image.convert(base), Image.new(base, image.size, WHITE[base]), alpha)
    if image.mode in ("1", "I", "I;16", "F"):
        return image.convert("L")
    return image


def with_mask(image: Image.Image, mask: Image.Image) -> Image.Image:
    """Composite a picture onto white through a soft mask (a PDF SMask): opaque where the mask is white."""
    base = image.mode if image.mode in WHITE else "RGB"
    image = image.convert(base)
    if mask.size != image.size:
        mask = mask.resize(image.size, Image.Resampling.BILINEAR)
    return Image.composite(image, Image.new(base, image.size, WHITE[base]), mask.convert("L"))


def limit_ink(image: Image.Image, limit: float) -> Image.Image:
    """Hold C+M+Y+K at or under limit %: replace the grey part of CMY with black first, then thin CMY."""
    top = limit * 255 / 100
    c, m, y, k = (band.convert("F") for band in image.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    if total.getextrema()[1] <= top:
        return image

    def gcr(a):  # type: ignore[no-untyped-def]
        """Return how much grey to move from C, M and Y into K: half the excess, as far as there is grey."""
        excess = a["max"](a["c"] + a["m"] + a["y"] + a["k"] - top, 0.0)
        grey = a["min"](a["min"](a["c"], a["m"]), a["y"])
        return a["min"](a["min"](grey, excess / 2), 255.0 - a["k"])

    g = ImageMath.lambda_eval(gcr, c=c, m=m, y=y, k=k)
    c, m, y, k = (
        ImageMath.lambda_eval(lambda a: a["v"] + a["s"] * a["g"], v=band, s=sign, g=g)
        for band, sign in ((c, -1.0), (m, -1.0), (y, -1.0), (k, 1.0))
    )

    def thin(a):  # type: ignore[no-untyped-def]
        """Return the factor that thins C, M and Y to what the limit leaves beside K."""
        room = a["max"](top - a["k"], 0.0)
        return a["min"](room / a["max"](a["c"] + a["m"] + a["y"], 1.0), 1.0)

    factor = ImageMath.lambda_eval(thin, c=c, m=m, y=y, k=k)
    bands = [ImageMath.lambda_eval(lambda a: a["v"] * a["f"], v=band, f=factor) for band in (c, m, y)]
    # Truncate rather than round to 8 bits, so that rounding never lifts a pixel over the limit.
    return Image.merge("CMYK", [_to_8bit(band) for band in (*bands, k)])


def _to_8bit(band: Image.Image) -> Image.Image:
    """Return an 8-bit band from a float band, truncated."""
    return ImageMath.lambda_eval(lambda a: a["int"](a["v"]), v=band).convert("L")
