"""The source lines findings point at, for snippets (``full``, ``html``): the file on disk as
it was scanned (Python decoded by its coding cookie, a notebook cell by its number, YAML and
command-line files as UTF-8), or the text read from stdin. Lines are split the way Python's tokenizer counts them."""

import re
from typing import Dict, List, Optional, Tuple

from zenml_migrate.redact import mask_assignments
from zenml_migrate.safe_read import CONFIG_CAP, read_regular

_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> List[str]:
    return _NEWLINE.split(text)


class Sources:
    def __init__(self, stdin: Optional[Tuple[str, bytes]] = None):
        self._stdin = stdin
        self._cache: Dict[Tuple[str, Optional[int]], Optional[List[str]]] = {}

    def lines(self, path: str, cell: Optional[int] = None) -> Optional[List[str]]:
        """The lines of ``path`` (of its cell ``cell``), or None when they cannot be read. The
        values of secret-looking keys are masked: a report never shows a credential."""
        key = (path, cell)
        if key not in self._cache:
            lines = self._read(path, cell)
            self._cache[key] = [mask_assignments(line) for line in lines] if lines is not None else None
        return self._cache[key]

    def _read(self, path: str, cell: Optional[int]) -> Optional[List[str]]:
        if self._stdin is not None and path == self._stdin[0]:
            data = self._stdin[1]
        else:
            try:
                data = read_regular(path, CONFIG_CAP)  # never a FIFO or a device: a report must not hang
            except OSError:
                return None
        try:
            if path.endswith(".ipynb"):
                from zenml_migrate.scan.notebook import read_notebook

                found = [c for c in read_notebook(data).cells if c.number == cell]
                return [line.rstrip("\r") for line in found[0].lines] if found else None
            if path.endswith(".py") or (self._stdin is not None and path == self._stdin[0] and "." not in path.rsplit("/", 1)[-1]):
                from zenml_migrate.scan.sources import decode_python

                return split_lines(decode_python(data).text)
            return split_lines(data.decode("utf-8-sig", "replace"))  # YAML, shell scripts, Makefiles, Markdown
        except Exception:  # a file that cannot be read as text has a ZM001 already: no snippet
            return None
