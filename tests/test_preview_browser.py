"""The preview in a real browser: Debian's headless Chromium driven by Playwright.

`make test` installs Chromium when missing (scripts/install-browser.sh); these tests skip only where it is
missing and cannot be installed (not root). Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from volna_print.preview.session import Preview

from .conftest import ARTICLE, ROOT, SAMPLE
from .test_preview import MANIFEST, PRICE_LINE, running, small_issue, state

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIVE_MS = 5000  # the issue's promise: an edit shows within 5 seconds, without a manual reload
LOAD_MS = 60000  # the first build of an issue, on a busy machine


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


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """Return a fresh browser tab with a desktop-sized window; browser errors fail the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
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


def test_404_is_in_russian(tab: Page, small: tuple[Preview, Path]):
    preview, _ = small
    response = tab.goto(preview.url + "no/such/page")
    assert response is not None and response.status == 404
    assert tab.locator("h1").inner_text() == "Страница не найдена"
    assert tab.evaluate("() => document.documentElement.lang") == "ru"
    tab.click("text=Открыть план номера")
    tab.wait_for_selector("img[data-page='1']")
