"""Regenerate the rules table in README.md from the rule objects (`--check` for CI)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def render() -> str:
    from zenml_migrate.docs import rules_listing

    return rules_listing("markdown")


def updated(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render()}{END}{tail}"


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = updated(text)
    if "--check" in sys.argv:
        if new != text:
            print("README.md rules table is out of date: run python scripts/update_readme.py")
            return 1
        return 0
    readme.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
