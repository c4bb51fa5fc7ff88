"""Benchmark: the cost of the stages, and the layout's quality on issues nobody tuned it for.

Run with `make bench` (BENCH_SEEDS=1-10 for more generated issues). Prints wall-clock seconds, WeasyPrint
passes, the placement search's time per page, and for generated issues the fill, the blank areas measured
on the rendered pages' pixels, overset and unplaced items. Timings live here, never in tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

from tests.issuegen import generate_issue  # noqa: E402
from tests.layoutcheck import page_stats  # noqa: E402
from tests.lineshape import by_article, frames_of, measure  # noqa: E402

from volna_print import setting as setting_stage  # noqa: E402
from volna_print.build import lay_out_issue  # noqa: E402
from volna_print.cache import BuildCache  # noqa: E402
from volna_print.layout import engine as engine_stage  # noqa: E402
from volna_print.manifest.issue import load_issue  # noqa: E402

SAMPLE = ROOT / "issues" / "sample"


def make_sixteen(folder: Path) -> Path:
    """Write a 16-page issue: the sample's articles and ads spread over 16 pages, placed automatically."""
    shutil.copytree(SAMPLE, folder, dirs_exist_ok=True)
    articles = sorted(p.name for p in (SAMPLE / "articles").glob("*.md"))
    lines = (SAMPLE / "issue.yaml").read_text(encoding="utf-8").split("pages:")[0].splitlines()
    out = [*lines, "pages:", "  - {template: front}"]
    out += [f"  - {{section: Раздел {n}}}" for n in range(2, 16)] + ["  - {template: back}", "articles:"]
    for page in range(1, 17):
        for k in range(3):
            name = own_copy(folder, articles[(page * 3 + k) % len(articles)], f"p{page}-{k}")
            out += [f"  - id: p{page}-{k}", f"    file: articles/{name}", f"    page: {page}"]
    out += ["ads:"]
    for page in range(2, 17, 2):
        out += [f"  - id: ad{page}", "    file: ads/stroymarket.jpg", "    size: 2x3", f"    page: {page}"]
    (folder / "issue.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def own_copy(folder: Path, name: str, key: str) -> str:
    """Write a sample article as an article of its own (one closing line differs), as an issue's texts do.

    Without it, the same text on three pages is set once and cached for all: a cold build would be cheaper
    than a real one, and an edit to one file would touch three pages.
    """
    source = SAMPLE / "articles" / name
    target = folder / "articles" / f"{key}.md"
    target.write_text(source.read_text(encoding="utf-8").rstrip("\n") + f"\n\nМатериал {key} этого выпуска.\n",
                      encoding="utf-8")
    return target.name


class Counter:
    """Count WeasyPrint passes and the placement search's time while a build runs."""

    def __init__(self) -> None:
        self.passes, self.seconds, self.search = 0, 0.0, 0.0
        self._render, self._place = setting_stage.render, engine_stage.place_articles

    def __enter__(self) -> Counter:
        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return self._render(*args, **kwargs)
            finally:
                self.passes += 1
                self.seconds += time.perf_counter() - start

        def searched(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return self._place(*args, **kwargs)
            finally:
                self.search += time.perf_counter() - start

        setting_stage.render = counted
        engine_stage.place_articles = searched
        return self

    def __exit__(self, *exc: object) -> None:
        setting_stage.render, engine_stage.place_articles = self._render, self._place


def run(name: str, folder: Path) -> None:
    """Time one issue: load, then the whole build in memory, with its WeasyPrint passes and search time."""
    start = time.perf_counter()
    issue = load_issue(folder)
    loaded = time.perf_counter() - start
    with Counter() as cold:
        start = time.perf_counter()
        result = lay_out_issue(folder)
        total = time.perf_counter() - start
    over = sum(f.overset_lines for f in result.fits)
    pages = len(issue.pages)
    print(f"{name}: {pages} pages, {len(issue.articles)} articles, {len(issue.ads)} ads")
    print(f"  load + validate          {loaded:6.2f} s")
    print(f"  build in memory          {total:6.2f} s  WeasyPrint passes: {cold.passes}, in them {cold.seconds:.2f} s")
    print(f"  placement search         {cold.search:6.2f} s  ({cold.search / pages:.2f} s a page)")
    print(f"  PDF                      {len(result.data or b'') / 1e6:6.1f} MB; overset lines in total {over}")


def quality(seeds: list[int], pages: int, root: Path) -> None:
    """Build generated issues and measure their pages as an editor would: fill, blanks, overset."""
    rows = []
    for seed in seeds:
        folder = generate_issue(seed, root / f"gen{seed}", pages=pages)
        with Counter() as counter:
            start = time.perf_counter()
            result = lay_out_issue(folder)
            seconds = time.perf_counter() - start
        pdf = root / f"gen{seed}.pdf"
        pdf.write_bytes(result.data or b"")
        stats = page_stats(result, pdf)
        spare = [s for s in stats if s.suffices]
        good = [s for s in spare if s.fill >= 0.97 and not s.blanks]
        rows.append((seed, seconds, counter.search / pages, stats, spare, good, len(result.layout.unplaced)))
        fills = " ".join(f"{s.fill:.2f}" for s in stats)
        print(f"  seed {seed:>3}: {seconds:5.1f} s, search {counter.search / pages:.2f} s/page, fill {fills}")
        print(f"            overset (auto) {sum(s.overset for s in stats)} lines, in hand frames "
              f"{sum(s.framed_overset for s in stats)}; blank areas {sum(len(s.blanks) for s in stats)} "
              f"({sum(len(s.blanks) for s in spare)} beside overset); unplaced {rows[-1][6]}; pages with text to "
              f"spare {len(spare)}, of them full (fill ≥ 0.97, no blank) {len(good)}")
    every = [s for row in rows for s in row[3]]
    spare = [s for row in rows for s in row[4]]
    good = [s for row in rows for s in row[5]]
    print(f"  all: {len(every)} pages, mean fill {sum(s.fill for s in every) / len(every):.3f}, "
          f"blank areas {sum(len(s.blanks) for s in every)}, beside overset {sum(len(s.blanks) for s in spare)}, "
          f"pages with text to spare {len(spare)} of which full {len(good)}, "
          f"unplaced items {sum(row[6] for row in rows)}, search {sum(r[2] for r in rows) / len(rows):.2f} s/page")


def make_pages(folder: Path, pages: int) -> Path:
    """Write an issue of `pages` pages (an even number ≥ 4) in the manner of make_sixteen."""
    make_sixteen(folder)
    text = (folder / "issue.yaml").read_text(encoding="utf-8")
    head, rest = text.split("pages:\n", 1)
    articles = sorted(p.name for p in (SAMPLE / "articles").glob("*.md"))
    out = [head.rstrip("\n"), "pages:", "  - {template: front}"]
    out += [f"  - {{section: Раздел {n}}}" for n in range(2, pages)] + ["  - {template: back}", "articles:"]
    for page in range(1, pages + 1):
        for k in range(3):
            name = own_copy(folder, articles[(page * 3 + k) % len(articles)], f"p{page}-{k}")
            out += [f"  - id: p{page}-{k}", f"    file: articles/{name}", f"    page: {page}"]
    out += ["ads:"]
    for page in range(2, pages + 1, 2):
        out += [f"  - id: ad{page}", "    file: ads/stroymarket.jpg", "    size: 2x3", f"    page: {page}"]
    (folder / "issue.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def cli_build(folder: Path, cache: Path, *options: str) -> tuple[float, int]:
    """Run `volna-print build` in a fresh process as an editor would; return seconds and peak memory (bytes)."""
    env = {**os.environ, "VOLNA_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "volna_print.cli", "build", str(folder), "-q",
                              "-o", str(folder.parent / "out"), *options], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f"build of {folder} failed")
    return seconds, usage.ru_maxrss * 1024


def plain_render(folder: Path) -> float:
    """Render the final pages' HTML (every furniture page and every text's columns) once, plainly, in one process."""
    from volna_print.pdf import render, write_document
    from volna_print.render import render_issue
    from volna_print.setting import WeasySetter

    result = lay_out_issue(folder, BuildCache())
    issue = result.issue
    setter = WeasySetter(issue, BuildCache())
    htmls = render_issue(issue, result.layout.pages)
    htmls += [setter._flow_html([s], s.columns, s.tail_width_mm)
              for s in (flow.spec() for flow in result.layout.flows if flow.parts)]
    cache = BuildCache()
    start = time.perf_counter()
    for html in htmls:
        write_document(render(html, issue.root, issue.paper, cache, setter.design)[0])
    return time.perf_counter() - start


def rebuilds(root: Path) -> None:
    """Time rebuilds as an editor sees them (a fresh process each): cold, nothing changed, one edit, -j, size."""
    jobs = os.cpu_count() or 1
    print(f"rebuilds (`volna-print build` in a fresh process each; {jobs} cores):")
    rows = {}
    for pages in (16, 32):
        folder = make_pages(root / f"r{pages}" / "issue", pages)
        cache = root / f"r{pages}" / "cache"
        plain = plain_render(folder)
        cold, cold_mem = cli_build(folder, cache)
        same, _ = cli_build(folder, cache)
        article = folder / "articles" / "p5-1.md"
        article.write_text(article.read_text(encoding="utf-8") + "\nНовый абзац: одна правка в одной статье.\n",
                           encoding="utf-8")
        edit, edit_mem = cli_build(folder, cache)
        serial, serial_mem = cli_build(folder, root / f"r{pages}" / "cache1", "-j", "1")
        nocache, _ = cli_build(folder, root / f"r{pages}" / "none", "--no-cache", "-j", "1")
        rows[pages] = cold
        print(f"  {pages} pages: plain WeasyPrint render of the final pages {plain:5.2f} s")
        print(f"    cold -j {jobs}            {cold:6.2f} s  {cold / plain:5.2f} × plain   peak {cold_mem / 2**20:5.0f} MiB")
        print(f"    nothing changed        {same:6.2f} s  {same / cold:5.2f} × cold")
        print(f"    one article edited     {edit:6.2f} s  {edit / cold:5.2f} × cold    peak {edit_mem / 2**20:5.0f} MiB")
        print(f"    cold -j 1              {serial:6.2f} s  -j {jobs} is {serial / cold:4.2f}× faster  "
              f"peak {serial_mem / 2**20:5.0f} MiB")
        print(f"    --no-cache -j 1        {nocache:6.2f} s  {nocache / plain:5.2f} × plain")
    print(f"  32 pages cost {rows[32] / rows[16]:.2f} × 16 pages (cold); peak memory is the main process's "
          "(workers are apart); every article is a file of its own, and the edit adds a paragraph to one")
def composer_cost(name: str, folder: Path, root: Path) -> None:
    """Build an issue with and without the paragraph composer: the line shape and the cold build's time."""
    import dataclasses

    from volna_print.manifest import issue as issue_stage

    load = issue_stage.load_issue
    for enabled in (False, True):
        def patched(path, enabled=enabled):  # type: ignore[no-untyped-def]
            issue = load(path)
            paper = dataclasses.replace(issue.paper, composer=dataclasses.replace(issue.paper.composer,
                                                                                 enabled=enabled))
            return dataclasses.replace(issue, paper=paper)

        import volna_print.build as build_stage
        build_stage.load_issue = patched
        jobs = os.cpu_count() or 1
        try:
            start = time.perf_counter()
            result = lay_out_issue(folder)  # one process, as the line shape is read from
            seconds = time.perf_counter() - start
            workers = BuildCache.open(use_disk=False, jobs=jobs)  # as the command builds it: every core
            sys.stdout.flush()  # forked workers would print again what is still buffered
            start = time.perf_counter()
            lay_out_issue(folder, workers)
            parallel = time.perf_counter() - start
            workers.close()
        finally:
            build_stage.load_issue = load
        pdf = root / f"shape-{enabled}.pdf"
        pdf.write_bytes(result.data or b"")
        total, pages = measure(pdf)
        print(f"  {name}, composer {'on ' if enabled else 'off'}: {seconds:5.1f} s (-j {jobs}: {parallel:5.1f} s); "
              f"{total}")
        worst = sorted(pages.items(), key=lambda kv: -kv[1].loose_share)[:3]
        print("      loosest pages: " + "; ".join(f"{n}: {100 * s.loose_share:.0f} %" for n, s in worst))
        shapes = sorted(by_article(pdf, frames_of(result.layout)).items(), key=lambda kv: -kv[1].loose_share)
        print("      loosest articles: " + "; ".join(f"{key} {100 * s.loose_share:.0f} % of {s.lines}"
                                                  for key, s in shapes[:3]))


def preview_edits(root: Path, edits: int = 3) -> None:
    """Time the preview as staff see it, on a generated 8-page issue: the page plan after it starts, the
    first build, and an article saved to the edited page shown (file watcher, build, page image)."""
    import statistics

    from volna_print.cache import BuildCache
    from volna_print.preview.session import Preview
    from volna_print.preview.watch import STEP_MS

    folder = generate_issue(2, root / "preview" / "issue", pages=8)
    cache = BuildCache.open(folder=root / "preview" / "cache")  # cold: a first `serve` on this machine
    start = time.perf_counter()
    with Preview(folder, port=0, watch=True, preflight=False, cache=cache) as preview:
        preview.builder.latest(600)
        plan = time.perf_counter() - start
        snapshot = preview.builder.current(600)
        first = time.perf_counter() - start
        assert snapshot is not None and snapshot.plan is not None
        article = sorted((folder / "articles").glob("p03-*.md"))[0]
        seconds = []
        for number in range(edits):
            seen = preview.builder.state()
            article.write_text(article.read_text(encoding="utf-8") + f"\nПравка {number}: новый абзац в статье.\n",
                               encoding="utf-8")
            saved = time.perf_counter()
            state = seen
            while state is not None and (state.version <= seen.version or state.busy):
                state = preview.builder.wait_state(state, 60)
            seconds.append(time.perf_counter() - saved)
            time.sleep(0.5)  # let the watcher settle between saves
    print(f"preview of a generated 8-page issue (cold cache): page plan shown after {plan:.2f} s, first build "
          f"{first:.1f} s; an article saved → its page redrawn: median {statistics.median(seconds):.2f} s "
          f"(of {', '.join(f'{s:.2f}' for s in seconds)}; the file watcher's {STEP_MS} ms included)")


def seeds_of(spec: str) -> list[int]:
    """Return seeds from "1-5" or "1,4,9"."""
    if "-" in spec:
        low, high = spec.split("-")
        return list(range(int(low), int(high) + 1))
    return [int(s) for s in spec.split(",") if s.strip()]


def pictures_memory(root: Path, pictures: int = 60) -> None:
    """Build a generated issue with at least this many pictures in a fresh process; print its peak memory."""
    from volna_print.manifest.issue import load_issue

    for pages in range(16, 65, 8):  # as many pages as it takes to hold the pictures
        folder = generate_issue(7, root / f"pictures{pages}", pages=pages)
        issue = load_issue(folder)
        count = sum(len(a.images) for a in issue.articles) + len(issue.ads)
        if count >= pictures:
            break
    seconds, peak = cli_build(folder, root / "pictures-cache")
    print(f"memory: a generated {pages}-page issue with {count} pictures (photos and ads), cold -j "
          f"{os.cpu_count() or 1}: {seconds:.1f} s, peak {peak / 2**20:.0f} MiB (main process; each worker apart)")


def main() -> None:
    """Run the benchmark on the sample, a 16-page issue, and generated issues."""
    run("sample", SAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        run("16 pages", make_sixteen(Path(tmp) / "issue"))
        rebuilds(Path(tmp))
        preview_edits(Path(tmp))
        pictures_memory(Path(tmp))
        print("paragraph composer: line shape (loose: mean gap > 2 spaces) and the build's cost")
        composer_cost("sample", SAMPLE, Path(tmp))
        composer_cost("generated 16 pages", generate_issue(3, Path(tmp) / "gen16", pages=16), Path(tmp))
        print(f"generated issues ({os.environ.get('BENCH_PAGES', '8')} pages), blanks of a column × a module "
              "measured on the pages' pixels:")
        quality(seeds_of(os.environ.get("BENCH_SEEDS", "1-5")), int(os.environ.get("BENCH_PAGES", "8")), Path(tmp))


if __name__ == "__main__":
    main()
