"""Regenerate what is generated from the rule objects: the rules table in README.md and the
rule pages in docs/rules/ (one page per code, plus an index). ``--check`` (CI, tests) exits 1
when any of them is out of date, without writing."""

import sys
from pathlib import Path
from typing import Dict

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"
RULE_DOCS = ROOT / "docs" / "rules"


def readme_table() -> str:
    from zenml_migrate.docs import rules_listing

    return rules_listing("markdown")


def updated(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{readme_table()}{END}{tail}"


def rule_pages() -> Dict[str, str]:
    """file name in docs/rules/ -> text."""
    from zenml_migrate.docs import rule_page, rules_index
    from zenml_migrate.rules import UNREADABLE_FILE, all_rules

    pages = {f"{r.code}.md": rule_page(r) for r in [UNREADABLE_FILE] + all_rules()}
    pages["README.md"] = rules_index()
    return pages


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        stale.append("README.md (rules table)")
        if not check:
            readme.write_text(new, encoding="utf-8")
    pages = rule_pages()
    RULE_DOCS.mkdir(parents=True, exist_ok=True)
    for name, body in sorted(pages.items()):
        path = RULE_DOCS / name
        if not path.is_file() or path.read_text(encoding="utf-8") != body:
            stale.append(f"docs/rules/{name}")
            if not check:
                path.write_text(body, encoding="utf-8")
    for path in sorted(RULE_DOCS.glob("*.md")):
        if path.name not in pages:
            stale.append(f"docs/rules/{path.name} (no such rule)")
            if not check:
                path.unlink()
    if check and stale:
        print("out of date (run python scripts/update_docs.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
