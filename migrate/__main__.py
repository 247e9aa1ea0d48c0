"""``python -m zenml_migrate``.

``-m`` puts the current folder first on ``sys.path``. Run inside a user's project, its folders
and files would then shadow the standard library for every import still to come (a ``platform/``
package, a ``typing.py`` or ``signal.py`` next to the code: a traceback before the command even
starts). That entry is dropped here, before anything else is imported (``sys`` and ``os`` are
loaded at interpreter start, so they are the user's neither), unless it is where zenml_migrate
itself is installed from (run from ``site-packages``: its neighbours are our dependencies).
``migrate`` (the console script) never has the folder on ``sys.path``: its first entry is the
script's own folder. Neither run imports the user's code: the scan reads and parses it.

The package's ``__init__`` runs before this file: it imports nothing, and must stay so.
"""

import os
import sys


def _drop_the_current_folder() -> None:
    if not sys.path:
        return
    first = sys.path[0]
    try:
        here = os.path.realpath(os.getcwd())
        if first != "" and os.path.realpath(first) != here:
            return  # not the folder ``-m`` added (``-P``, or ``python some/dir``)
        package = os.path.dirname(os.path.abspath(sys.modules[__package__].__file__))
        if os.path.basename(package) == __package__ and os.path.realpath(os.path.dirname(package)) == here:
            return  # zenml_migrate is imported through this entry: its dependencies may be too
    except (OSError, KeyError, AttributeError, TypeError):  # no current folder (deleted meanwhile)
        if first != "":
            return
    del sys.path[0]


_drop_the_current_folder()

from zenml_migrate.start import entry  # noqa: E402  (after the folder is dropped)

entry()
