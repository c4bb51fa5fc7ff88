"""The manifest schema: one table per mapping, which both the loaders and docs/manifest.md are made from."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from PIL import Image

from volna_print.manifest import schema
from volna_print.manifest.fields import Fields
from volna_print.manifest.issue import ISSUE_KEYS, load_issue
from volna_print.manifest.kinds import Table
from volna_print.manifest.model import PAGE_TEMPLATES
from volna_print.manifest.schema import (
    AdKeys,
    FrameKeys,
    ImageKeys,
    IssueKeys,
    ModuleLineKeys,
    ReservedRowKeys,
    reference_markdown,
    with_reference,
)
from volna_print.manifest.source import Problems, parse_yaml

from .conftest import MANIFEST
from .test_manifest import problems

DOC = Path(__file__).resolve().parents[1] / "docs" / "manifest.md"
TABLES = [t for t in vars(schema).values() if isinstance(t, type) and issubclass(t, Table) and t is not Table]


def test_the_docs_key_reference_is_the_schemas():
    text = DOC.read_text(encoding="utf-8")
    assert with_reference(text) == text, (
        "docs/manifest.md is out of date with src/volna_print/manifest/schema.py: run python scripts/manifest_doc.py")


def test_a_changed_key_puts_the_docs_out_of_date(monkeypatch):
    text = DOC.read_text(encoding="utf-8")
    changed = dataclasses.replace(IssueKeys.number, doc="номер выпуска")
    monkeypatch.setattr(IssueKeys, "specs", tuple(changed if s is IssueKeys.number else s for s in IssueKeys.specs))
    fresh = with_reference(text)
    assert fresh != text and "| номер выпуска |" in fresh


def test_only_the_marked_section_is_rewritten():
    text = "# Prose\nkept\n<!-- schema:begin -->\nstale table\n<!-- schema:end -->\nmore prose\n"
    fresh = with_reference(text)
    assert fresh.startswith("# Prose\nkept\n<!-- schema:begin -->\n<!-- Written by scripts/manifest_doc.py")
    assert fresh.endswith("\n<!-- schema:end -->\nmore prose\n") and "stale table" not in fresh
    assert "| `print_run` | whole number ≥ 1 | **required** | тираж | `print_run: 3500` |" in fresh
    with pytest.raises(ValueError, match="schema:begin"):
        with_reference("# no markers\n")


def test_every_key_is_described_for_developers_and_for_editors():
    assert len(TABLES) >= 20
    for table in TABLES:
        assert table.title and table.specs, table.__name__
        for spec in table.specs:
            assert spec.about and spec.doc and spec.example, f"{table.__name__}.{spec.name}"
            assert not (spec.required and (spec.default is not None or spec.default_doc)), spec.name


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.__name__)
def test_every_example_is_valid_by_the_schema(table: type[Table]):
    for spec in table.specs:
        found = Problems()
        doc = parse_yaml(f"{spec.name}: {spec.example}\n", "example.yaml", found)
        assert doc is not None, found.messages
        fields = Fields(doc, (), doc.data, found, table)
        assert fields.get(spec) is not None and not found.messages, (spec.name, found.messages)


def test_unknown_keys_are_listed_in_the_schemas_order(make_issue):
    assert ISSUE_KEYS == IssueKeys.names()
    folder = make_issue(MANIFEST + "qqqqqqqq: 1\n")
    assert problems(folder) == [
        "issue.yaml:19:1: qqqqqqqq: неизвестный ключ; возможные ключи: paper, number, total, date, weather, price, age_mark, "
        "print_run, signed_to_print, order, pages, articles, ads"]


def test_grid_keys_are_one_per_page_template():
    assert ModuleLineKeys.names() == ReservedRowKeys.names() == PAGE_TEMPLATES


def jpeg() -> bytes:
    """Return a small white JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def test_defaults_come_from_the_schema(make_issue):
    manifest = MANIFEST.replace("ads: []\n", "ads:\n  - file: ads/x.jpg\n    size: 1x1\n    page: 4\n")
    article = "---\nheadline: Заголовок\nimages:\n  - file: images/p.jpg\n---\nТекст.\n"
    issue = load_issue(make_issue(manifest, {"ads/x.jpg": jpeg(), "images/p.jpg": jpeg(), "articles/a.md": article}))
    assert (issue.ads[0].label, issue.ads[0].fit) == (AdKeys.label.default, AdKeys.fit.default) == ("Реклама", "contain")
    assert issue.articles[0].images[0].shrink is ImageKeys.shrink.default is True


def test_the_reference_names_bounds_known_only_at_load_time():
    text = reference_markdown((FrameKeys,))
    assert "| `col` | whole number 1 – the grid's columns | **required** |" in text
