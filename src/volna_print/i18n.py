"""The language volna-print speaks: gettext catalogs under locale/, Russian unless asked otherwise.

Message ids are the English texts, so English needs no catalog (it is what gettext falls back to); every
other language has locale/<lang>/LC_MESSAGES/volna_print.po and its compiled .mo, which ship in the package
(docs/i18n.md: adding a language, updating the catalogs).
"""

from __future__ import annotations

import errno
import functools
import gettext as stdlib
import numbers
import os
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DOMAIN = "volna_print"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE = "en"  # the language of the message ids
DEFAULT = "ru"  # the paper's editors and its printing house read Russian
LANGUAGES = ("ru", "en")
LANGUAGE_VARIABLE = "VOLNA_LANG"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order
DECIMAL_COMMA = {"ru"}  # languages that write 2,5 мм

_active: tuple[str, stdlib.NullTranslations] | None = None


def choose_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Return the language to speak: --lang, else $VOLNA_LANG, else the locale's, else Russian."""
    environ = os.environ if environ is None else environ
    for wanted in (explicit, environ.get(LANGUAGE_VARIABLE)):
        code = language_code(wanted or "")
        if code:
            return code
    return locale_language(environ) or DEFAULT


def locale_language(environ: Mapping[str, str]) -> str | None:
    """Return the language the locale variables ask for; as in gettext, the first one set decides.

    C and POSIX name no language (a container's LANG=C.UTF-8), nor does a language we have no catalog
    for: both leave the choice to the default.
    """
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            # LANGUAGE is a priority list: «de:en» means English for us
            return next((code for item in value.split(":") if (code := language_code(item))), None)
    return None


def language_code(value: str) -> str | None:
    """Return the language of ours a locale name means (ru_RU.UTF-8, ru-RU, RU → ru), or None."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def use(language: str) -> None:
    """Speak a language from now on, in this process (the build's workers are told by the cache)."""
    global _active
    _active = (language, catalog(language))


def language() -> str:
    """Return the language being spoken."""
    return _current()[0]


@functools.cache
def catalog(language: str) -> stdlib.NullTranslations:
    """Return a language's compiled catalog; the source language is the message ids themselves."""
    if language == SOURCE:
        return stdlib.NullTranslations()
    # fallback: a missing .mo must not stop a build; tests/test_i18n.py and test_install.py make sure it ships
    return stdlib.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def _current() -> tuple[str, stdlib.NullTranslations]:
    """Return the active language and catalog, chosen from the environment on first use."""
    if _active is None:
        use(choose_language())
    assert _active is not None
    return _active


class Message(str):
    """A translated message whose format() writes fractions as its language does: 2,5 in Russian."""

    def format(self, /, *args: Any, **kwargs: Any) -> str:
        """Fill the message in, as str.format does, with the language's decimal sign."""
        return _NUMBERS.vformat(self, args, kwargs)


class _Numbers(string.Formatter):
    """str.format with a decimal comma in the fields that hold fractions."""

    def format_field(self, value: Any, format_spec: str) -> str:
        """Format one field; a number's decimal point becomes a comma (a string's points stay: paths, versions)."""
        text = super().format_field(value, format_spec)
        return text.replace(".", ",") if isinstance(value, numbers.Real) and not isinstance(value, bool) else text


_NUMBERS = _Numbers()


def _message(text: str) -> str:
    """Return a translation ready for format(): with the decimal comma where the language has one."""
    return Message(text) if _current()[0] in DECIMAL_COMMA else text


def gettext(message: str) -> str:
    """Return a message in the active language."""
    return _message(_current()[1].gettext(message))


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the form of a message for a count in the active language (Russian has three)."""
    return _message(_current()[1].ngettext(singular, plural, count))


def pgettext(context: str, message: str) -> str:
    """Return a message in the active language where the same English word means different things."""
    return _message(_current()[1].pgettext(context, message))


def thousands(number: int) -> str:
    """Return a whole number grouped as the language writes it: 80 000 000 (no-break spaces), 80,000,000."""
    text = f"{number:,}"
    return text.replace(",", "\u00a0") if _current()[0] in DECIMAL_COMMA else text


def N_(message: str) -> str:
    """Mark a message for the catalog where it is defined; it is translated where it is shown."""
    return message


_ = gettext

# Why an operating-system call failed, in the user's language: strerror follows the C locale, which
# Python leaves at "C" (English) whatever LANG says. The reasons the build meets; others keep strerror.
OS_REASONS = {
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOENT: N_("no such file or folder"),
    errno.ENOTDIR: N_("not a folder"),
    errno.EISDIR: N_("is a folder"),
    errno.EEXIST: N_("already exists"),
}


def os_reason(exc: OSError) -> str:
    """Return why an operating-system call failed, in the active language."""
    known = OS_REASONS.get(exc.errno or 0)
    return gettext(known) if known else (exc.strerror or str(exc))
