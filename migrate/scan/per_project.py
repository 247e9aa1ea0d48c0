"""Facts computed once per project index (the ``Dict[str, str]`` phase A of the scan builds,
``engine.py``), not once per file that asks: the last project asked for and its answer."""

from functools import wraps
from typing import Callable, Dict, TypeVar

T = TypeVar("T")


def per_project(compute: Callable[[Dict[str, str]], T]) -> Callable[[Dict[str, str]], T]:
    """``compute(project)``, run again only for another project object (by identity: a run
    builds its index once and every file of it asks with that one dict)."""
    last: list = [None, None]

    @wraps(compute)
    def once(project: Dict[str, str]) -> T:
        if last[0] is not project:
            last[:] = [project, compute(project)]
        return last[1]

    return once
