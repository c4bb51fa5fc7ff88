#!/usr/bin/env python3
"""Write a random but realistic issue folder for layout tests (deterministic for a seed).

    python scripts/gen_issue.py SEED OUT_DIR [--pages 8] [--legacy]

OUT_DIR gets issue.yaml, articles/, images/, ads/ and generated.json (what was meant: per-page fill,
thin pages, picture and ad sizes). With --legacy only the manifest keys of the current engine appear.
Prints the folder.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.issuegen import generate_issue  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("seed", type=int, help="random seed: the same seed writes the same issue")
    parser.add_argument("out_dir", type=Path, help="folder to write the issue into")
    parser.add_argument("--pages", type=int, default=8, help="number of pages (default: 8)")
    parser.add_argument("--legacy", action="store_true",
                        help="only the keys of the current engine: no rank, no image cols, aspect, focus or "
                             "shrink, no continue: auto")
    parser.add_argument("--force", action="store_true", help="replace OUT_DIR if it exists")
    args = parser.parse_args(argv)
    out: Path = args.out_dir
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{out} exists and is not empty; use --force to replace it")
        shutil.rmtree(out)
    if args.pages < 2:
        parser.error("an issue has at least 2 pages (front and back)")
    print(generate_issue(args.seed, out, args.pages, legacy=args.legacy))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
