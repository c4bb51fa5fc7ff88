"""Where the paper designs and the fonts are: installed package data, or the repository's own folders.

A wheel carries layouts/ and fonts/ inside the package as volna_print/_data/ (pyproject.toml maps them), so a
plain `pip install` builds an issue from any folder; in a checkout (and an editable install) they are the
repository's top-level folders. $VOLNA_LAYOUTS and $VOLNA_FONTS override both.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "_data"
CHECKOUT = Path(__file__).resolve().parents[2]


def _find(name: str, variable: str) -> Path:
    """Return the folder: the environment's, the installed package data, or the checkout's."""
    override = os.environ.get(variable)
    if override:
        return Path(override)
    installed = PACKAGE_DATA / name
    return installed if installed.is_dir() else CHECKOUT / name


def layouts_dir() -> Path:
    """Return the folder of paper designs."""
    return _find("layouts", "VOLNA_LAYOUTS")


def fonts_dir() -> Path:
    """Return the folder of the only fonts a build may use."""
    return _find("fonts", "VOLNA_FONTS")
