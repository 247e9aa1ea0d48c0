"""What the scan is asked about each file, in a module of its own: a warm run (every answer from
the results cache) needs these, and none of the detection that ``file_scan`` and ``detect`` import."""

from dataclasses import dataclass
from typing import NamedTuple, Optional, Tuple


@dataclass
class FileJob:
    """A file to scan: its path, kind and module name."""

    path: str  # as shown to the user
    kind: str  # "py" | "ipynb" | "yaml" | "zen_config"
    module_name: str = ""
    is_package: bool = False
    read_as: str = ""  # the kind the scan read it as when not ``kind`` (``FileResult.read_as``), for the fixer


class Selection(NamedTuple):
    """What a run asks of every file: the codes of the rules selected and the release a fix
    writes for (``ScanContext.target``; None: the default). It travels to the pool's workers
    (``pool.init_worker``) and keys the results cache (``cache.selection_key``)."""

    codes: Tuple[str, ...]
    target: Optional[str] = None
