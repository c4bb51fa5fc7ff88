"""Benchmark: the cost of each stage on the sample issue and on a generated 16-page issue.

Run with `make bench`. Prints wall-clock seconds per stage and the number of WeasyPrint layout passes, so
that the cost of measuring and placing can be compared with the final render. Timings live here, never in
tests.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from volna_print import pdf as pdf_stage  # noqa: E402
from volna_print.build import lay_out_issue  # noqa: E402
from volna_print.layout import measure as measure_stage  # noqa: E402
from volna_print.manifest.issue import load_issue  # noqa: E402
from volna_print.render import render_issue  # noqa: E402

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
            name = articles[(page * 3 + k) % len(articles)]
            out += [f"  - id: p{page}-{k}", f"    file: articles/{name}", f"    page: {page}"]
    out += ["ads:"]
    for page in range(2, 17, 2):
        out += [f"  - id: ad{page}", "    file: ads/stroymarket.jpg", "    size: 2x3", f"    page: {page}"]
    (folder / "issue.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


class Counter:
    """Count WeasyPrint passes and the time spent in them."""

    def __init__(self) -> None:
        self.passes, self.seconds = 0, 0.0
        self._render = pdf_stage.render

    def __enter__(self) -> Counter:
        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return self._render(*args, **kwargs)
            finally:
                self.passes += 1
                self.seconds += time.perf_counter() - start

        pdf_stage.render = counted
        measure_stage.render = counted
        import volna_print.build as build_stage
        import volna_print.layout.jumps as jumps_stage

        build_stage.render = counted
        jumps_stage.render = counted
        return self

    def __exit__(self, *exc: object) -> None:
        import volna_print.build as build_stage
        import volna_print.layout.jumps as jumps_stage

        pdf_stage.render = measure_stage.render = build_stage.render = jumps_stage.render = self._render


def run(name: str, folder: Path) -> None:
    """Time one issue: load, lay out + render (cold, then warm cache), write."""
    start = time.perf_counter()
    issue = load_issue(folder)
    loaded = time.perf_counter() - start
    measure_stage._cache.clear()
    pdf_stage._documents.clear()
    with Counter() as cold:
        start = time.perf_counter()
        result = lay_out_issue(folder)
        total = time.perf_counter() - start
    pdf_stage._documents.clear()
    start = time.perf_counter()
    pages = render_issue(result.issue, result.layout.pages, result.layout.imprint)
    pdf_stage.render_pages(pages, result.issue.root, result.issue.paper)
    final = time.perf_counter() - start
    start = time.perf_counter()
    data = result.document.write_pdf()  # type: ignore[union-attr]
    written = time.perf_counter() - start
    with Counter() as warm:
        start = time.perf_counter()
        lay_out_issue(folder)
        again = time.perf_counter() - start
    over = sum(f.overset_lines for f in result.fits)
    print(f"{name}: {len(issue.pages)} pages, {len(issue.articles)} articles, {len(issue.ads)} ads")
    print(f"  load + validate          {loaded:6.2f} s")
    print(f"  final render alone       {final:6.2f} s  (the pages as placed, nothing measured)")
    print(f"  lay out + render (cold)  {total:6.2f} s  WeasyPrint passes: {cold.passes}, in them {cold.seconds:.2f} s")
    print(f"  lay out + render (warm)  {again:6.2f} s  WeasyPrint passes: {warm.passes} (measures cached)")
    print(f"  write PDF                {written:6.2f} s  {len(data) / 1e6:.1f} MB")
    print(f"  overset lines in total   {over}")


def main() -> None:
    """Run the benchmark on the sample and on a 16-page issue."""
    run("sample", SAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        run("16 pages", make_sixteen(Path(tmp) / "issue"))


if __name__ == "__main__":
    main()
