"""A zenml version a Helm chart template installs from the chart's values (review28 R2): a template's
``pip install "zenml=={{ .Values.zenml.version }}"`` with ``zenml: version: "0.13.2"`` in the chart's
``values.yaml``. The template is read again with each ``.Values`` action its values file resolves to a
plain scalar written in (the others masked as before); a pin finding on a resolved value is reported
at the template's place, naming the value and where it is set (no fix: the value is set there)."""

import bisect
import os
import re
from typing import Callable, Dict, List, Optional, Tuple

from zenml_migrate.findings import Finding, Span

# a template action (``{{ ... }}``, ``{{- ... -}}``) and, in it, a quoted string or another word
_ACTION = re.compile(r"\{\{-?(?P<body>(?:[^}\"']|\"[^\"\\\n]*\"|'[^'\n]*')*?)-?\}\}")
_TOKEN = re.compile(r"\"(?P<dq>[^\"\\\n]*)\"|'(?P<sq>[^'\n]*)'|(?P<word>[^\s\"']+)")
_VALUES_PATH = re.compile(r"^\$?\.Values\.(?P<path>[\w-]+(?:\.[\w-]+)*)$")
# functions of one value that give it as it is (``tpl`` of a value without an action in it too)
_SAME = ("toString", "trim", "tpl", "toYaml")


def values_action(body: str) -> Optional[Tuple[str, Optional[str], bool]]:
    """``(values path, default, quoted)`` of a template action that writes one ``.Values`` value:
    ``.Values.a.b``, ``default "0.13.2" .Values.a.b`` or ``.Values.a.b | default "0.13.2"``,
    ``required "msg" .Values.a.b`` (or piped), ``quote``/``squote`` (a function or a pipe),
    ``toString``/``trim``/``tpl``; None for any other action."""
    path, default, quoted = None, None, False
    for k, command in enumerate(body.split("|")):
        tokens = [(m.group("word"), m.group("dq") if m.group("dq") is not None else m.group("sq")) for m in _TOKEN.finditer(command)]
        if not tokens:
            return None
        name, args = tokens[0][0], tokens[1:]
        if name is not None and _VALUES_PATH.match(name) and k == 0 and not args:
            path = _VALUES_PATH.match(name).group("path")
            continue
        if name is None:
            return None
        # the value: piped in (``| default "x"``), or the function's argument (``default "x" .Values.a``:
        # the last one; ``tpl .Values.a .``: the first)
        if k == 0:
            at = 0 if name == "tpl" else -1
            values = _VALUES_PATH.match(args[at][0] or "") if args else None
            if values is None:
                return None
            path = values.group("path")
            args = args[1:] if name == "tpl" else args[:-1]
        if name == "default" and len(args) == 1 and (args[0][1] is not None or re.match(r"[\w][\w.-]*$", args[0][0])):
            default = args[0][1] if args[0][1] is not None else args[0][0]
        elif name == "required" and len(args) == 1 and args[0][1] is not None:
            pass
        elif name in ("quote", "squote") and not args:
            quoted = True
        elif name in _SAME and (not args or name == "tpl" and [a[0] for a in args] in (["."], ["$"])):
            pass
        else:
            return None
    return (path, default, quoted) if path else None


def values_pins(path: str, template: str, ctx, command_findings: Callable[[str], List[Finding]]) -> List[Finding]:
    """The pin findings of the template ``template`` (at ``path``) that only its chart's values
    give; ``command_findings(text)``: the findings of a template text whose actions are masked."""
    from zenml_migrate.scan.file_kinds import chart_values

    if ".Values." not in template:
        return []
    pin_rules = {r.code: r for r in ctx.index.rules for m in r.match if getattr(m, "pins", False)}
    if not pin_rules:
        return []
    found: Dict[Tuple[Span, str], List[str]] = {}  # (span, rule) -> where each value is set
    todo_lines: Dict[Tuple[Span, str], Optional[int]] = {}
    for values_path in chart_values(path) or [None]:
        values = _scalars(values_path) if values_path else {}
        name = os.path.basename(values_path) if values_path else "the chart's values"
        subs = []  # (start, end in the template, the value written there, where it is set)
        for m in _ACTION.finditer(template):
            action = values_action(m.group("body"))
            if action is None:
                continue
            key, default, quoted = action
            if key in values:
                value, line = values[key]
                where = f"`.Values.{key}`, set to `{value}` on line {line} of {name}"
            elif default:  # (Helm's ``default`` also replaces an empty value)
                value = default
                where = f"`.Values.{key}`, not set in {name}: its default `{value}` on line {template.count(chr(10), 0, m.start()) + 1}"
            else:
                continue
            subs.append((m.start(), m.end(), f'"{value}"' if quoted else value, where))
        if not subs:
            continue
        resolved, starts = _substituted(template, subs)
        from zenml_migrate.scan.yaml_scan import template_masked

        try:
            findings = command_findings(template_masked(path, resolved) or resolved)
        except Exception:  # (yaml_scan._YamlProblem: the resolved text is no YAML; nothing more is known)
            continue
        lines = _line_starts(resolved)
        for f in findings:
            if f.code not in pin_rules:
                continue
            a = lines[f.span.line - 1] + f.span.column - 1
            b = lines[f.span.end_line - 1] + f.span.end_column - 1
            used = [sub for sub, at in zip(subs, starts) if a < at + len(sub[2]) and at < b]
            if not used:
                continue  # a pin written in the template itself: the masked reading has it
            span = _span(template, _original(a, subs, starts, end=False), _original(b, subs, starts, end=True))
            found.setdefault((span, f.code), []).extend(sub[3] for sub in used)
            todo_lines[span, f.code] = f.todo_line  # (a value holds no line break: the lines are the template's)
    out = []
    for (span, code), where in found.items():
        shown = _text_of(template, span)
        why = f"the version is {' and '.join(dict.fromkeys(where))}: set it there"
        out.append(Finding(path, span, code, f"{pin_rules[code].message} (`{shown}`; no automatic fix here: {why})", None, todo_line=todo_lines[span, code]))
    return out


def _scalars(values_path: str) -> Dict[str, Tuple[str, int]]:
    """``dotted path -> (value as written, line)`` of each plain scalar (no line break) of a values file."""
    import yaml

    from zenml_migrate.safe_read import read_regular

    try:
        text = read_regular(values_path).decode("utf-8-sig")
        docs = list(yaml.compose_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except Exception:  # (unreadable, not UTF-8, not YAML: nothing resolves)
        return {}
    out: Dict[str, Tuple[str, int]] = {}
    stack = [("", d) for d in docs[:1] if d is not None]
    while stack:
        prefix, node = stack.pop()
        if not isinstance(node, yaml.MappingNode):
            continue
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                continue
            name = prefix + k.value
            if isinstance(v, yaml.ScalarNode) and v.value and "\n" not in v.value:
                out[name] = (v.value, v.start_mark.line + 1)
            elif isinstance(v, yaml.MappingNode):
                stack.append((name + ".", v))
    return out


def _substituted(text: str, subs: list) -> Tuple[str, List[int]]:
    """``text`` with each ``(start, end, value, ...)`` of ``subs`` written in, and where each value starts."""
    parts, starts, at, shift = [], [], 0, 0
    for start, end, value, *_ in subs:
        parts += [text[at:start], value]
        starts.append(start + shift)
        shift += len(value) - (end - start)
        at = end
    parts.append(text[at:])
    return "".join(parts), starts


def _original(offset: int, subs: list, starts: List[int], end: bool) -> int:
    """The offset in the template of the ``offset`` of the resolved text (inside a value: its action's start, or end)."""
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0:
        return offset
    start, stop, value = subs[k][:3]
    if offset < starts[k] + len(value) or (end and offset == starts[k] + len(value)):
        return stop if end else start
    return offset - (starts[k] + len(value)) + stop


def _line_starts(text: str) -> List[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def _span(text: str, a: int, b: int) -> Span:
    lines = _line_starts(text)
    la, lb = bisect.bisect_right(lines, a) - 1, bisect.bisect_right(lines, b) - 1
    return Span(la + 1, a - lines[la] + 1, lb + 1, b - lines[lb] + 1)


def _text_of(text: str, span: Span) -> str:
    lines = _line_starts(text)
    shown = text[lines[span.line - 1] + span.column - 1 : lines[span.end_line - 1] + span.end_column - 1]
    return shown[1:-1] if len(shown) > 1 and shown[0] == shown[-1] and shown[0] in "'\"" else shown


_WORD = re.compile(r"[^\s]+")


def value_requirements(text: str) -> List["Section"]:
    """The zenml requirements a Helm values file gives as plain values (``extraPip: "zenml==0.13.2"``,
    ``pipPackages: "mlflow zenml==0.13.2"``, a list item): each word of a one-line scalar that is a
    zenml requirement with a version, one section each (read as a requirement list's, ``pins.py``)."""
    import yaml

    from zenml_migrate.scan.command_lines import Section
    from zenml_migrate.scan.pins import requirement
    from zenml_migrate.yaml_edit import compose_exact, nodes

    if "zenml" not in text.lower():
        return []
    try:
        docs = compose_exact(text)
    except Exception:  # (yaml_edit.Declined, any YAML error: nothing is read)
        return []
    out = []
    for holder in nodes(docs):  # the values of mappings and the items of lists, never a key
        held = [v for _, v in holder.value] if isinstance(holder, yaml.MappingNode) else holder.value if isinstance(holder, yaml.SequenceNode) else []
        for node in held:
            if not isinstance(node, yaml.ScalarNode) or "zenml" not in node.value.lower() or "\n" in node.value:
                continue
            start = node.start_mark.index + (1 if node.style in ("'", '"') else 0)
            if text[start : start + len(node.value)] != node.value:
                continue  # (escapes: not written as read)
            for w in _WORD.finditer(node.value):  # (the pin is judged again for the rule's target: ``pins.item_pin``)
                if any(requirement(w.group(), 0, len(w.group()), target) is not None for target in ("0.20.0", "0.20.5")):
                    out.append(Section(w.group(), start + w.start(), requirement="pep508"))
    return sorted(out, key=lambda s: s.start)
