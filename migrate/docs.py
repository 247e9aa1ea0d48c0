"""Rule documentation from the rule objects: `migrate rules`, `migrate explain`, README table."""

import json
from typing import List

from zenml_migrate.rules import Rule, all_rules


def explain(rule: Rule) -> str:
    """ruff-style: what it does / why / instead / fix safety / examples."""
    out: List[str] = [f"{rule.code} ({rule.name})", "", "## What it does", rule.message, "", "## Why", rule.why, ""]
    out += ["## Instead", rule.instead, "", "## Fix safety", f"{rule.fix.value}. {rule.fix_note}".strip(), ""]
    if rule.bad:
        out.append("## Flagged")
        for ex in rule.bad:
            out += ["", "```python" if ex.filename.endswith(".py") else "```", ex.code.rstrip("\n"), "```"]
            if ex.fixed is not None:
                out += ["becomes (migrate code --fix" + (" --unsafe-fixes" if ex.unsafe else "") + "):", "```", ex.fixed.rstrip("\n"), "```"]
        out.append("")
    if rule.good:
        out.append("## Not flagged")
        for ex in rule.good:
            out += ["", "```python" if ex.filename.endswith(".py") else "```", ex.code.rstrip("\n"), "```"]
        out.append("")
    return "\n".join(out) + "\n"


def rules_listing(fmt: str = "text") -> str:
    rules = all_rules()
    if fmt == "json":
        return json.dumps(
            [{"code": r.code, "name": r.name, "message": r.message, "fix": r.fix.value, "family": r.family} for r in rules],
            indent=2,
        ) + "\n"
    if fmt == "markdown":
        lines = ["| code | name | fix | what |", "| --- | --- | --- | --- |"]
        lines += [f"| {r.code} | {r.name} | {r.fix.value} | {r.message} |" for r in rules]
        return "\n".join(lines) + "\n"
    width = max(len(r.name) for r in rules)
    return "".join(f"{r.code}  {r.name:<{width}}  {r.fix.value:<6}  {r.message}\n" for r in rules)
