"""Next week's issue in one command, and check's word when an issue disagrees with the one before it."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from volna_print.cli import main
from volna_print.manifest.issue import load_issue

from .conftest import SAMPLE


def last_week(tmp_path):
    """Return a copy of the sample as last week's issue in an issues/ folder."""
    folder = tmp_path / "issues" / "2025-07-30-n31"
    shutil.copytree(SAMPLE, folder)
    return folder


def test_new_starts_next_weeks_issue_that_check_accepts(tmp_path):
    last = last_week(tmp_path)
    result = CliRunner().invoke(main, ["new", str(last)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "issues" / "2025-08-06-n32"
    assert result.output.strip() == str(folder)
    issue = load_issue(folder)
    assert (issue.number, issue.total, issue.date.isoformat()) == (32, 10246, "2025-08-06")
    assert (issue.signed_scheduled.isoformat(" ", "minutes"), issue.signed_actual.isoformat(" ", "minutes")) == \
        ("2025-08-05 18:00", "2025-08-05 17:40")
    assert [p.section for p in issue.pages] == [p.section for p in load_issue(last).pages]
    assert issue.articles == () and issue.ads == () and not issue.warnings
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    assert "#     - id: governor-minsk" in text  # last week's list, kept as comments for the editor
    assert all((folder / sub).is_dir() for sub in ("articles", "images", "ads"))
    check = CliRunner().invoke(main, ["check", str(folder)])
    assert check.exit_code == 0 and "warning" not in check.output


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    last = last_week(tmp_path)
    busy = tmp_path / "busy"
    (busy / "x").mkdir(parents=True)
    result = CliRunner().invoke(main, ["new", str(last), str(busy)])
    assert result.exit_code == 2 and "уже есть и не пуста; укажите другую папку" in result.output


def test_check_warns_when_the_number_date_or_signing_disagree(tmp_path):
    last_week(tmp_path)
    copy = tmp_path / "issues" / "2025-08-06"
    shutil.copytree(SAMPLE, copy)
    manifest = copy / "issue.yaml"
    text = manifest.read_text(encoding="utf-8").replace("date: 2025-07-30", "date: 2025-08-06")
    manifest.write_text(text, encoding="utf-8")  # number, total and the signing are last week's
    warnings = load_issue(copy).warnings
    assert any("number 31: предыдущий выпуск (2025-07-30-n31) — № 31; ожидался 32" in w for w in warnings)
    assert any("total 10245: предыдущий выпуск (2025-07-30-n31) — (10245); ожидался 10246" in w for w in warnings)
    assert any("signed_to_print.scheduled 2025-07-29 18:00 — за 8 дней до даты выхода 2025-08-06" in w
               for w in warnings)
    text = text.replace('scheduled: "2025-07-29 18:00"', 'scheduled: "2025-08-06 18:00"')
    manifest.write_text(text, encoding="utf-8")
    assert any("signed_to_print.scheduled 2025-08-06 18:00 — не раньше даты выхода" in w
               for w in load_issue(copy).warnings)


def test_a_neighbour_with_an_impossible_date_does_not_stop_check(tmp_path):
    broken = last_week(tmp_path)
    manifest = broken / "issue.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("date: 2025-07-30", "date: 2025-02-30"),
                        encoding="utf-8")  # last week's file is broken: this week's check must still run
    copy = tmp_path / "issues" / "2025-08-06"
    shutil.copytree(SAMPLE, copy)
    result = CliRunner().invoke(main, ["check", str(copy)])
    assert result.exit_code == 0 and result.exception is None, result.output
