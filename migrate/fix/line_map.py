"""Line numbers of a rewritten text taken back to the text on disk.

``migrate code`` re-checks the text it would write; what is left for a human is found there,
but users look for it in the file they have (``migrate scan`` and every other output number
lines of the file on disk). A line the rewrite did not touch maps exactly (the TODO comments
and import lines added above it are skipped over); a line inside a rewritten block maps to
the same offset in the block it replaced (its last line when the new block is longer).
"""

import difflib
import re
from bisect import bisect_right
from typing import List, Tuple

_NEWLINE = re.compile(r"\r\n|\r|\n")


class LineMap:
    def __init__(self, old: str, new: str):
        a, b = _NEWLINE.split(old), _NEWLINE.split(new)
        self._blocks: List[Tuple[int, int, int, int]] = []  # (new start, new end, old start, old end), 0-based
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if j2 > j1:
                self._blocks.append((j1, j2, i1, i2 if tag != "insert" else i1))
        self._starts = [blk[0] for blk in self._blocks]
        self._old_lines = len(a)

    def old_line(self, new_line: int) -> int:
        """The 1-based line of the old text that 1-based ``new_line`` of the new text stands for."""
        k = bisect_right(self._starts, new_line - 1) - 1
        if k < 0:
            return max(1, min(new_line, self._old_lines))
        j1, j2, i1, i2 = self._blocks[k]
        if i2 == i1:  # inserted lines (a TODO, an import): they belong to the line that follows
            return min(i1 + 1, self._old_lines)
        return min(i1 + (new_line - 1 - j1), i2 - 1) + 1
