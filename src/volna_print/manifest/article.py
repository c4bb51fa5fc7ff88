"""Read an article file: YAML front matter, then a Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, os_reason
from ..typography import typeset
from .assets import asset_path
from .body import check_body
from .docx import WordError, convert
from .fields import Fields, describe
from .kinds import Text
from .model import FOCUS_WORDS, Image
from .schema import FrontKeys, ImageKeys
from .source import Mark, Problems, display_path, parse_yaml, read_text

ASPECT_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[:/xх×]\s*(\d+(?:[.,]\d+)?)\s*$")


@dataclass(frozen=True)
class ArticleText:
    """What an article file says, before it is placed."""

    rubric: str | None
    headline: str
    subhead: str | None
    source: str | None
    byline: str | None
    images: tuple[Image, ...]
    body: str


def load_article(root: Path, path: Path, problems: Problems) -> ArticleText | None:
    """Read and check one article file; report problems with their lines."""
    shown = display_path(path)
    text = read_word(root, path, shown, problems) if path.suffix.lower() == ".docx" else read_text(path, shown, problems)
    if text is None:
        return None
    front, body, offset = split_front_matter(text)
    if front is None:
        problems.error(Mark(shown, offset or 1, 1), "", _no_front_matter(offset))
        return None
    count = len(problems.messages)
    doc = parse_yaml(front, shown, problems, line_offset=offset)
    if doc is None:
        return None
    fields = Fields(doc, (), doc.data, problems, FrontKeys)
    headline = fields.get(FrontKeys.headline)
    listed = FrontKeys.images
    images = tuple(filter(None, (_image(root, fields.entry(listed, i, item)) for i, item in
                                 enumerate(fields.get(listed) or []))))
    body_line = offset + front.count("\n") + 2
    if not body.strip():
        problems.error(Mark(shown, body_line, 1), "", _("the article has no text after its front matter"))
    check_body(body, shown, body_line, problems)
    article = ArticleText(
        rubric=shown_text(fields, FrontKeys.rubric), headline=typeset(headline or ""),
        subhead=shown_text(fields, FrontKeys.subhead), source=shown_text(fields, FrontKeys.source),
        byline=shown_text(fields, FrontKeys.byline), images=images, body=body,
    )
    return article if len(problems.messages) == count else None


def read_word(root: Path, path: Path, shown: str, problems: Problems) -> str | None:
    """Convert a Word article to our Markdown (pictures go to images/); lines in messages are the Markdown's."""
    try:
        return convert(path, root, path.stem)
    except WordError as exc:
        problems.error(Mark(shown, 1, 1), "", str(exc))
    except OSError as exc:
        problems.error(Mark(shown, 1, 1), "", _("cannot read the file: {reason}").format(reason=os_reason(exc)))
    return None


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split '---' front matter from the body; return (front, body, lines before the front).

    Blank lines before the opening '---' are allowed. When there is no front matter the count is 0; when
    it is opened but never closed, the count is the line of the opening '---' and front is None.
    """
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if start == len(lines) or lines[start].strip() != "---":
        return None, text, 0
    for index in range(start + 1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[start + 1:index]) + "\n", "\n".join(lines[index + 1:]), start + 1
    return None, text, start + 1


def _no_front_matter(opened: int) -> str:
    """Explain a missing or unclosed front matter block."""
    if opened:
        return _('the front matter opened by "---" on this line is never closed; add a line "---" after its keys')
    return _('no front matter: start the file with a line "---", the keys (headline: …), and another "---"')


def _image(root: Path, fields: Fields) -> Image | None:
    """Read one entry of the images list."""
    path = asset_path(root, fields, ImageKeys.file)
    if path is None:
        return None
    cols, shrink = fields.get(ImageKeys.cols), fields.value(ImageKeys.shrink)
    return Image(file=path, caption=shown_text(fields, ImageKeys.caption), credit=shown_text(fields, ImageKeys.credit),
                 cols=cols, aspect=_aspect(fields), focus=_focus(fields), shrink=shrink)


def _aspect(fields: Fields) -> float | None:
    """Read an aspect ratio written as 3:2 (width:height) or as a number (1.5)."""
    value = fields.get(ImageKeys.aspect)
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and 0.2 <= value <= 5:
        return float(value)
    match = ASPECT_RE.match(str(value)) if isinstance(value, str) else None
    if match:
        ratio = float(match[1].replace(",", ".")) / max(float(match[2].replace(",", ".")), 1e-9)
        if 0.2 <= ratio <= 5:
            return ratio
    fields.error("aspect", _('expected width:height such as "3:2" or "4:5" (0.2 to 5), got {value}').format(
        value=describe(value)))
    return None


def _focus(fields: Fields) -> tuple[float, float] | None:
    """Read the point that must stay when cropping: top, center, bottom, or [x, y] fractions."""
    value = fields.get(ImageKeys.focus)
    if value is None:
        return None
    if isinstance(value, str) and value.strip() in FOCUS_WORDS:
        return FOCUS_WORDS[value.strip()]
    if (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1 for v in value)):
        return float(value[0]), float(value[1])
    fields.error("focus", _("expected top, center, bottom or [x, y] with fractions 0–1, got {value}").format(
        value=describe(value)))
    return None


def shown_text(fields: Fields, spec: Text) -> str | None:
    """Read a text the paper prints, typeset once here so that the PDF, reports and preview all show the same."""
    value = fields.get(spec)
    return typeset(value) if value else value
