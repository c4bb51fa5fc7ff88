"""Colour for the press: pictures and flat colours to the printer's CMYK, within its ink limit."""

from __future__ import annotations

import hashlib
import io

import numpy as np
from PIL import Image, ImageCms

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

    @property
    def target(self) -> float:
        """Return the total ink in % pictures are held at: the limit less the margin JPEG noise may eat."""
        return self.settings.ink_limit - self.settings.ink_margin

    def picture(self, image: Image.Image, source_icc: bytes | None = None) -> Image.Image:
        """Return a picture ready for the press: CMYK (or grey, kept as one ink), flattened, within the limit.

        A CMYK picture without its own profile is taken as made for this press: left as delivered when it is
        within the limit, otherwise only held under it (grey into black first).
        """
        image = flatten(image)
        if image.mode == "L":
            return image
        if image.mode == "CMYK" and not source_icc:
            return image if max_ink(image) <= self.settings.ink_limit else limit_ink(image, self.target)
        if image.mode not in ("RGB", "CMYK"):
            image = image.convert("RGB")
        try:
            converted = ImageCms.applyTransform(image, self._transform(source_icc, image.mode))
        except ImageCms.PyCMSError:  # a broken embedded profile: fall back to sRGB rather than fail
            converted = ImageCms.applyTransform(image.convert("RGB"), self._transform(None, "RGB"))
        assert converted is not None
        return limit_ink(converted, self.target)

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
                self._flat[key] = tuple(round(v / 255, 4) for v in cmyk)  # type: ignore[assignment]  # four components, as the CMYK tuple type says
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


def total_ink(image: Image.Image) -> np.ndarray:
    """Return the total ink C+M+Y+K of every pixel of a CMYK picture, in 8-bit steps (0–1020; 2.55 a %)."""
    return np.asarray(image, dtype=np.uint16).sum(axis=2)


def max_ink(image: Image.Image) -> float:
    """Return the highest total ink of any one pixel of a CMYK picture, in %."""
    return float(total_ink(image).max()) / 2.55 if image.width and image.height else 0.0


def limit_ink(image: Image.Image, limit: float) -> Image.Image:
    """Hold C+M+Y+K of every pixel at or under limit %: move the grey part of CMY into black, then thin CMY.

    A picture already within the limit is returned as it is.
    """
    top = limit * 255 / 100
    data = np.asarray(image, dtype=np.float64)
    if data.sum(axis=2).max() <= top:
        return image
    c, m, y, k = (data[..., i] for i in range(4))
    # GCR: half the excess comes out of C, M and Y alike (3 parts out, 1 part into K), as far as there is grey.
    excess = np.maximum(c + m + y + k - top, 0.0)
    grey = np.minimum(np.minimum(np.minimum(c, m), y), np.minimum(excess / 2, 255.0 - k))
    c, m, y, k = c - grey, m - grey, y - grey, k + grey
    # What is still over (a saturated colour has little grey) is taken from C, M and Y in proportion.
    room = np.maximum(top - k, 0.0)
    factor = np.minimum(room / np.maximum(c + m + y, 1.0), 1.0)
    out = np.stack([c * factor, m * factor, y * factor, k], axis=2)
    # Truncate rather than round to 8 bits, so that rounding never lifts a pixel over the limit.
    return Image.fromarray(np.floor(out).astype(np.uint8), "CMYK")
