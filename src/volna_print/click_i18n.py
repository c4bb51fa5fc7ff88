"""The command line in the user's language: --lang, translated --help texts, and click's own messages.

Click marks its messages («Missing argument», «No such option», «Usage:») with the stdlib's gettext, which
reads the language from the environment alone; so that --lang decides for them too, its modules' `_` and
`ngettext` are pointed at ours (volna_print.i18n) and their texts are in our catalog (scripts/catalogs.py
extracts them from the installed click). Help texts are given as English message ids (N_) and translated
in place on every run, before click reads them.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Sequence
from typing import Any

import click

from . import i18n
from .i18n import N_

# click's modules that bind `from gettext import gettext as _` (and ngettext)
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion", "termui",
                 "types", "utils", "_termui_impl")
SOURCE_ATTRIBUTE = "_volna_msgids"  # the English texts of a command or parameter, kept on first translation


def translate_click() -> None:
    """Make click's own messages come from our catalog, in the language --lang chose."""
    import gettext

    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a click without that module (_winconsole-like platform parts)
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = i18n.gettext  # type: ignore[attr-defined]  # click's module global, bound at its import
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def language_in_args(args: Sequence[str]) -> str | None:
    """Return the value of --lang among the group's own options (before the command's name), if given.

    Read before click parses anything, so that even a mistake in the options is reported in that language.
    """
    index = 0
    while index < len(args) and args[index].startswith("-") and args[index] != "--":
        word = args[index]
        if word == "--lang":
            return args[index + 1] if index + 1 < len(args) else None
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
        index += 1
    return None


def lang_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the global --lang option (read early by language_in_args; click only checks and documents it)."""
    return click.option(
        "--lang", type=click.Choice(i18n.LANGUAGES), expose_value=False, is_eager=True,
        help=N_("Language of the messages: ru or en [default: $VOLNA_LANG, else the locale's "
                "(LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else ru]."))(command)


def localize(command: click.Command) -> None:
    """Put the help texts of a command, its parameters and its subcommands into the active language."""
    _translate(command, ("help", "short_help", "epilog"))
    command.options_metavar = i18n.gettext(N_("[OPTIONS]"))
    if getattr(command, "_help_option", None) is not None:
        command._help_option = None  # click made it (and its help text) in the previous run's language
    for param in command.params:
        _translate(param, ("help",))
        if isinstance(param.type, click.Path):
            param.type.name = _path_name(param.type)
    if isinstance(command, click.Group):
        command.subcommand_metavar = i18n.gettext(N_("COMMAND [ARGS]..."))
        for sub in command.commands.values():
            localize(sub)


def _translate(item: object, names: tuple[str, ...]) -> None:
    """Replace text attributes of a click object by their translations, remembering the English."""
    sources: dict[str, str | None] = item.__dict__.setdefault(SOURCE_ATTRIBUTE, {})
    for name in names:
        if name not in sources:
            value = getattr(item, name, None)
            sources[name] = inspect.cleandoc(value) if isinstance(value, str) else None
        source = sources[name]
        if source is not None:
            setattr(item, name, i18n.gettext(source))


def _path_name(kind: click.Path) -> str:
    """Return what click calls a path parameter in its messages (as click.Path does, in our language)."""
    if kind.file_okay and not kind.dir_okay:
        return i18n.gettext("file")
    if kind.dir_okay and not kind.file_okay:
        return i18n.gettext("directory")
    return i18n.gettext("path")
