"""Read an article file: YAML front matter, then a Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..typography import typeset
from .assets import IMAGE_SUFFIXES, asset_path
from .body import check_body
from .docx import WordError, convert
from .fields import Fields
from .model import Image
from .source import Mark, Problems, display_path, parse_yaml, read_text

FRONT_KEYS = ("rubric", "headline", "subhead", "source", "byline", "images")
IMAGE_KEYS = ("file", "caption", "credit")


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
    fields = Fields(doc, (), doc.data, problems, FRONT_KEYS)
    headline = fields.text("headline", True)
    images = tuple(filter(None, (_image(root, doc, i, item, problems) for i, item in
                                 enumerate(fields.items("images")))))
    body_line = offset + front.count("\n") + 2
    if not body.strip():
        problems.error(Mark(shown, body_line, 1), "", "the article has no text after its front matter")
    check_body(body, shown, body_line, problems)
    article = ArticleText(
        rubric=shown_text(fields, "rubric"), headline=typeset(headline or ""), subhead=shown_text(fields, "subhead"),
        source=shown_text(fields, "source"), byline=shown_text(fields, "byline"), images=images, body=body,
    )
    return article if len(problems.messages) == count else None


def read_word(root: Path, path: Path, shown: str, problems: Problems) -> str | None:
    """Convert a Word article to our Markdown (pictures go to images/); lines in messages are the Markdown's."""
    try:
        return convert(path, root, path.stem)
    except WordError as exc:
        problems.error(Mark(shown, 1, 1), "", str(exc))
    except OSError as exc:
        problems.error(Mark(shown, 1, 1), "", f"cannot read the file: {exc.strerror or exc}")
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
        return 'the front matter opened by "---" on this line is never closed; add a line "---" after its keys'
    return 'no front matter: start the file with a line "---", the keys (headline: …), and another "---"'


def _image(root: Path, doc, index: int, item: object, problems: Problems) -> Image | None:  # type: ignore[no-untyped-def]
    """Read one entry of the images list."""
    fields = Fields(doc, ("images", index), item, problems, IMAGE_KEYS)
    path = asset_path(root, fields, "file", IMAGE_SUFFIXES)
    if path is None:
        return None
    return Image(file=path, caption=shown_text(fields, "caption"), credit=shown_text(fields, "credit"))


def shown_text(fields: Fields, name: str) -> str | None:
    """Read a text the paper prints, typeset once here so that the PDF, reports and preview all show the same."""
    value = fields.text(name)
    return typeset(value) if value else value
