"""Placeholders in the furniture the pages print: warnings, errors under --strict."""

from __future__ import annotations

import dataclasses
import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from volna_print.printing.checks import check_placeholders, is_placeholder
from volna_print.printing.commands import preflight

from .conftest import SAMPLE, have


def test_blanks_and_sample_values_are_placeholders():
    assert is_placeholder("19__") and is_placeholder("ОБРАЗЕЦ: адрес") and is_placeholder("образец")
    assert not is_placeholder("1931") and not is_placeholder("238530, Зеленоградск, ул. Ленина, 20")


def test_the_founding_year_and_sample_values_are_flagged_where_they_print(sample_build):
    found = check_placeholders(sample_build)
    by_key = {f.message.split(" — заглушка")[0]: f for f in found}
    founded = by_key["paper.yaml founded"]
    assert (founded.level, founded.page, founded.subject) == ("warning", 1, "шапка")
    assert "заглушка «19__», она печатается в шапке: «Издаётся с … года»" in founded.message
    editor = by_key["paper.yaml imprint.editor_in_chief"]
    assert (editor.page, editor.subject) == (4, "выходные данные")
    assert {f.level for f in check_placeholders(sample_build, strict=True)} == {"error"}


def test_real_values_pass(sample_build):
    paper = sample_build.issue.paper
    imprint = dataclasses.replace(
        paper.imprint,
        **{k: "ООО «Волна»" for k in ("publisher", "publisher_address", "editor_in_chief", "printer")},
        printer_address="Калининград, ул. Типографская, 1",
        registration="ПИ № ТУ 39-01234 от 01.02.2003",
        founders=("Администрация округа",),
    )
    issue = dataclasses.replace(sample_build.issue, paper=dataclasses.replace(paper, founded="1931", imprint=imprint))
    assert check_placeholders(SimpleNamespace(issue=issue, layout=sample_build.layout), strict=True) == []


@pytest.mark.skipif(not have("gs"), reason="ghostscript is installed by make test")
def test_preflight_strict_makes_placeholders_errors():
    result = CliRunner().invoke(preflight, [str(SAMPLE), "--strict", "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    errors = [f for f in report["findings"] if f["level"] == "error"]
    assert errors and {f["check"] for f in errors} <= {"placeholder", "overset"}
    assert any(f["check"] == "placeholder" and f["subject"] == "шапка" for f in errors)
