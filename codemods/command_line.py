"""Codemods for ``zenml`` command lines (the CLI rules, ``rules/cli.py``). Not LibCST: a
command line is not Python. Each gets one match (``migrate/scan/command_scan.py::Match``:
the parsed invocation, the option used, the file text) and returns text edits
``(start, end, replacement)``; ``migrate/fix/command_fix.py`` applies them and re-checks."""

import re
from typing import List, Tuple

Edit = Tuple[int, int, str]

# what separates two words of one command in the file: blanks, a continued line break (``\\``,
# batch ``^``, PowerShell backquote), the commas and quotes of a list (a JSON list's words are
# the strings' contents), a block list's ``- `` item marker
_SEPARATOR = re.compile(r"(?:[ \t,\"']+|[\\^`]?\r?\n(?:[ \t]*-(?=[ \t]))?)*")


class DropOption:
    """Remove the option and its value, with the blank (or backslash-continued line break)
    before it: ``zenml stack register s -m x -a y`` -> ``zenml stack register s -a y``; with
    the blank after it when the word before it is not next to it (a pre-commit hook's ``args``
    list starting with ``-m``: the entry's words are lines above, other keys between). No edit
    when neither side is only blanks."""

    def edits(self, text: str, match, rule) -> List[Edit]:
        used = match.used
        if used is None or used.word == 0:
            return []
        words = match.invocation.words
        first, last = self.removed_words(match)
        if _SEPARATOR.fullmatch(text, words[first - 1].end, words[first].start):
            return [(words[first - 1].end, words[last].end, "")]
        if last + 1 < len(words) and _SEPARATOR.fullmatch(text, words[last].end, words[last + 1].start):
            return [(words[first].start, words[last + 1].start, "")]
        return []

    def removed_words(self, match) -> Tuple[int, int]:
        """The first and last word it removes (indices in the invocation's words): where the
        command is a list of words (``subprocess.run(["zenml", ...])``), those items go."""
        used = match.used
        return used.word, used.value if used.value is not None else used.word


class RenameOption:
    """Spell the option the 0.20 way (rule argument ``option``), its value untouched:
    ``-t kubeflow`` -> ``--flavor kubeflow``, ``--type=s3`` -> ``--flavor=s3``."""

    def edits(self, text: str, match, rule) -> List[Edit]:
        used = match.used
        if used is None:
            return []
        word = match.invocation.words[used.word]
        if text[word.start : word.start + len(used.spelling)] != used.spelling:
            return []  # quoted or escaped: leave it to a human
        return [(word.start, word.start + len(used.spelling), rule.arg("option"))]


class FlavorSource:
    """The class path of ``zenml <type> flavor register`` -> its 0.20 Flavor class, named by the
    match (``migrate/scan/component_port.py::flavor_source``: the class is ported to
    ``<X>Flavor`` by this run, or already has it)."""

    def edits(self, text: str, match, rule) -> List[Edit]:
        if not match.replacement or text[match.start : match.end] != match.replacement[: -len("Flavor")]:
            return []  # quoted or escaped: leave it to a human
        return [(match.start, match.end, match.replacement)]


class Respell:
    """The option as the 0.20 releases spell it (named by the match: ``command_scan.respelled``),
    its value untouched: ``--artifact_store x`` -> ``--artifact-store x``."""

    def edits(self, text: str, match, rule) -> List[Edit]:
        used = match.used
        if used is None or not match.replacement:
            return []
        word = match.invocation.words[used.word]
        if text[word.start : word.start + len(used.spelling)] != used.spelling:
            return []  # quoted or escaped: leave it to a human
        return [(word.start, word.start + len(used.spelling), match.replacement)]


class FlavorName:
    """The flavor of ``zenml <component> register`` as 0.20 names it (the match's
    ``replacement``; ``command_scan.renamed_flavor``): ``--flavor=gcp_secrets_manager`` ->
    ``--flavor=gcp``, the rest of the word untouched."""

    def edits(self, text: str, match, rule) -> List[Edit]:
        used = match.used
        if used is None or not match.replacement:
            return []
        word = match.invocation.words[used.value if used.value is not None else used.word]
        old = match.old
        raw = text[word.start : word.end]
        at = raw.rfind(old)
        if at < 0 or raw[at + len(old) :] not in ("", "'", '"'):
            return []  # escaped or spelled in pieces: leave it to a human
        return [(word.start + at, word.start + at + len(old), match.replacement)]


class PinVersion:
    """The version part of a zenml requirement as the match names it (``migrate/scan/pins.py``
    decides where the spelling is exact): ``zenml[server]==0.13.2`` -> ``zenml[server]==0.20.5``,
    extras, markers and the rest of the line untouched."""

    def edits(self, text: str, match, rule) -> List[Edit]:
        if match.replacement is None or match.at is None:
            return []
        return [(match.at[0], match.at[1], match.replacement)]
