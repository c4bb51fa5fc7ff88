"""The preview in a real browser: Debian's headless Chromium driven by Playwright.

`make test` installs Chromium when missing (scripts/install-browser.sh); these tests skip only where it is
missing and cannot be installed (not root). Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from volna_print.preview import builder as builder_module
from volna_print.preview.session import Preview

from .conftest import ARTICLE, ROOT, SAMPLE
from .test_preview import MANIFEST, PRICE_LINE, WAIT, running, small_issue, state

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIVE_MS = 5000  # the issue's promise: an edit shows within 5 seconds, without a manual reload
LOAD_MS = 60000  # the first build of an issue, on a busy machine
PAGE_PX = 297 / 25.4 * 96  # an A3 page at 100 %: its printed width in CSS pixels


def chromium() -> Path:
    """Return Debian's Chromium, installing it as root when missing; skip only when that is impossible."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0:
        pytest.skip("Debian's chromium is not installed and this user cannot install it (not root): "
                    "run `sudo apt-get install chromium` or `make test` as root")
    subprocess.run(["bash", str(ROOT / "scripts" / "install-browser.sh")], check=True)
    assert CHROMIUM.exists(), "scripts/install-browser.sh ran but /usr/bin/chromium is still missing"
    return CHROMIUM


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Return headless Chromium for the module's tests."""
    path = chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(path), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[1], ids=["1x"])
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """Return a fresh browser tab with a desktop-sized window; browser errors fail the test.

    Parametrise `tab` indirectly with a device pixel ratio to get a sharper screen (2: a laptop's).
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=request.param)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture
def small(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    """Return a running preview of the small test issue, watching its files, and the issue folder."""
    issue = small_issue(tmp_path / "issue")
    with running(issue, watch=True) as preview:
        yield preview, issue


def image_sources(tab: Page) -> dict[str, str]:
    """Return the page plan's image address per page number."""
    return tab.eval_on_selector_all("img[data-page]", "imgs => Object.fromEntries(imgs.map(i => [i.dataset.page, i.src]))")


def test_page_plan_of_the_sample_shows_one_image_per_page(tab: Page, tmp_path: Path):
    issue = tmp_path / "sample"
    shutil.copytree(SAMPLE, issue)
    with running(issue) as preview:
        pages = len(state(preview)["pages"])
        tab.goto(preview.url, timeout=LOAD_MS)
        images = tab.locator(".spreads img[data-page]")
        assert images.count() == pages == 4
        # Every image loaded and is a whole A3 page.
        tab.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
        sizes = tab.eval_on_selector_all(".spreads img", "imgs => imgs.map(i => [i.naturalWidth, i.naturalHeight])")
        assert all(abs(h / w - 420 / 297) < 0.005 for w, h in sizes), sizes  # ± a pixel of rounding
        assert tab.locator(".spread").count() == 3
        tab.screenshot(path=str(tmp_path / "plan.png"), full_page=True)


def test_editing_an_article_changes_its_page_image_without_a_reload(tab: Page, small: tuple[Preview, Path]):
    preview, issue = small
    tab.goto(preview.url)
    tab.wait_for_selector("img[data-page='2']")
    before = image_sources(tab)
    tab.evaluate("() => { window.notReloaded = true; }")
    (issue / "articles/short.md").write_text(ARTICLE + "\nАбзац, который редактор дописал только что.\n",
                                             encoding="utf-8")
    tab.wait_for_function(
        "old => { const img = document.querySelector(\"img[data-page='2']\");"
        " return img && img.src !== old && img.complete && img.naturalWidth > 0; }",
        arg=before["2"], timeout=LIVE_MS)
    after = image_sources(tab)
    assert tab.evaluate("() => window.notReloaded === true")  # refreshed in place, not reloaded
    assert after["2"] != before["2"]
    assert {n: after[n] for n in ("1", "3", "4")} == {n: before[n] for n in ("1", "3", "4")}


def test_broken_yaml_shows_the_error_with_its_line_and_the_pages_return(tab: Page, small: tuple[Preview, Path]):
    preview, issue = small
    tab.goto(preview.url)
    tab.wait_for_selector("img[data-page='4']")
    manifest = issue / "issue.yaml"
    manifest.write_text(MANIFEST.replace("price: Бесплатно", "price: Бесплатно: сегодня"), encoding="utf-8")
    failure = tab.wait_for_selector("#failure", timeout=LIVE_MS)
    assert failure is not None
    text = failure.inner_text()
    assert "issue.yaml" in text and f"строка {PRICE_LINE}" in text and "YAML" in text
    assert tab.locator("img[data-page]").count() == 0
    bad_line = tab.locator(".excerpt .src.bad").inner_text()
    assert "price: Бесплатно: сегодня" in bad_line
    manifest.write_text(MANIFEST, encoding="utf-8")
    tab.wait_for_function("() => document.querySelectorAll('img[data-page]').length === 4", timeout=LIVE_MS)
    assert tab.locator("#failure").count() == 0


def test_a_click_opens_the_large_view_with_labelled_frames(tab: Page, small: tuple[Preview, Path],
                                                           tmp_path: Path):
    preview, _ = small
    tab.goto(preview.url)
    tab.click("a.thumb[data-page='3']")
    tab.wait_for_url("**/page/3")
    tab.wait_for_function("() => document.querySelector('.sheet img').naturalWidth > 0")
    frame = tab.locator(".sheet .frame[data-key='long']")
    assert "over" in (frame.get_attribute("class") or "")
    tag = frame.locator(".tag").inner_text()
    assert "Длинный материал" in tag and "articles/long.md" in tag and "перебор" in tag
    # The frame sits where the layout put it: column 1, row 1 of the page, inside the page image.
    sheet = tab.locator(".sheet img").bounding_box()
    box = frame.bounding_box()
    assert sheet and box and sheet["x"] <= box["x"] < sheet["x"] + sheet["width"] / 2
    tab.uncheck("#show-frames")
    assert not frame.is_visible()
    tab.keyboard.press("ArrowLeft")
    tab.wait_for_url("**/page/2")
    tab.screenshot(path=str(tmp_path / "page.png"))


def image_box(tab: Page) -> dict[str, float]:
    """Return where the large page image is, in CSS pixels."""
    box = tab.locator(".sheet img").first.bounding_box()
    assert box is not None
    return box


def scroll(tab: Page) -> tuple[float, float]:
    """Return how far the viewer is scrolled."""
    left, top = tab.eval_on_selector("#viewer", "v => [v.scrollLeft, v.scrollTop]")
    return left, top


@pytest.mark.parametrize("tab", [2], ids=["2x"], indirect=True)
def test_zoom_makes_the_page_larger_sharp_and_draggable(tab: Page, small: tuple[Preview, Path], tmp_path: Path):
    preview, _ = small
    tab.goto(preview.url + "page/3")
    tab.wait_for_function("() => document.querySelector('.sheet img').naturalWidth > 0")
    fitted = image_box(tab)
    assert fitted["height"] <= 1000  # fitted to the window: the whole page in sight
    tab.click("#toolbar [data-zoom='1']")
    actual = image_box(tab)
    assert actual["width"] == pytest.approx(PAGE_PX, abs=1.5)  # 100 %: the page at its printed size
    assert actual["width"] > 1.5 * fitted["width"]
    assert tab.locator("#zoom-value").inner_text() == "100\u00a0%"
    natural = tab.evaluate("() => document.querySelector('.sheet img').naturalWidth")
    assert natural >= 2400 and natural >= 2 * actual["width"]  # as many image pixels as the 2× screen shows
    tab.screenshot(path=str(tmp_path / "page-100.png"))
    # Dragging pans the enlarged page.
    tab.click("#toolbar [data-zoom='2']")
    assert image_box(tab)["width"] == pytest.approx(2 * PAGE_PX, abs=3)
    viewer = tab.locator("#viewer").bounding_box()
    assert viewer is not None
    x, y = viewer["x"] + viewer["width"] / 2, viewer["y"] + viewer["height"] / 2
    before = scroll(tab)
    tab.mouse.move(x, y)
    tab.mouse.down()
    tab.mouse.move(x - 150, y - 120, steps=6)
    tab.mouse.up()
    after = scroll(tab)
    assert after[0] == pytest.approx(before[0] + 150, abs=2) and after[1] == pytest.approx(before[1] + 120, abs=2)
    # A click goes back to the whole page; another enlarges again; + goes on from 100 %.
    tab.mouse.click(x, y)
    assert image_box(tab)["width"] == pytest.approx(fitted["width"], abs=1)
    tab.mouse.click(x, y)
    assert image_box(tab)["width"] == pytest.approx(PAGE_PX, abs=1.5)
    tab.keyboard.press("+")
    assert image_box(tab)["width"] > PAGE_PX * 1.2
    tab.keyboard.press("0")
    assert image_box(tab)["width"] == pytest.approx(fitted["width"], abs=1)


def test_the_spread_view_shows_two_facing_pages(tab: Page, small: tuple[Preview, Path], tmp_path: Path):
    preview, _ = small
    tab.goto(preview.url)
    tab.click("a.spread-link[href='/spread/2']")
    tab.wait_for_url("**/spread/2")
    tab.wait_for_function("() => [...document.querySelectorAll('.sheet img')].every(i => i.naturalWidth > 0)")
    images = tab.locator(".sheet img")
    assert [images.nth(i).get_attribute("data-page") for i in range(images.count())] == ["2", "3"]
    left, right = images.nth(0).bounding_box(), images.nth(1).bounding_box()
    assert left and right
    assert left["x"] + left["width"] == pytest.approx(right["x"], abs=1)  # facing: side by side, touching
    assert left["y"] == pytest.approx(right["y"], abs=1) and left["height"] == pytest.approx(right["height"], abs=1)
    assert right["x"] + right["width"] <= 1400 and left["height"] <= 1000  # both in the window at once
    tab.screenshot(path=str(tmp_path / "spread.png"))
    tab.keyboard.press("ArrowRight")
    tab.wait_for_url("**/spread/4")
    assert tab.locator(".sheet img").count() == 1 and tab.locator(".sheet.blank").count() == 1


def test_labels_do_not_hide_the_text_until_asked_for(tab: Page, small: tuple[Preview, Path]):
    preview, _ = small
    tab.goto(preview.url + "page/2")
    tab.wait_for_function("() => document.querySelector('.sheet img').naturalWidth > 0")
    frame = tab.locator(".sheet .frame[data-key='short']")
    tag = frame.locator(".tag")
    assert frame.is_visible() and not tag.is_visible()  # an outline only: the page reads as printed
    frame.hover()
    assert tag.is_visible() and "Заголовок для проверки" in tag.inner_text().replace("\u00a0", " ")
    tab.mouse.move(5, 5)
    assert not tag.is_visible()
    tab.check("#show-labels")
    assert tag.is_visible()
    tab.uncheck("#show-labels")
    tab.uncheck("#show-frames")
    assert not frame.is_visible()


def test_a_finding_link_opens_its_page_with_the_frame_highlighted(tab: Page, tmp_path: Path):
    issue = small_issue(tmp_path / "issue")
    with running(issue, preflight=True) as preview:
        tab.goto(preview.url + "reports")
        # The findings come when the background preflight is done; the page shows them by itself.
        link = tab.wait_for_selector("a.finding-link[href='/page/3#f-3-long']", timeout=LOAD_MS)
        assert link is not None and "полоса\u00a03" in link.inner_text()
        link.click()
        tab.wait_for_url("**/page/3#f-3-long")
        frame = tab.locator("#f-3-long")
        assert "highlight" in (frame.get_attribute("class") or "")
        assert frame.evaluate("f => getComputedStyle(f).outlineWidth") == "4px"
        assert frame.locator(".tag").is_visible()  # its label, with the finding, without hovering
        assert "перебор" in frame.locator(".tag").inner_text()
        assert tab.locator(".side .findings li.error").count() == 1
        tab.screenshot(path=str(tmp_path / "highlighted.png"))
        # The other pages' findings link to their frames too: the imprint on the back page.
        tab.goto(preview.url + "page/4")
        tab.click(".side a.finding-link[data-target='f-4-imprint'] >> nth=0")
        tab.wait_for_url("**/page/4#f-4-imprint")
        # on the same page the highlight follows the hash change: wait for it (it raced the URL once)
        tab.wait_for_selector("#f-4-imprint.highlight", timeout=LOAD_MS)


def test_404_is_in_russian(tab: Page, small: tuple[Preview, Path]):
    preview, _ = small
    response = tab.goto(preview.url + "no/such/page")
    assert response is not None and response.status == 404
    assert tab.locator("h1").inner_text() == "Страница не найдена"
    assert tab.evaluate("() => document.documentElement.lang") == "ru"
    tab.click("text=Открыть план номера")
    tab.wait_for_selector("img[data-page='1']")


def test_printing_the_page_view_prints_the_page_alone(tab: Page, small: tuple[Preview, Path], tmp_path: Path):
    preview, _ = small
    tab.goto(preview.url + "page/3")
    tab.wait_for_function("() => document.querySelector('.sheet img').naturalWidth > 0")
    tab.emulate_media(media="print")
    for selector in (".bar", ".pager", "#toolbar", "#side", ".built", ".sheet .frame"):
        assert not tab.locator(selector).first.is_visible(), selector
    assert tab.locator(".sheet img").is_visible()
    path = tmp_path / "printed.pdf"
    tab.pdf(path=str(path), prefer_css_page_size=True)
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 1
        box = [float(v) for v in pdf.pages[0].mediabox]
    assert box[2] - box[0] == pytest.approx(297 / 25.4 * 72, abs=2)  # an A3 sheet, the page's own size
    assert box[3] - box[1] == pytest.approx(420 / 25.4 * 72, abs=2)
    document = pypdfium2.PdfDocument(str(path))
    try:
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    assert not text.strip()  # the page's image alone: no menu, list or label printed with it


def test_the_plan_shows_at_once_and_pages_fill_in(tab: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    built, drawn = threading.Event(), threading.Event()
    real_build, real_rasterise = builder_module.build, builder_module.rasterise

    def held_build(*args: Any, **kwargs: Any) -> Any:
        built.wait(WAIT)
        return real_build(*args, **kwargs)

    def held_rasterise(pdf: Path, out: Path, previous: Any, on_page: Any) -> Any:
        def hold(images: list[Any]) -> None:
            on_page(images)
            if len(images) == 1:
                drawn.wait(WAIT)

        return real_rasterise(pdf, out, previous, hold)

    monkeypatch.setattr(builder_module, "build", held_build)
    monkeypatch.setattr(builder_module, "rasterise", held_rasterise)
    issue = small_issue(tmp_path / "issue")
    with Preview(issue, port=0, watch=False, preflight=False) as preview:
        tab.goto(preview.url)
        assert tab.locator(".thumb.pending").count() == 4  # the manifest's pages, while the build is held
        assert "Власть" in tab.locator(".spreads").inner_text()
        tab.evaluate("() => { window.notReloaded = true; }")
        built.set()
        # The first page appears, its image loaded, while the others are still being drawn.
        tab.wait_for_function("() => { const i = document.querySelector(\".spreads img[data-page='1']\");"
                              " return i && i.complete && i.naturalWidth > 0; }", timeout=LOAD_MS)
        assert tab.locator(".thumb.pending").count() == 3
        drawn.set()
        tab.wait_for_function("() => document.querySelectorAll('.spreads img[data-page]').length === 4",
                              timeout=LOAD_MS)
        assert tab.evaluate("() => window.notReloaded === true") and tab.locator(".thumb.pending").count() == 0
