"""The message catalogs: extract, update, compile, start a language (needs Babel: pip install -e ".[test]").

    python scripts/catalogs.py update      # extract every message, merge it into each language's .po
    python scripts/catalogs.py compile     # .po → .mo (the .mo are committed: they ship in the package)
    python scripts/catalogs.py check       # list untranslated and fuzzy entries; exit 1 when there are any
    python scripts/catalogs.py init de     # start locale/de/LC_MESSAGES/volna_print.po
    python scripts/catalogs.py extract -o volna_print.pot   # only the template, for a translation tool

The messages are volna-print's own (src/volna_print, mapped by babel.cfg) and the installed click's, whose
strings («Missing argument», «Usage:») volna-print translates in the same catalog (click_i18n.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "volna_print"
LOCALE = PACKAGE / "locale"
DOMAIN = "volna_print"
CLICK = Path(click.__file__).resolve().parent
VERSION = "1"  # of the catalogs' format, not of volna-print: a release must not touch every .po
COMMENT_TAGS = ("Translators:",)
WIDTH = 100
HEADER = ("# {language} messages of volna-print.\n# Message ids are the English texts; docs/i18n.md says how to update,"
          " translate and compile this file.\n#")


def extract() -> Catalog:
    """Return the template: every marked message of volna-print, then click's."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    template = Catalog(project="volna-print", version=VERSION, msgid_bugs_address="", charset="utf-8", fuzzy=False)
    for prefix, folder in (("volna_print", PACKAGE), ("click", CLICK)):
        for filename, line, message, comments, context in extract_from_dir(
            folder, method_map, options_map, keywords=DEFAULT_KEYWORDS, comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        ):
            template.add(message, None, [(f"{prefix}/{filename}", line)], auto_comments=comments, context=context)
    return template


def catalogs() -> Iterator[Path]:
    """Yield every language's .po file."""
    yield from sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path) -> Catalog:
    """Read a .po file."""
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parents[1].name, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    """Write a .po file: no line numbers (they churn with every edit), no obsolete entries."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=WIDTH, ignore_obsolete=True, include_lineno=False)


def update() -> None:
    """Merge the extracted messages into every catalog: new ones empty, changed ones fuzzy."""
    template = extract()
    for path in catalogs():
        catalog = read(path)
        catalog.update(template, update_creation_date=False)
        write(path, catalog)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages")


def compile_all() -> None:
    """Write every catalog's .mo; fuzzy entries stay out (they fall back to English)."""
    for path in catalogs():
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, read(path), use_fuzzy=False)
        print(f"{path.with_suffix('.mo').relative_to(ROOT)}")


def check() -> int:
    """Print every untranslated or fuzzy entry; return how many there are."""
    count = 0
    for path in catalogs():
        for message in read(path):
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                count += 1
                state = "fuzzy" if message.fuzzy else "untranslated"
                print(f"{path.relative_to(ROOT)}: {state}: {message.id!r}")
    return count


def init(language: str) -> None:
    """Start a language's catalog from the template."""
    path = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        sys.exit(f"{path} exists; run update")
    template = extract()
    catalog = Catalog(locale=language, domain=DOMAIN, header_comment=HEADER.format(language=language),
                      project="volna-print", version=VERSION, msgid_bugs_address="", last_translator="",
                      language_team="", charset="utf-8", fuzzy=False)
    catalog.update(template)
    write(path, catalog)
    print(f"{path.relative_to(ROOT)}: translate it, then run compile; add {language!r} to LANGUAGES in i18n.py")


def main() -> None:
    """Run the command the arguments name."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=("extract", "update", "compile", "check", "init"))
    parser.add_argument("language", nargs="?", help="for init: the new language's code (de, uk…)")
    parser.add_argument("-o", "--output", type=Path, help="for extract: where to write the template")
    args = parser.parse_args()
    if args.command == "extract":
        target = args.output or Path(f"{DOMAIN}.pot")
        with target.open("wb") as handle:
            write_po(handle, extract(), width=WIDTH, include_lineno=False)
        print(target)
    elif args.command == "update":
        update()
    elif args.command == "compile":
        compile_all()
    elif args.command == "check":
        sys.exit(1 if check() else 0)
    elif args.language:
        init(args.language)
    else:
        parser.error("init needs a language code")


if __name__ == "__main__":
    main()
