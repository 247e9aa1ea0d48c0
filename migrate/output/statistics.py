"""``--statistics``: only the per-rule table (count, code, name, fix), most frequent first.
The fix column says what happens to these findings: the rule's level when every one of them
has it, else what they have (``none`` for a safe rule whose occurrences here have no fix,
``safe 3, none 1`` when mixed: a fix is per occurrence)."""

from collections import Counter

from zenml_migrate.output.color import Paint
from zenml_migrate.output.common import UNREADABLE, items, statistics_rows

WORD = {"safe": "safe", "unsafe": "unsafe", None: "none"}


def render(report, rules, out, options):
    rows = statistics_rows(report)
    if not rows:
        return
    paint = Paint(options.color)
    per_code = {}
    for f in items(report):
        per_code.setdefault(f.code, Counter())[f.fix] += 1
    for r in rows:
        got = per_code.get(r["code"], Counter())
        if set(got) - {r["fix"] if r["fix"] != "none" else None}:
            ordered = sorted(got.items(), key=lambda kv: ("safe", "unsafe", None).index(kv[0]))
            r["fix"] = WORD[ordered[0][0]] if len(ordered) == 1 else ", ".join(f"{WORD[fix]} {n:,}" for fix, n in ordered)
    count_w = max(len("count"), *(len(f"{r['count']:,}") for r in rows))
    name_w = max(len("name"), *(len(r["name"]) for r in rows))
    lines = [paint("bold", f"{'count':>{count_w}}  code   {'name':<{name_w}}  fix")]
    for r in rows:
        code = paint("bold yellow" if r["code"] == UNREADABLE else "bold red", f"{r['code']:<5}")
        lines.append(f"{r['count']:>{count_w},}  {code}  {r['name']:<{name_w}}  {r['fix']}".rstrip())
    out.write("\n".join(lines) + "\n")
