#!/usr/bin/env python3
"""Write the key reference of docs/manifest.md from the manifest schema (src/volna_print/manifest/schema.py).

    python scripts/manifest_doc.py           # rewrite the section between <!-- schema:begin --> and <!-- schema:end -->
    python scripts/manifest_doc.py --check   # exit 1 when the section is out of date, write nothing

Only that section is touched; the hand-written prose around it stays as it is.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "manifest.md"
sys.path.insert(0, str(ROOT / "src"))  # this checkout's schema, whichever volna_print is installed

from volna_print.manifest.schema import with_reference  # noqa: E402


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or, with --check, compare) the key reference; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only report whether the section is out of date")
    args = parser.parse_args(argv)
    text = DOC.read_text(encoding="utf-8")
    fresh = with_reference(text)
    if fresh == text:
        print(f"{DOC.relative_to(ROOT)}: the key reference is up to date")
        return 0
    if args.check:
        print(f"{DOC.relative_to(ROOT)}: the key reference is out of date; run python scripts/manifest_doc.py")
        return 1
    DOC.write_text(fresh, encoding="utf-8")
    print(f"{DOC.relative_to(ROOT)}: key reference rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
