"""What zenml-migrate writes into a project is not the project's: a report (`migrate scan
--format html -o report.html`, `migrate profiles --report report.html|.md`) carries ``MARK`` near
its top, a bundle folder (`migrate profiles --bundle DIR`) its manifest. The scan reads neither
(review30 R8: the `zenml` commands a report quotes were findings, and `--fix` rewrote the report)."""

MARK = b"<!-- written by zenml-migrate: not scanned -->"
BUNDLE_MANIFEST = ".zenml-migrate-bundle.json"  # the bundle's list of its files (``profiles.targets.bundle_dir``)
_HEAD = 4096  # the mark is written before the first line of content


def written_by_us(data: bytes) -> bool:
    """Is ``data`` a report this tool wrote?"""
    return MARK in data[:_HEAD]
