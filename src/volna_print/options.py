"""Options shared by the commands that build: the build cache and the worker processes."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from .cache import BuildCache
from .i18n import N_


def cache_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --no-cache and -j/--jobs to a command (passed on as no_cache and jobs)."""

    @click.option("--no-cache", is_flag=True,
                  help=N_("Neither read nor write the build cache on disk ($VOLNA_CACHE_DIR, else "
                          "$XDG_CACHE_HOME/volna-print): everything is set anew."))
    @click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                  help=N_("Worker processes for independent renders [default: the number of cores]; the "
                          "output is the same byte for byte for any number."))
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return command(*args, **kwargs)

    return wrapper


@contextmanager
def opened_cache(no_cache: bool, jobs: int | None) -> Iterator[BuildCache]:
    """Yield the build's cache; afterwards stop its workers and keep the folder within its size."""
    cache = BuildCache.open(use_disk=not no_cache, jobs=jobs)
    try:
        yield cache
    finally:
        cache.close()
        cache.prune()
