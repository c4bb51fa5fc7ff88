"""The preview server over plain HTTP: routes, page images, rebuilds, errors, and the path checks."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from markupsafe import escape

from volna_print import i18n
from volna_print.build import build
from volna_print.cli import main
from volna_print.preview import builder as builder_module
from volna_print.preview import views
from volna_print.preview.builder import parse_problems
from volna_print.preview.plan import plural, reader_spreads
from volna_print.preview.raster import page_digests
from volna_print.preview.server import safe_path
from volna_print.preview.session import Preview

from .conftest import ARTICLE, ROOT, SAMPLE, write_tree
from .conftest import MANIFEST as BASE_MANIFEST

MANIFEST = BASE_MANIFEST.split("articles:")[0] + """\
articles:
  - id: short
    file: articles/short.md
    page: 2
    frame: {col: 1, row: 1, cols: 2, rows: 3}
  - id: long
    file: articles/long.md
    page: 3
    frame: {col: 1, row: 1, cols: 1, rows: 2}
ads: []
"""
PRICE_LINE = MANIFEST.splitlines().index("price: Бесплатно") + 1
LONG = "---\nrubric: Город\nheadline: Длинный материал\n---\n" + "\n\n".join(
    f"Абзац {n}: текст, которому не хватит места в узкой колонке, пока редактор его не сократит." for n in range(40))
WAIT = 60.0  # generous limit for a build on a busy machine; not a measurement


def small_issue(root: Path) -> Path:
    """Write the small test issue: four pages, a short article on page 2 and an overset one on page 3."""
    return write_tree(root, {"issue.yaml": MANIFEST, "articles/short.md": ARTICLE, "articles/long.md": LONG})


@contextmanager
def running(issue: Path, watch: bool = False, preflight: bool = False) -> Iterator[Preview]:
    """Run a preview of issue on a free loopback port until the block ends; the first build is done.

    The background preflight is off unless a test asks for it: it takes seconds of the two cores per build.
    """
    with Preview(issue, port=0, watch=watch, preflight=preflight) as preview:
        assert preview.builder.current(WAIT) is not None
        yield preview


def get(preview: Preview, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Send a GET with the path exactly as given (no normalisation) and return status, headers and body."""
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=WAIT)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def state(preview: Preview) -> dict[str, Any]:
    """Return /api/state as data."""
    status, _, body = get(preview, "/api/state")
    assert status == 200
    return json.loads(body)


def checked(preview: Preview, version: int | None = None) -> dict[str, Any]:
    """Wait for the preflight of the current build (or of a build of at least version) and return the state."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        current = state(preview)
        if current.get("preflight") not in (None, "running") and (version is None or current["version"] >= version):
            return current
        time.sleep(0.1)
    raise AssertionError("the preflight did not finish")


def findings_of(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Return findings as comparable rows: level, check, message, page, subject."""
    return sorted((f["level"], f["check"], f["message"], f["page"] or 0, f["subject"]) for f in items)


def rebuilt(preview: Preview, version: int) -> dict[str, Any]:
    """Wait for a build newer than version and return its state."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        current = state(preview)
        if current["version"] > version:
            return current
        time.sleep(0.05)
    raise AssertionError(f"no build after version {version}")


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    """Return a fresh copy of the small test issue."""
    return small_issue(tmp_path / "issue")


@pytest.fixture
def preview(issue: Path) -> Iterator[Preview]:
    """Return a running preview of the small issue, rebuilt only on request."""
    with running(issue) as preview:
        yield preview


def test_plan_lists_every_page_in_reader_spreads(preview: Preview):
    status, headers, body = get(preview, "/")
    html = body.decode()
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert html.count('class="spread"') == 3  # 1 | 2–3 | 4
    assert re.findall(r'<img src="/out/pages/[0-9a-f]+-thumb\.png" data-page="(\d)"', html) == ["1", "2", "3", "4"]
    assert "План номера" in html and "«Волна» №\u00a031 (10245)" in html


def fit_of(preview: Preview, key: str) -> dict[str, Any]:
    """Return one frame of the fit report the preview serves (the same as `check --json`)."""
    report = json.loads(get(preview, "/out/fit-report.json")[2])
    return next(frame for page in report["pages"] for frame in page["frames"] if frame["id"] == key)


def test_badges_give_overset_and_underset_amounts(preview: Preview):
    html = get(preview, "/")[2].decode()
    thumbs = {m[1]: m[0] for m in re.finditer(r'<a class="thumb" href="/page/(\d)".*?</a>', html, re.DOTALL)}
    over, under = fit_of(preview, "long")["overset_lines"], fit_of(preview, "short")["underset_lines"]
    assert over > 1 and under > 1
    # «перебор 148 строк»: the amount, a no-break space, the word in its form for the number
    assert f'<span class="badge over" title="«Длинный материал»: перебор {over}\u00a0' in thumbs["3"]
    assert re.search(rf'>перебор {over}\u00a0строк[аи]?</span>', thumbs["3"])
    assert re.search(rf'<span class="badge under"[^>]*>недобор {under}\u00a0строк[аи]?</span>', thumbs["2"])
    assert "badge over" not in thumbs["1"] and "badge under" not in thumbs["1"]


def test_large_view_labels_each_frame_with_name_file_and_fit(preview: Preview):
    html = get(preview, "/page/3")[2].decode()
    frame = re.search(r'<div class="frame over[^"]*" id="f-3-long" data-key="long".*?<div class="tag">(.*?)</div>',
                      html, re.DOTALL)
    assert frame is not None
    assert "Длинный материал" in frame[1] and "articles/long.md" in frame[1]
    assert re.search(r"перебор \d+\u00a0строк", frame[1])
    assert 'href="/page/2"' in html and 'href="/page/4"' in html
    assert get(preview, "/page/5")[0] == 404


def test_the_overset_tail_shows_where_the_text_is_cut(preview: Preview):
    cut = fit_of(preview, "long")["cut"]
    assert cut["last_fitting"] and cut["first_overset"]
    html = get(preview, "/page/3")[2].decode()
    frame = re.search(r'id="f-3-long".*?<span class="cut" style="left: ([\d.]+)%; top: ([\d.]+)%"', html, re.DOTALL)
    assert frame is not None  # the scissors at the foot of its last column: a one-column frame, its bottom right
    assert float(frame[1]) == pytest.approx(100) and float(frame[2]) == pytest.approx(100)
    tail = re.search(r'<span class="tail"[^>]*><span class="kept">…([^<]+)</span> <span class="gap">✂</span> '
                     r'<span class="lost">([^<]+)…</span>', frame[0] + html[len(frame[0]):])
    assert tail is not None and (tail[1], tail[2]) == (cut["last_fitting"], cut["first_overset"])
    reports = get(preview, "/reports")[2].decode()
    assert f"«…{cut['last_fitting']}» ✂ «{cut['first_overset']}…»" in reports


def test_reports_page_has_preflight_and_fit(preview: Preview):
    html = get(preview, "/reports")[2].decode()
    assert "Предпечатная проверка" in html and "Заполнение полос" in html
    assert "<code>volna-print preflight</code>" in html
    assert '<a href="/page/3#f-3-long">Длинный материал</a>' in html
    report = json.loads(get(preview, "/out/fit-report.json")[2])
    assert [frame["id"] for page in report["pages"] for frame in page["frames"]] == ["short", "long"]


def test_pages_are_drawn_from_the_pdf_the_build_writes(preview: Preview, issue: Path, tmp_path: Path):
    data = state(preview)
    status, headers, pdf = get(preview, data["pdf"])
    assert status == 200 and headers["content-type"] == "application/pdf" and pdf.startswith(b"%PDF-")
    served = tmp_path / "served.pdf"
    served.write_bytes(pdf)
    own = build(issue, tmp_path / "own").pdf
    assert own is not None
    assert [page["digest"] for page in data["pages"]] == page_digests(served) == page_digests(own)
    status, headers, png = get(preview, data["pages"][0]["large"])
    assert status == 200 and headers["content-type"] == "image/png"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert abs(height / width - 420 / 297) < 0.002  # the whole A3 page, nothing cut (± a pixel)
    assert width >= 2400 and width == data["pages"][0]["width_px"]  # readable at 100 %, on a 2× screen too


def test_each_page_has_its_own_pdf(preview: Preview, tmp_path: Path):
    for page in state(preview)["pages"]:
        number = page["number"]
        html = get(preview, f"/page/{number}")[2].decode()
        assert f'href="{page["pdf"]}" class="page-pdf" download="volna-2025-07-30-n31-p0{number}.pdf"' in html
        status, headers, data = get(preview, page["pdf"])
        assert status == 200 and headers["content-type"] == "application/pdf"
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(data)
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == 1
        assert page_digests(path) == [page["digest"]]  # the very page of the issue's PDF, alone


def test_the_spread_view_shows_facing_pages(preview: Preview):
    def pages(html: str) -> list[str]:
        return re.findall(r'<img class="page-image" src="/out/pages/[0-9a-f]+-large\.png" data-page="(\d)"', html)

    for number in (2, 3):
        status, _, body = get(preview, f"/spread/{number}")
        assert status == 200 and pages(body.decode()) == ["2", "3"], number
        assert "Разворот" in body.decode() and "полосы\u00a02–3" in body.decode()
    front = get(preview, "/spread/1")[2].decode()
    assert pages(front) == ["1"] and front.index('class="sheet blank"') < front.index('data-page="1"')  # on the right
    back = get(preview, "/spread/4")[2].decode()
    assert pages(back) == ["4"] and back.index('data-page="4"') < back.index('class="sheet blank"')  # on the left
    plan = get(preview, "/")[2].decode()
    assert re.findall(r'<a class="spread-link" href="/spread/(\d)">', plan) == ["1", "2", "4"]
    assert '<a href="/spread/3" class="spread-link" data-key="s">разворот 2–3</a>' in get(preview, "/page/3")[2].decode()


def test_the_plan_is_there_at_once_and_fills_in_as_pages_are_drawn(issue: Path, monkeypatch: pytest.MonkeyPatch):
    built, drawn = threading.Event(), threading.Event()
    real_build, real_rasterise = builder_module.build, builder_module.rasterise

    def slow_build(*args: Any, **kwargs: Any) -> Any:
        built.wait(WAIT)
        return real_build(*args, **kwargs)

    def slow_rasterise(pdf: Path, out: Path, previous: Any, on_page: Any) -> Any:
        def hold(images: list[Any]) -> None:
            on_page(images)
            if len(images) == 1:
                drawn.wait(WAIT)  # the other pages wait until the test has seen the first

        return real_rasterise(pdf, out, previous, hold)

    monkeypatch.setattr(builder_module, "build", slow_build)
    monkeypatch.setattr(builder_module, "rasterise", slow_rasterise)
    thumbs = r'<img src="/out/pages/[0-9a-f]+-thumb\.png" data-page="(\d)"'
    with Preview(issue, port=0, watch=False, preflight=False) as preview:
        status, _, body = get(preview, "/")  # answered while the build is held: the plan, not a blank tab
        html = body.decode()
        assert status == 200 and preview.builder.state().version == 0
        assert html.count('class="thumb pending"') == 4 and "собирается…" in html
        assert "<b>2</b> Власть" in html and "«Волна» №\u00a031 (10245)" in html  # from the manifest
        built.set()
        deadline = time.monotonic() + WAIT
        while not re.findall(thumbs, html) and time.monotonic() < deadline:
            html = get(preview, "/")[2].decode()
        assert re.findall(thumbs, html) == ["1"] and html.count('class="thumb pending"') == 3
        assert "готово полос — 1 из 4" in html
        image = re.search(r'<img src="(/out/pages/[0-9a-f]+-thumb\.png)"', html)
        assert image and get(preview, image[1])[0] == 200  # a drawn page's image does not wait for the others
        drawn.set()
        assert preview.builder.current(WAIT) is not None
        html = get(preview, "/")[2].decode()
    assert re.findall(thumbs, html) == ["1", "2", "3", "4"] and "thumb pending" not in html


def test_findings_are_those_of_volna_print_preflight(issue: Path):
    with running(issue, preflight=True) as preview:
        data = checked(preview)
        pages = {n: get(preview, f"/page/{n}")[2].decode() for n in range(1, 5)}
        spread = get(preview, "/spread/2")[2].decode()
        reports = get(preview, "/reports")[2].decode()
        plan = get(preview, "/")[2].decode()
    cli = CliRunner().invoke(main, ["preflight", str(issue), "--json"])
    assert cli.exit_code == 1  # the overset is an error
    expected = json.loads(cli.output)["findings"]
    assert data["preflight"] == "done"
    assert findings_of(data["findings"]) == findings_of(expected)
    frames = {(f["check"], f["subject"]): f["frame"] for f in data["findings"]}
    assert frames[("overset", "статья long")] == "f-3-long"  # named as preflight names them, in Russian
    assert frames[("placeholder", "выходные данные")] == "f-4-imprint"
    assert frames[("placeholder", "шапка")] == "f-1-masthead"
    for finding in data["findings"]:
        message = str(escape(finding["message"]))
        assert message in reports
        if finding["page"] is None:
            assert finding["href"] == ""
            continue
        html = pages[finding["page"]]
        assert message in html  # on its page, in the list beside it
        assert finding["href"] == f"/page/{finding['page']}#{finding['frame']}"
        assert f'href="{finding["href"]}"' in reports and f'href="{finding["href"]}"' in html
        assert re.search(rf'<div class="frame [a-z]+ noted" id="{finding["frame"]}"', html)  # and on its frame
    assert '<span class="badge error" title="ошибки предпечатной проверки">1\u00a0ошибка</span>' in plan
    warnings = sum(f["level"] == "warning" for f in expected)  # as many as preflight itself gives
    assert warnings >= 2 and f"Предпечатная проверка: 1\u00a0ошибка, {warnings}\u00a0предупреждени" in plan
    overset = next(f for f in data["findings"] if f["check"] == "overset")
    assert "Замечания проверки, полоса 3" in spread and str(escape(overset["message"])) in spread


def test_the_findings_follow_the_build(issue: Path):
    with running(issue, preflight=True) as preview:
        first = checked(preview)
        assert [f["frame"] for f in first["findings"] if f["check"] == "overset"] == ["f-3-long"]
        (issue / "articles/long.md").write_text(ARTICLE.replace("Заголовок", "Короткий"), encoding="utf-8")
        preview.builder.request([issue / "articles/long.md"])
        second = checked(preview, first["version"] + 1)
        page = get(preview, "/page/3")[2].decode()
    assert second["version"] == first["version"] + 1
    assert not [f for f in second["findings"] if f["check"] == "overset"]
    assert 'id="f-3-long"' in page and not re.search(r'class="frame [a-z]+ noted" id="f-3-long"', page)


def test_nothing_is_written_into_the_issue_folder(preview: Preview, issue: Path):
    files = sorted(p.relative_to(issue).as_posix() for p in issue.rglob("*"))
    assert files == ["articles", "articles/long.md", "articles/short.md", "issue.yaml"]
    assert not preview.out_dir.is_relative_to(issue)


def test_only_the_changed_page_is_redrawn(preview: Preview, issue: Path):
    before = state(preview)
    (issue / "articles/short.md").write_text(ARTICLE + "\nНовый абзац, дописанный редактором.\n", encoding="utf-8")
    preview.builder.request([issue / "articles/short.md"])
    after = rebuilt(preview, before["version"])
    changed = [a["number"] for a, b in zip(after["pages"], before["pages"], strict=True) if a["digest"] != b["digest"]]
    assert changed == [2]
    assert after["redrawn"] == 1


def test_a_change_on_disk_rebuilds_by_itself(issue: Path):
    with running(issue, watch=True) as preview:
        version = state(preview)["version"]
        (issue / "articles/short.md").write_text(ARTICLE.replace("Заголовок", "Новый заголовок"), encoding="utf-8")
        assert rebuilt(preview, version)["ok"]
        assert "Новый заголовок для проверки" in get(preview, "/page/2")[2].decode().replace("\u00a0", " ")


AUTO_ARTICLES = ("official-notice", "seaside-concerts", "farmers-market", "trade-belarus", "weather-week")


def test_a_design_change_is_built_as_a_fresh_build_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    monkeypatch.setenv("VOLNA_LAYOUTS", str(layouts))
    # Placed automatically, the articles' frames come from measures of their text, which the CSS changes.
    manifest = MANIFEST.split("articles:")[0] + "articles:\n" + "".join(
        f"  - {{file: articles/{name}.md, page: 2}}\n" for name in AUTO_ARTICLES) + "ads: []\n"
    files = {f"articles/{name}.md": (SAMPLE / "articles" / f"{name}.md").read_text(encoding="utf-8")
             for name in AUTO_ARTICLES}
    issue = write_tree(tmp_path / "issue", {"issue.yaml": manifest, **files})
    with running(issue) as preview:
        before = state(preview)
        css = layouts / "volna" / "css" / "volna.css"
        css.write_text(css.read_text(encoding="utf-8") + "\n.columns p { letter-spacing: 1.5pt; }\n",
                       encoding="utf-8")
        preview.builder.request([css])
        after = rebuilt(preview, before["version"])
        report = json.loads(get(preview, "/out/fit-report.json")[2])
    # The reference is built in a new process: no cache of this one can make both wrong alike.
    code = ("import json, sys; from pathlib import Path; from volna_print.build import build; "
            "from volna_print.report import fit_report; print(json.dumps(fit_report(build(Path(sys.argv[1]), "
            "Path(sys.argv[2])))))")
    fresh = subprocess.run([sys.executable, "-c", code, str(issue), str(tmp_path / "fresh")], check=True,
                           capture_output=True, text=True).stdout
    assert report == json.loads(fresh)
    assert [p["digest"] for p in after["pages"]] == page_digests(next((tmp_path / "fresh").glob("*.pdf")))
    assert after["pages"][1]["digest"] != before["pages"][1]["digest"]


def test_broken_manifest_shows_file_line_and_message_then_recovers(preview: Preview, issue: Path):
    version = state(preview)["version"]
    manifest = issue / "issue.yaml"
    manifest.write_text(MANIFEST.replace("price: Бесплатно", "price: Бесплатно: сегодня"), encoding="utf-8")
    preview.builder.request([manifest])
    broken = rebuilt(preview, version)
    assert not broken["ok"] and "pages" not in broken
    problem = broken["problems"][0]
    assert problem["file"].endswith("issue.yaml") and problem["line"] == PRICE_LINE
    assert "YAML" in problem["message"]
    html = get(preview, "/")[2].decode()
    assert 'id="failure"' in html and f"строка <b class=\"line\">{PRICE_LINE}</b>" in html
    assert "Номер не собирается: исправьте файлы" in html
    spoken = i18n.language()
    try:
        i18n.use("en")
        english = get(preview, "/")[2].decode()
    finally:
        i18n.use(spoken)
    assert "The issue does not build: fix the files" in english and "The server keeps running" in english
    assert f', line <b class="line">{PRICE_LINE}</b>' in english and "строка" not in english
    assert '<span class="src bad"><span class="ln">' + str(PRICE_LINE) in html  # the faulty line, quoted
    assert get(preview, "/page/2")[0] == 200  # the error, not a 404, wherever the tab was
    manifest.write_text(MANIFEST, encoding="utf-8")
    preview.builder.request([manifest])
    fixed = rebuilt(preview, broken["version"])
    assert fixed["ok"] and len(fixed["pages"]) == 4


def test_broken_article_names_the_article_file(preview: Preview, issue: Path):
    version = state(preview)["version"]
    article = issue / "articles/short.md"
    article.write_text("---\nrubric: [Город\n---\nТекст.\n", encoding="utf-8")
    preview.builder.request([article])
    problem = rebuilt(preview, version)["problems"][0]
    assert problem["file"].endswith("articles/short.md") and problem["line"] in (2, 3)


def test_a_crash_in_the_pipeline_is_shown_and_the_server_keeps_running(preview: Preview, issue: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated crash")

    version = state(preview)["version"]
    monkeypatch.setattr(builder_module, "build", crash)
    preview.builder.request()
    assert rebuilt(preview, version)["problems"][0]["message"] == "RuntimeError: simulated crash"
    assert "ошибки программы" in get(preview, "/")[2].decode()
    monkeypatch.undo()
    preview.builder.request()
    assert rebuilt(preview, version + 1)["ok"]


def test_a_request_during_a_rebuild_waits_for_it(preview: Preview, monkeypatch: pytest.MonkeyPatch):
    gate = threading.Event()
    real_build = builder_module.build

    def slow_build(*args: Any, **kwargs: Any) -> Any:
        gate.wait(WAIT)
        return real_build(*args, **kwargs)

    version = state(preview)["version"]
    monkeypatch.setattr(builder_module, "build", slow_build)
    preview.builder.request()
    answers: list[dict[str, Any]] = []
    asking = threading.Thread(target=lambda: answers.append(state(preview)))
    asking.start()
    asking.join(0.5)
    assert asking.is_alive() and not answers  # still waiting: the build has not finished
    gate.set()
    asking.join(WAIT)
    assert answers[0]["version"] == version + 1 and not answers[0]["busy"]


def test_event_stream_announces_each_build(preview: Preview):
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=WAIT)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type", "").startswith("text/event-stream")
    first = read_event(response)
    preview.builder.request()
    events = [read_event(response)]
    while events[-1]["version"] < 2:
        events.append(read_event(response))
    connection.close()
    assert (first["version"], first["busy"]) == (1, False)
    assert (events[-1]["version"], events[-1]["busy"]) == (2, False)
    assert all((event["version"], event["busy"]) == (1, True) for event in events[:-1])  # «сборка идёт» meanwhile
    serials = [first["serial"]] + [event["serial"] for event in events]
    assert serials[-1] > serials[0] and serials == sorted(serials)  # a tab refreshes when the serial moves on


def read_event(response: http.client.HTTPResponse) -> dict[str, Any]:
    """Read the next `state` event of a server-sent event stream."""
    while True:
        line = response.readline().decode()
        if line.startswith("data: "):
            return json.loads(line[len("data: "):])


@pytest.mark.parametrize("path", [
    "/out/../issue.yaml", "/out/%2e%2e/%2e%2e/etc/passwd", "/out/..%2f..%2fetc%2fpasswd", "/out/%2E%2E%2Fissue.yaml",
    "/out/%252e%252e/%252e%252e/etc/passwd", "/out/pages/..%5c..%5cetc%5cpasswd", "/out/..\\..\\etc\\passwd",
    "/out//etc/passwd", "/out/%2fetc%2fpasswd", "/out/.hidden.pdf", "/out/%00", "/out/pages/%ff.png",
    "/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2ftemplates%2fbase.html",
    "/static/../../../../../../etc/passwd", "/static/preview.css%00.png", "//etc/passwd", "/etc/passwd",
    "/../../etc/passwd", "/page/../../etc/passwd", "/page/0", "/page/2/../../out", "/out/", "/static/",
])
def test_paths_that_leave_the_output_and_assets_get_404(preview: Preview, path: str):
    status, _, body = get(preview, path)
    assert status == 404, body[:200]


def test_symlinks_get_404_even_to_files_inside(preview: Preview, tmp_path: Path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF- not for the browser")
    pdf = state(preview)["pdf"].removeprefix("/out/")
    (preview.out_dir / "leak.pdf").symlink_to(secret)
    (preview.out_dir / "inner.pdf").symlink_to(preview.out_dir / pdf)
    (preview.out_dir / "outside").symlink_to(tmp_path, target_is_directory=True)
    for path in ("/out/leak.pdf", "/out/inner.pdf", "/out/outside/secret.pdf"):
        assert get(preview, path)[0] == 404, path
    assert get(preview, f"/out/{pdf}")[0] == 200


def test_safe_path_accepts_plain_names_only(tmp_path: Path):
    write_tree(tmp_path, {"a.pdf": "x", "pages/b.png": "y", ".c.pdf.tmp": "z"})
    assert safe_path(tmp_path, "a.pdf") == (tmp_path / "a.pdf").resolve()
    assert safe_path(tmp_path, "pages/b.png") == (tmp_path / "pages/b.png").resolve()
    for bad in ("../a.pdf", "pages/../a.pdf", "pages", ".c.pdf.tmp", "", "a.pdf/", "pages//b.png", "%2e%2e"):
        assert safe_path(tmp_path, bad) is None, bad


def test_other_methods_and_host_names_are_refused(preview: Preview):
    assert get(preview, "/", headers={"Host": "evil.example:8000"})[0] == 421  # DNS rebinding
    assert get(preview, "/", headers={"Host": f"localhost:{preview.server.server_address[1]}"})[0] == 200
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        status, headers, body = request(preview, method, "/", b"x")
        assert (status, headers["allow"]) == (405, "GET, HEAD"), method
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert "<h1>Так обратиться нельзя</h1>" in body.decode() and 'lang="ru"' in body.decode()


def request(preview: Preview, method: str, path: str, body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    """Send one request with any method and return status, headers and body."""
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=WAIT)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def raw(preview: Preview, data: bytes) -> bytes:
    """Send bytes as they are and return the whole answer."""
    host, port = preview.server.server_address[:2]
    with socket.create_connection((str(host), int(port)), timeout=WAIT) as connection:
        connection.sendall(data)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_error_pages_are_in_russian(preview: Preview):
    status, headers, body = get(preview, "/no/such/page")
    assert (status, headers["content-type"]) == (404, "text/html; charset=utf-8")
    html = body.decode()
    assert '<html lang="ru">' in html and "<h1>Страница не найдена</h1>" in html and '<a href="/">' in html
    assert "Not Found" not in html
    for path in ("/page/9", "/spread/9"):
        status, _, body = get(preview, path)
        assert status == 404 and "В номере нет такой полосы." in body.decode(), path
    assert get(preview, "/out/missing.png")[0] == 404
    head = request(preview, "HEAD", "/nope")
    assert head[0] == 404 and head[2] == b"" and int(head[1]["content-length"]) > 0
    unknown = raw(preview, b"BREW / HTTP/1.1\r\nHost: localhost\r\n\r\n").decode()
    assert unknown.startswith("HTTP/1.0 501") and "Такого запроса сервер не знает" in unknown
    garbage = raw(preview, b"GET / / HTTP/1.1\r\n\r\n").decode()
    assert garbage.startswith("HTTP/1.0 400") and "Неверный запрос" in garbage
    assert "Error response" not in unknown + garbage  # http.server's English page is never sent


def test_a_burst_of_1000_requests_does_not_stop_it(preview: Preview):
    pages = state(preview)["pages"]
    paths = ["/api/state", "/static/preview.css", pages[1]["thumb"], "/out/../issue.yaml", "/page/2"]

    def fetch(index: int) -> int:
        return get(preview, paths[index % len(paths)])[0]

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(fetch, range(1000)))
    assert statuses.count(404) == 200 and statuses.count(200) == 800
    assert state(preview)["ok"]
    assert get(preview, "/")[0] == 200


def test_serve_binds_loopback_and_prints_the_address(issue: Path):
    code = "from volna_print.preview.command import serve; serve()"
    process = subprocess.Popen([sys.executable, "-c", code, str(issue), "--port", "0", "-q"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        connection = http.client.HTTPConnection("127.0.0.1", int(match[1]), timeout=WAIT)
        connection.request("GET", "/api/state")
        assert json.loads(connection.getresponse().read())["ok"]
        connection.close()
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 0, err
    assert "остановлено" in out


def test_sigterm_stops_the_server_and_deletes_its_folder(issue: Path, tmp_path: Path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    code = "from volna_print.preview.command import serve; serve()"
    with out.open("w") as stdout, err.open("w") as stderr:
        # Files, not pipes: a process that died at once would leave its children holding a pipe open.
        process = subprocess.Popen([sys.executable, "-c", code, str(issue), "--port", "0", "-q"], stdout=stdout,
                                   stderr=stderr, env={**os.environ, "TMPDIR": str(tmp)})
    try:
        deadline = time.monotonic() + WAIT
        while not (match := re.search(r"http://127\.0\.0\.1:(\d+)/", out.read_text())):
            assert time.monotonic() < deadline and process.poll() is None, err.read_text()
            time.sleep(0.05)
        connection = http.client.HTTPConnection("127.0.0.1", int(match[1]), timeout=WAIT)
        connection.request("GET", "/api/state")
        assert json.loads(connection.getresponse().read())["ok"]
        connection.close()
        folders = list(tmp.glob("volna-preview-*"))
        assert len(folders) == 1 and any((folders[0] / "pages").iterdir())  # the build's output, there
        process.send_signal(signal.SIGTERM)  # as `kill` or a service manager stops it
        assert process.wait(timeout=WAIT) == 0, err.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "остановлено" in out.read_text()
    assert not list(tmp.glob("volna-preview-*"))  # the temporary folder went with it, as on Ctrl+C


def test_serve_refuses_a_port_in_use(issue: Path):
    from click.testing import CliRunner

    from volna_print.preview.command import serve

    with running(issue) as preview:
        port = str(preview.server.server_address[1])
        result = CliRunner().invoke(serve, [str(issue), "--port", port])
    assert result.exit_code == 2
    assert f"порт {port} на 127.0.0.1 занят; выберите другой, например --port 0" in result.output


def test_the_sample_issue_is_served_with_its_preflight(tmp_path: Path):
    issue = tmp_path / "sample"
    shutil.copytree(SAMPLE, issue)
    with running(issue, preflight=True) as preview:
        data = checked(preview)
        html = get(preview, "/")[2].decode()
    assert data["ok"] and len(data["pages"]) == 4
    assert html.count('<a class="thumb"') == 4
    cli = CliRunner().invoke(main, ["preflight", str(issue), "--json"])
    assert cli.exit_code == 0, cli.output
    assert data["preflight"] == "done" and data["findings"]
    assert findings_of(data["findings"]) == findings_of(json.loads(cli.output)["findings"])


@pytest.mark.parametrize("count, spreads", [
    (1, [(None, 1)]), (4, [(None, 1), (2, 3), (4, None)]), (5, [(None, 1), (2, 3), (4, 5)]),
    (8, [(None, 1), (2, 3), (4, 5), (6, 7), (8, None)]),
])
def test_reader_spreads(count: int, spreads: list[tuple[int | None, int | None]]):
    class Page:
        def __init__(self, number: int) -> None:
            self.number = number

    def numbers(pair: tuple[Any, Any]) -> tuple[int | None, int | None]:
        return pair[0] and pair[0].number, pair[1] and pair[1].number

    pages: Any = tuple(Page(n) for n in range(1, count + 1))
    assert [numbers(pair) for pair in reader_spreads(pages)] == spreads


@pytest.mark.parametrize("count, word", [(1, "строка"), (2, "строки"), (5, "строк"), (11, "строк"), (21, "строка"),
                                         (104, "строки"), (112, "строк")])
def test_plural(count: int, word: str):
    assert plural(count, "строка", "строки", "строк") == word


def test_problems_keep_file_line_and_quote_only_watched_files(tmp_path: Path):
    write_tree(tmp_path, {"issue.yaml": "a: 1\nb: 2\nc: 3\n"})
    outside = tmp_path.parent / "outside.txt"
    text = (f"{tmp_path}/issue.yaml:2:4: b: expected a date\n{outside}:1:1: nope\n"
            "1 problems found; nothing was built.")
    first, second, summary = parse_problems(text, [tmp_path])
    assert (first.file, first.line, first.col, first.message) == (f"{tmp_path}/issue.yaml", 2, 4, "b: expected a date")
    assert first.excerpt == ((1, "a: 1"), (2, "b: 2"), (3, "c: 3"))
    assert second.excerpt == ()  # not a file of the issue: never read
    assert summary.file is None



def test_pages_speak_the_active_language(preview: Preview):
    """The preview's pages go through the catalog: rendered with English active, the plan is in English."""
    spoken = i18n.language()
    try:
        i18n.use("en")
        english = get(preview, "/")[2].decode()
        english_page, english_spread = get(preview, "/page/2")[2].decode(), get(preview, "/spread/2")[2].decode()
        english_reports = get(preview, "/reports")[2].decode()
        i18n.use("ru")
        russian = get(preview, "/")[2].decode()
        russian_page, russian_spread = get(preview, "/page/2")[2].decode(), get(preview, "/spread/2")[2].decode()
        russian_reports = get(preview, "/reports")[2].decode()
    finally:
        i18n.use(spoken)
    assert '<html lang="en">' in english and "Issue plan" in english and "План номера" not in english
    assert '<span class="badge over">overset</span>' in english
    assert re.search(r'>overset \d+\u00a0lines</span>', english) and "Reports" in english
    assert '<html lang="ru">' in russian and "План номера" in russian and "Issue plan" not in russian
    assert "«Волна» №\u00a031 (10245)" in russian and '<span class="badge over">перебор</span>' in russian
    assert re.search(r'>перебор \d+\u00a0строк[аи]?</span>', russian) and "Отчёты" in russian
    assert "<title>Page 2 · " in english_page and "Page PDF" in english_page and "to the issue plan" in english_page
    assert "<title>Spread, pages\u00a02–3 · " in english_spread and "forward ›" in english_spread
    assert "<title>Полоса 2 · " in russian_page and "PDF полосы" in russian_page and "к плану номера" in russian_page
    assert "<title>Разворот, полосы\u00a02–3 · " in russian_spread and "вперёд ›" in russian_spread
    assert ">fit</button>" in english_page and "<h2>Items</h2>" in english_page and "Материалы" not in english_page
    assert ">вписать</button>" in russian_page and "<h2>Материалы</h2>" in russian_page
    assert "<h2>Preflight check</h2>" in english_reports and "<th>Lines in the frame</th>" in english_reports
    assert "Строк" not in english_reports and re.search(r"· fill \d+\u00a0%</th>", english_reports)
    assert "<h2>Предпечатная проверка</h2>" in russian_reports and "<th>Строк в рамке</th>" in russian_reports
    assert re.search(r"· заполнение \d+\u00a0%</th>", russian_reports)


def test_errors_and_waiting_speak_the_active_language(preview: Preview):
    """The error pages, the plain-text replies and the waiting page go through the catalog too."""
    spoken = i18n.language()
    try:
        i18n.use("en")
        english = get(preview, "/nowhere")[2].decode()
        english_page = get(preview, "/page/999")[2].decode()
        english_host = get(preview, "/", {"Host": "evil.example"})[2].decode()
        english_wait = views.waiting_page()
        i18n.use("ru")
        russian = get(preview, "/nowhere")[2].decode()
        russian_page = get(preview, "/page/999")[2].decode()
        russian_wait = views.waiting_page()
    finally:
        i18n.use(spoken)
    assert '<html lang="en">' in english and "<h1>Page not found</h1>" in english and "Response code: 404" in english
    assert "Страница" not in english and "The issue has no such page." in english_page
    assert english_host == "foreign server name (Host)\n"
    assert "<h1>Страница не найдена</h1>" in russian and "Код ответа: 404" in russian and "Открыть план номера" in russian
    assert "В номере нет такой полосы." in russian_page
    assert "The issue is still being built" in english_wait and "Номер ещё собирается" in russian_wait
