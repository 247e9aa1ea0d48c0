"""`scan -o FILE` without --format writes the format the file name says (and names it on stderr)."""

import pytest

from zenml_migrate.output import default_format


@pytest.mark.parametrize(
    "name,fmt",
    [
        ("report.json", "json"),
        ("out/REPORT.JSON", "json"),
        ("results.sarif", "sarif"),
        ("results.sarif.json", "sarif"),  # GitHub code scanning's other spelling (was plain JSON)
        ("gl-code-quality-report.json", "gitlab"),  # GitLab's code quality artifact (was plain JSON)
        ("ci/gl-code-quality-report.json", "gitlab"),
        ("zenml.codeclimate.json", "gitlab"),
        ("findings.jsonl", "json-lines"),
        ("findings.ndjson", "json-lines"),  # was concise text
        ("report.html", "html"),
        ("report.htm", "html"),
        ("junit.xml", "junit"),
        ("report.junit.xml", "junit"),
        ("report.txt", "concise"),
        ("my-gl-code-quality-report.json", "json"),
    ],
)
def test_the_file_name_picks_the_format(name, fmt):
    assert default_format(False, name) == fmt
    assert default_format(True, name) == fmt
