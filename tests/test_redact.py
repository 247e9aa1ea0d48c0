"""Report snippets (``full``, ``html``) show source lines with credentials masked
(``redact.mask_assignments``): assignments, keyword arguments, YAML keys and command-line options."""

import pytest

from zenml_migrate.redact import MASK, mask_assignments

MASKED = [
    ("password: my pass phrase", f"password: {MASK}"),
    ('db_password = "a b"', f"db_password = {MASK}"),
    ('Client(token="abc123", n=1)', f"Client(token={MASK}, n=1)"),
    ("export AWS_SECRET_ACCESS_KEY=abc123", f"export AWS_SECRET_ACCESS_KEY={MASK}"),
    # a shell assignment's value is one word: the command after it stays readable
    ("ZENML_STORE_PASSWORD=abc123 zenml profile set prod", f"ZENML_STORE_PASSWORD={MASK} zenml profile set prod"),
    ("zenml stack register s --password abc123 -o default", f"zenml stack register s --password {MASK} -o default"),
    ("zenml x --api-key 'a b c' --flag", f"zenml x --api-key {MASK} --flag"),
    ("zenml x --token=abc123", f"zenml x --token={MASK}"),
    ("zenml x --key-file ./id_rsa", f"zenml x --key-file {MASK}"),
    ("run: zenml login https://u:hunter22@host/x", "run: zenml login https://u:" + MASK + "@host/x"),
]

KEPT = [
    "zenml x --password --other-flag",  # an option without a value
    "zenml stack register prod -m mlmd -a s3",
    "cmd -p value",  # a one-letter option says nothing about its value
    "name: training",
    "password: null",
]


@pytest.mark.parametrize("line,expected", MASKED)
def test_secret_values_are_masked(line, expected):
    assert mask_assignments(line) == expected


@pytest.mark.parametrize("line", KEPT)
def test_other_lines_are_kept(line):
    assert mask_assignments(line) == line
