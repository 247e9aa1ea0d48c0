"""``--statistics``: only the per-rule table (count, code, name, fix), most frequent first."""

from zenml_migrate.output.color import Paint
from zenml_migrate.output.common import UNREADABLE, statistics_rows


def render(report, rules, out, options):
    rows = statistics_rows(report)
    if not rows:
        return
    paint = Paint(options.color)
    count_w = max(len("count"), *(len(f"{r['count']:,}") for r in rows))
    name_w = max(len("name"), *(len(r["name"]) for r in rows))
    lines = [paint("bold", f"{'count':>{count_w}}  code   {'name':<{name_w}}  fix")]
    for r in rows:
        code = paint("bold yellow" if r["code"] == UNREADABLE else "bold red", f"{r['code']:<5}")
        lines.append(f"{r['count']:>{count_w},}  {code}  {r['name']:<{name_w}}  {r['fix']}".rstrip())
    out.write("\n".join(lines) + "\n")
