"""Messages in Russian by default, English on request; catalogs complete, compiled and consistent."""

from __future__ import annotations

import ast
import gettext
import re
import string
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from volna_print import i18n
from volna_print.cache import BuildCache
from volna_print.cli import main
from volna_print.click_i18n import CLICK_MODULES

from .conftest import MANIFEST

PACKAGE = Path(i18n.__file__).resolve().parent
CATALOGS = sorted(i18n.LOCALE_DIR.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po"))
# The modules this pass translated: every text they show a user goes through the catalog.
COVERED = [PACKAGE / name for name in ("cli.py", "click_i18n.py", "errors.py", "build.py", "report.py",
                                       "options.py", "compose.py", "setting.py", "cache.py", "pdf.py",
                                       "glyphs.py", "i18n.py")] + sorted((PACKAGE / "printing").glob("*.py"))
LOCALE_VARIABLES = (i18n.LANGUAGE_VARIABLE, *i18n.LOCALE_VARIABLES)


# --- the language: --lang, $VOLNA_LANG, the locale, Russian ---------------------------------------------

@pytest.mark.parametrize(("explicit", "environ", "expected"), [
    (None, {}, "ru"),                                       # nothing said: the paper's language
    (None, {"LANG": "C.UTF-8"}, "ru"),                      # a container's locale names no language
    (None, {"LANG": "en_US.UTF-8"}, "en"),
    (None, {"LANG": "ru_RU.UTF-8"}, "ru"),
    (None, {"LC_ALL": "en_GB.UTF-8", "LANG": "ru_RU.UTF-8"}, "en"),  # gettext's order: LC_ALL before LANG
    (None, {"LC_MESSAGES": "en_US", "LANG": "ru_RU.UTF-8"}, "en"),
    (None, {"LANGUAGE": "de:en", "LANG": "ru_RU.UTF-8"}, "en"),      # a priority list, first one we have
    (None, {"LANGUAGE": "de", "LANG": "en_US.UTF-8"}, "ru"),         # the first set decides: no German here
    (None, {"VOLNA_LANG": "en", "LANG": "ru_RU.UTF-8"}, "en"),
    (None, {"VOLNA_LANG": "klingon", "LANG": "en_US.UTF-8"}, "en"),  # a wrong VOLNA_LANG is passed over
    ("ru", {"VOLNA_LANG": "en", "LANG": "en_US.UTF-8"}, "ru"),       # --lang wins
    ("en", {}, "en"),
])
def test_the_language_is_chosen_as_documented(explicit, environ, expected):
    assert i18n.choose_language(explicit, environ) == expected


@pytest.fixture
def no_language(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Clear every variable that chooses the language (the autouse fixture sets VOLNA_LANG=ru)."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    """Run the command line as a user would, stdout and stderr together."""
    return CliRunner().invoke(main, args, env=env)


# --- the command line in Russian ------------------------------------------------------------------------

def test_help_is_russian_by_default(no_language):
    result = invoke(["--help"])
    assert result.exit_code == 0
    assert result.output.startswith("Использование: main [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]…")
    for text in ("Собрать еженедельную газету «Волна»", "Параметры:", "Команды:", "Показать эту справку и выйти.",
                 "Показать версию и выйти.", "Язык сообщений: ru или\u00a0en", "Предпечатная проверка"):
        assert text in result.output, text


def test_command_help_is_russian_with_click_own_words(no_language):
    result = invoke(["build", "--help"])
    assert "Использование: main build [ПАРАМЕТРЫ] ISSUE_DIR" in result.output
    assert "Папка для PDF." in result.output and "[по умолчанию: out]" in result.output
    assert "-o, --out ПАПКА" in result.output  # click names the path type, in our words
    assert "Не читать и\u00a0не записывать кэш сборки" in result.output


def test_a_failing_check_speaks_russian_and_keeps_the_place(make_issue, no_language):
    folder = make_issue(MANIFEST.replace("date: 2025-07-30", "date: 2025-02-30"))
    result = invoke(["check", str(folder)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert re.match(rf"{re.escape(str(folder))}/issue\.yaml:4:7: date: ", lines[0])  # file:line:col: key as typed
    assert lines[-1] == "Найдена 1 ошибка; ничего не собрано."


def test_a_valid_check_counts_in_russian(make_issue):
    result = invoke(["check", str(make_issue())])
    assert result.exit_code == 0
    assert result.output.strip().endswith("ошибок нет; 4 полосы, 1 статья, 0 рекламных модулей")


def test_click_own_errors_are_russian(tmp_path):
    missing = invoke(["check"])
    assert missing.exit_code == 2 and "Ошибка: Не указан аргумент 'ISSUE_DIR'." in missing.output
    assert "Справка: «main check --help»." in missing.output
    unknown = invoke(["check", str(tmp_path), "--bogus"])
    assert "Нет такого параметра: --bogus." in unknown.output
    absent = invoke(["check", str(tmp_path / "nowhere")])
    assert f"Папка «{tmp_path / 'nowhere'}» не существует." in absent.output
    wrong = invoke(["--lang", "de", "--help"])
    assert wrong.exit_code == 2 and "'de' — не одно из значений 'ru', 'en'." in wrong.output


# --- English on request ---------------------------------------------------------------------------------

def test_lang_en_gives_english(tmp_path, no_language):
    result = invoke(["--lang", "en", "--help"])
    assert result.output.startswith("Usage: main [OPTIONS] COMMAND [ARGS]...")
    assert "Show this message and exit." in result.output and "Build ISSUE_DIR into one PDF" in result.output
    absent = invoke(["--lang=en", "check", str(tmp_path / "nowhere")])
    assert f"Error: Invalid value for 'ISSUE_DIR': Directory '{tmp_path / 'nowhere'}' does not exist." in absent.output


def test_the_locale_gives_english(make_issue, no_language):
    folder = make_issue(MANIFEST.replace("date: 2025-07-30", "date: 2025-02-30"))
    result = invoke(["check", str(folder)], env={"LANG": "en_US.UTF-8"})
    assert result.output.splitlines()[-1] == "1 problem found; nothing was built."
    assert "Show this message and exit." in invoke(["check", "--help"], env={"LANG": "en_US.UTF-8"}).output
    assert "Show this message and exit." in invoke(["--help"], env={"VOLNA_LANG": "en"}).output


def test_one_process_switches_languages_back_and_forth(no_language):
    # click keeps the --help option it made; its text must follow the language of each run
    assert "Show this message and exit." in invoke(["--lang", "en", "build", "--help"]).output
    assert "Показать эту справку и выйти." in invoke(["build", "--help"]).output
    assert "Folder for the PDF." in invoke(["--lang", "en", "build", "--help"]).output


# --- numbers, workers -------------------------------------------------------------------------------------

def test_russian_writes_a_decimal_comma():
    assert i18n.gettext("{width:.1f} × {height:.1f}").format(width=2.5, height=30) == "2,5 × 30,0"
    assert i18n.gettext("{file}: cannot write the file: {reason}; check the output folder (-o) and that it is "
                        "writable and not full. The previous file, if any, is unchanged.").format(
        file="out/v.1.pdf", reason="x").startswith("out/v.1.pdf: не удалось")  # a text's points stay
    i18n.use("en")
    assert i18n.gettext("{width:.1f} × {height:.1f}").format(width=2.5, height=30) == "2.5 × 30.0"


def spoken(_cache: BuildCache, _index: int) -> str:
    """Return the language a worker process speaks."""
    return i18n.language()


def test_workers_speak_the_language_of_the_run():
    cache = BuildCache.open(use_disk=False, jobs=2)
    try:
        assert cache.map(spoken, [(1,), (2,)]) == ["ru", "ru"]
        i18n.use("en")  # the same workers, another run's language
        assert cache.map(spoken, [(1,), (2,)]) == ["en", "en"]
    finally:
        cache.close()


# --- the catalogs ---------------------------------------------------------------------------------------

@dataclass
class Entry:
    """One message of a .po file."""

    msgid: str
    plural: str | None
    strings: list[str]
    context: str | None
    fuzzy: bool


def read_po(path: Path) -> list[Entry]:
    """Read a .po file with the standard library (Babel is for maintainers only); obsolete entries skipped."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags: set[str] = set()
    last = ""

    def finish() -> None:
        if "msgid" in fields and fields["msgid"]:
            strings = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr"))]
            entries.append(Entry(fields["msgid"], fields.get("msgid_plural"), strings, fields.get("msgctxt"),
                                 "fuzzy" in flags))
        fields.clear()
        flags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if "msgid" in fields:
                finish()
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith('"'):
            fields[last] += ast.literal_eval(line)
            continue
        keyword, _, text = line.partition(" ")
        if keyword in ("msgid", "msgctxt") and "msgid" in fields:
            finish()
        last = keyword
        fields[keyword] = ast.literal_eval(text)
    finish()
    return entries


def marked_messages(path: Path) -> set[str | tuple[str, str]]:
    """Return the message ids a source file marks: _(), gettext(), N_(), ngettext(), pgettext()."""
    found: set[str | tuple[str, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if name in ("_", "gettext", "N_") and len(texts) == 1 == len(node.args):
            found.add(texts[0])
        elif name == "ngettext" and len(texts) >= 2:
            found.add((texts[0], texts[1]))
        elif name == "pgettext" and len(texts) == 2:
            found.add(texts[1])
    return found


def click_sources() -> list[Path]:
    """Return the files of the installed click whose messages volna-print translates."""
    folder = Path(click.__file__).resolve().parent
    return [folder / f"{name}.py" for name in CLICK_MODULES if (folder / f"{name}.py").exists()]


def test_there_is_a_russian_catalog():
    assert [p.parents[1].name for p in CATALOGS] == ["ru"]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parents[1].name)
def test_the_catalog_has_no_untranslated_or_fuzzy_entries(po):
    entries = read_po(po)
    assert len(entries) > 100  # ours and click's
    assert [e.msgid for e in entries if e.fuzzy] == []
    assert [e.msgid for e in entries if not all(e.strings)] == []


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parents[1].name)
def test_every_marked_message_is_in_the_catalog(po):
    """Ours and click's: a message added to the code without `scripts/catalogs.py update` fails here."""
    known = {(e.msgid, e.plural) if e.plural else e.msgid for e in read_po(po) if all(e.strings)}
    for source in [*sorted(PACKAGE.rglob("*.py")), *click_sources()]:
        missing = marked_messages(source) - known
        assert not missing, f"{source.name}: not in {po.name}: {sorted(map(str, missing))}"


def fields_of(text: str) -> set[str]:
    """Return the names of the str.format fields of a message (and its %(name)s fields)."""
    names = {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
    return names | set(re.findall(r"%\((\w+)\)", text))


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parents[1].name)
def test_translations_fill_in_only_the_values_the_code_gives(po):
    """A misspelt or invented field would raise KeyError where the message is shown."""
    for entry in read_po(po):
        given = fields_of(entry.msgid) | fields_of(entry.plural or "")
        for text in entry.strings:
            assert fields_of(text) <= given, (entry.msgid, text)
        if not entry.plural:  # a plain message keeps all its values (a count's forms may leave some out)
            assert fields_of(entry.strings[0]) == fields_of(entry.msgid), entry.msgid


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parents[1].name)
def test_the_compiled_catalog_is_the_po(po):
    """The .mo ships in the package: `scripts/catalogs.py compile` must have run after the last edit."""
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in read_po(po):
        if entry.plural:
            assert compiled.ngettext(entry.msgid, entry.plural, 1) == entry.strings[0], entry.msgid
            assert compiled.ngettext(entry.msgid, entry.plural, 5) == entry.strings[-1], entry.msgid
        elif entry.context:
            assert compiled.pgettext(entry.context, entry.msgid) == entry.strings[0], entry.msgid
        else:
            assert compiled.gettext(entry.msgid) == entry.strings[0], entry.msgid


def test_russian_plurals_have_three_forms():
    catalog = i18n.catalog("ru")
    forms = [catalog.ngettext("{count} page", "{count} pages", n).format(count=n) for n in (1, 2, 5, 11, 21, 22)]
    assert forms == ["1 полоса", "2 полосы", "5 полос", "11 полос", "21 полоса", "22 полосы"]


# --- nothing left in English in the covered modules -----------------------------------------------------

SINKS = {"echo", "BadParameter", "ClickException", "Finding", "error", "warn"}  # and our *Error classes
BUILTIN_ERRORS = {"ValueError", "TypeError", "AssertionError", "RuntimeError", "KeyError"}
ENGLISH = re.compile(r"[A-Za-z]{3,}")
NAMES = {"WeasyPrint"}  # a program's name, in every language


def literal_words(node: ast.expr) -> str:
    """Return the literal text of a string or f-string argument (placeholders left out), else ""."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return ""


def untranslated(path: Path) -> list[str]:
    """Return the English texts a file hands straight to the user: to an error, click.echo, a finding."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        our_error = name.endswith(("Error", "Failed")) and name not in BUILTIN_ERRORS
        if not (our_error or name in SINKS):
            continue
        args = node.args[2:3] if name == "Finding" else node.args[-1:] if name in ("error", "warn") else node.args
        for arg in args:
            words = [w for w in ENGLISH.findall(literal_words(arg)) if w not in NAMES]
            if words:
                out.append(f"{path.name}:{node.lineno}: {literal_words(arg)!r}")
    return out


def test_the_covered_modules_show_no_english_directly():
    found = [line for path in COVERED for line in untranslated(path)]
    assert found == []


def test_the_lint_finds_english(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('raise BuildError(f"{path}: cannot write")\nclick.echo(_("fine"))\n', encoding="utf-8")
    assert untranslated(sample) == ["sample.py:1: ': cannot write'"]
