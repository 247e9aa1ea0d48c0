"""The shell text of workflow and build languages that embed command lines in their own syntax:
WDL task ``command`` sections, Nextflow process ``script:``/``shell:`` strings, TeamCity's Kotlin
DSL (``scriptContent``, ``exec { path; arguments }``), cargo-make's ``Makefile.toml`` (a task's
``command`` + ``args``, its ``script``) and the ``<pre>`` blocks of HTML pages. Each reader gives
``Section``s at the offsets of the text in the file, as ``command_configs.READERS`` do."""

import html
import re
from typing import Dict, Iterator, List, Optional

from zenml_migrate.scan.command_lines import Section, Word, offset_lines, shell_block, split_commands

# ------------------------------------------------------------------ WDL
# a task's ``command <<< ... >>>`` (placeholders ``~{x}``) or ``command { ... }`` (``${x}``, ``~{x}``)
_WDL_COMMAND = re.compile(r"(?m)^[ \t]*command[ \t]*(<<<|\{)")


def wdl(text: str) -> Iterator[Section]:
    for m in _WDL_COMMAND.finditer(text):
        body = m.end()
        if m.group(1) == "<<<":
            end = text.find(">>>", body)
        else:
            end = _closing(text, body)
        if end is not None and end >= 0:
            yield Section(text[body:end], body)


def _closing(text: str, i: int, pair: str = "{}") -> Optional[int]:
    """The offset of the bracket closing the one just before ``i`` (``pair``: its two characters;
    the brackets of placeholders, shell groups and calls inside are balanced); None if none."""
    depth = 1
    for k in range(i, len(text)):
        depth += (text[k] == pair[0]) - (text[k] == pair[1])
        if depth == 0:
            return k
    return None


# ------------------------------------------------------------------ Nextflow
# a process's ``script:``/``shell:`` directive: the string after it (optionally after Groovy
# statements) is the task's shell script; ``exec:`` is Groovy
_NEXTFLOW_DIRECTIVE = re.compile(r"(?m)^[ \t]*(script|shell|stub)[ \t]*:[ \t]*(?://[^\n]*)?$")
_NEXTFLOW_NEXT = re.compile(r"(?m)^[ \t]*(?:input|output|when|script|shell|exec|stub)[ \t]*:|^[ \t]*(?:process|workflow)\b")
_GROOVY_STRING = re.compile(r"\"\"\"|'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")


def nextflow(text: str) -> Iterator[Section]:
    for m in _NEXTFLOW_DIRECTIVE.finditer(text):
        stop = _NEXTFLOW_NEXT.search(text, m.end())
        limit = stop.start() if stop else len(text)
        s = _GROOVY_STRING.search(text, m.end(), limit)
        if s is None:
            continue
        quote = s.group(0)
        if quote in ('"""', "'''"):
            end = text.find(quote, s.end())
            if end < 0:
                continue
            yield Section(text[s.end() : end], s.end())
        elif "\\" not in quote:
            yield Section(quote[1:-1], s.start() + 1, anchor=text.rfind("\n", 0, s.start()) + 1)


# ------------------------------------------------------------------ TeamCity Kotlin DSL
# ``scriptContent = "LINE"`` / ``scriptContent = """SCRIPT"""`` of a ``script { }`` step; an
# ``exec { path = "zenml"; arguments = "stack list" }`` step's program and its arguments line
_KOTLIN_SCRIPT = re.compile(r"\bscriptContent[ \t]*=[ \t]*(\"\"\"|\")")
_KOTLIN_EXEC = re.compile(r"\bexec[ \t]*\{")
_KOTLIN_KEY = re.compile(r"\b(path|arguments)[ \t]*=[ \t]*\"((?:[^\"\\\n$]|\\.)*)\"")


def teamcity(text: str) -> Iterator[Section]:
    for m in _KOTLIN_SCRIPT.finditer(text):
        body = m.end()
        end = text.find(m.group(1), body)
        if end < 0 or (m.group(1) == '"' and ("\n" in text[body:end] or "\\" in text[body:end])):
            continue
        yield Section(text[body:end], body, anchor=None if m.group(1) == '"""' else text.rfind("\n", 0, m.start()) + 1)
    for m in _KOTLIN_EXEC.finditer(text):
        end = _closing(text, m.end())
        keys = {k.group(1): k for k in _KOTLIN_KEY.finditer(text, m.end(), end if end is not None else len(text))}
        path, arguments = keys.get("path"), keys.get("arguments")
        if path is None or "\\" in path.group(2):
            continue
        words = [Word(path.group(2), path.start(2), path.end(2))]
        if arguments is not None and "\\" not in arguments.group(2):
            words += [w for command in split_commands(arguments.group(2), arguments.start(2)) for w in command]
        yield Section(text[words[0].start : words[-1].end], words[0].start, words=words, anchor=text.rfind("\n", 0, m.start()) + 1)


# ------------------------------------------------------------------ cargo-make
_TOML_KEY_STRING = re.compile(r"^[ \t]*(command)[ \t]*=[ \t]*(?:\"((?:[^\"\\\r\n])*)\"|'([^'\r\n]*)')")
_TOML_ARGS = re.compile(r"^[ \t]*args[ \t]*=[ \t]*(?=\[)")
_TOML_ARRAY_ITEM = re.compile(r"\"((?:[^\"\\\r\n]|\\.)*)\"|'([^'\r\n]*)'|#[^\n]*|\]|,|[^\s\],#]+")


def cargo_make(text: str) -> Iterator[Section]:
    """cargo-make's ``Makefile.toml``: a task's ``script`` (a line, a list of lines or a multi-line
    string) and its ``command`` run with its ``args`` list (no shell)."""
    from zenml_migrate.scan.command_configs import toml_tasks
    from zenml_migrate.scan.pins import toml_lines

    yield from toml_tasks(text)
    tasks: Dict[str, Dict[str, List[Word]]] = {}
    for offset, line, table in toml_lines(text):
        if not table.startswith("tasks."):
            continue
        m = _TOML_KEY_STRING.match(line)
        if m is not None:
            group = 2 if m.group(2) is not None else 3
            tasks.setdefault(table, {})["command"] = [Word(m.group(group), offset + m.start(group), offset + m.end(group))]
            continue
        a = _TOML_ARGS.match(line)
        if a is not None:
            tasks.setdefault(table, {})["args"] = _toml_word_list(text, offset + a.end())
    for fields in tasks.values():
        command = fields.get("command")
        if command and "zenml" in command[0].value:
            words = command + fields.get("args", [])
            yield Section(text[words[0].start : words[-1].end], words[0].start, words=words, anchor=None)


def _toml_word_list(text: str, at: int) -> List[Word]:
    """The plain string items of the TOML array opening at ``at``; an item that is no plain string
    (an escape, a table) ends the known words (``more``: others follow at run time)."""
    words: List[Word] = []
    for m in _TOML_ARRAY_ITEM.finditer(text, at + 1):
        token = m.group(0)
        if token == "]":
            break
        if token == "," or token.startswith("#"):
            continue
        if m.group(1) is not None and "\\" not in m.group(1) or m.group(2) is not None:
            value = m.group(1) if m.group(1) is not None else m.group(2)
            words.append(Word(value, m.start() + 1, m.end() - 1))
            continue
        if words:
            words[-1].more = True
        break
    return words


# ------------------------------------------------------------------ HTML
# a ``<pre>`` block (with or without ``<code>``): its text with the tags blanked and the character
# references written as their character followed by blanks, so every character keeps its offset;
# a block whose class names another language (``language-python``) is not shell text
_PRE = re.compile(r"(?is)<pre\b([^>]*)>(.*?)</pre\s*>")
_TAG = re.compile(r"(?s)<[^>]*>")
_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_CLASSES = re.compile(r"(?i)\bclass[ \t]*=[ \t]*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))")
_LANGUAGE_CLASS = re.compile(r"(?i)^(?:language|lang|highlight-source|highlight)-([\w+-]+)$")
_SHELL_CLASSES = {"bash", "sh", "shell", "zsh", "console", "shell-session", "terminal", "bash-session", "shellsession", "cli", "text",
                  "plaintext", "none", "nohighlight"}
_OTHER_LANGUAGES = {"python", "py", "python3", "ipython", "pycon", "yaml", "yml", "json", "toml", "ini", "dockerfile", "powershell",
                    "batch", "bat", "cmd", "r", "sql", "javascript", "js", "html", "xml"}


def _shell_pre(tags: str) -> bool:
    """Is a ``<pre>`` block (``tags``: its own tag's attributes and its first inner tag) shell text:
    a class naming a shell language (``language-bash``, ``highlight-source-shell``), or no class
    naming another language (``language-python``, ``python``)?"""
    classes = [c for m in _CLASSES.finditer(tags) for c in (m.group(1) or m.group(2) or m.group(3) or "").split()]
    languages = [m.group(1).lower() for m in map(_LANGUAGE_CLASS.match, classes) if m]
    if languages:
        return any(lang in _SHELL_CLASSES for lang in languages)
    return not {c.lower() for c in classes} & _OTHER_LANGUAGES


def html_blocks(text: str) -> Iterator[Section]:
    for m in _PRE.finditer(text):
        body = m.group(2)
        first = _TAG.match(body.lstrip())
        if not _shell_pre(m.group(1) + " " + (first.group(0) if first else "")):
            continue
        shadow = _TAG.sub(lambda t: re.sub(r"[^\n]", " ", t.group(0)), body)
        shadow = _REFERENCE.sub(lambda r: _reference(r.group(0)), shadow)
        masked = " " * m.start(2) + shadow
        lines = [(offset, line) for offset, line in offset_lines(masked) if offset + len(line) > m.start(2)]
        if lines and "zenml" in shadow:
            lines[0] = (m.start(2), masked[m.start(2) : lines[0][0] + len(lines[0][1])])
            yield from shell_block(masked, lines)


def _reference(ref: str) -> str:
    char = html.unescape(ref)
    return char + " " * (len(ref) - len(char)) if len(char) == 1 and char not in "\n\"'" else " " * len(ref)


# ------------------------------------------------------------------ Pants / Bazel BUILD files
# Pants' ``run_shell_command(command="...")``/``shell_command(command="...")`` (and their
# ``experimental_`` names) and Bazel's ``genrule(cmd="...")``: a shell line
_BUILD_CALL = re.compile(r"\b(?:experimental_)?(?:run_shell_command|shell_command|genrule)[ \t]*\(")
_BUILD_COMMAND = re.compile(r"\b(?:command|cmd|cmd_bash)[ \t]*=[ \t]*(?:\"((?:[^\"\\\r\n])*)\"|'([^'\\\r\n]*)')")


def build_file(text: str) -> Iterator[Section]:
    for m in _BUILD_CALL.finditer(text):
        end = _closing(text, m.end(), "()")
        for c in _BUILD_COMMAND.finditer(text, m.end(), len(text) if end is None else end):
            group = 1 if c.group(1) is not None else 2
            yield Section(c.group(group), c.start(group), anchor=text.rfind("\n", 0, c.start()) + 1)


def string_lines(text: str) -> Dict[int, str]:
    """The 1-based numbers of the lines inside the triple-quoted strings of a Groovy/Kotlin file
    (a Nextflow ``script:`` block, a TeamCity ``scriptContent``): a note there is a shell
    comment (no lead before its ``#``), not the language's ``// ``."""
    out: Dict[int, str] = {}
    for m in re.finditer(r"(\"\"\"|''')(.*?)\1", text, re.S):
        first = text.count("\n", 0, m.start()) + 2
        last = text.count("\n", 0, m.end()) + 1
        out.update(dict.fromkeys(range(first, last + 1), ""))
    return out


# ------------------------------------------------------------------ GoCD XML
# ``<exec command="zenml" args="stack list"/>`` or ``<exec command="zenml"><arg>stack</arg>...</exec>``
# (``cruise-config.xml``, ``*.gocd.xml``): the program and its arguments (no shell); ``<exec
# command="bash"><arg>-c</arg><arg>LINE</arg></exec>`` runs LINE
_XML_EXEC = re.compile(r"(?s)<exec\b([^>]*?)(?:/>|>(.*?)</exec\s*>)")
_XML_ATTRIBUTE = re.compile(r"\b(command|args)[ \t]*=[ \t]*(?:\"([^\"&<]*)\"|'([^'&<]*)')")
_XML_ARG = re.compile(r"(?s)<arg>([^<]*)</arg>")


def gocd_xml(text: str) -> Iterator[Section]:
    from zenml_migrate.scan.command_lines import run

    for m in _XML_EXEC.finditer(text):
        attributes = {a.group(1): a for a in _XML_ATTRIBUTE.finditer(text, m.start(1), m.end(1))}
        command = attributes.get("command")
        if command is None:
            continue
        group = 2 if command.group(2) is not None else 3
        words = [Word(command.group(group), command.start(group), command.end(group))]
        args = attributes.get("args")
        if args is not None:
            g = 2 if args.group(2) is not None else 3
            words += [w for c in split_commands(args.group(g), args.start(g)) for w in c]
        elif m.group(2) is not None:
            for a in _XML_ARG.finditer(text, m.start(2), m.end(2)):
                if "&" in a.group(1):  # (a character reference: the value differs from the text)
                    words.append(Word(html.unescape(a.group(1)), a.start(1), a.end(1)))
                    words[-1].more = True
                    break
                words.append(Word(a.group(1), a.start(1), a.end(1)))
        anchor = text.rfind("\n", 0, m.start()) + 1
        yield Section(text[words[0].start : words[-1].end], words[0].start, words=words, anchor=anchor)
        line = run(words).line
        if line is not None and "&" not in text[line.start : line.end]:
            yield Section(line.value, line.start, anchor=anchor)


# ------------------------------------------------------------------ CWL
# a ``CommandLineTool``'s argv: ``baseCommand`` (a word or a list), then its ``arguments`` (a
# string, or ``{prefix, valueFrom, position}``) and its inputs' ``inputBinding``s (``prefix`` and a
# value known at run time) in the order of their ``position``. The words of the bindings are
# not where one command line is written: a finding there gets a note above ``baseCommand``.
_CWL_AT = "the tool's `arguments` and `inputs`"


def cwl(text: str) -> Iterator[Section]:
    import yaml

    from zenml_migrate.scan.command_lines import run

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    if not isinstance(root, yaml.MappingNode):
        return
    top = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    base = top.get("baseCommand")
    words = [_cwl_word(n) for n in (base.value if isinstance(base, yaml.SequenceNode) else [base] if base is not None else [])
             if isinstance(n, yaml.ScalarNode)]
    if not words:
        return
    bindings = []
    arguments = top.get("arguments")
    for k, item in enumerate(arguments.value if isinstance(arguments, yaml.SequenceNode) else []):
        if isinstance(item, yaml.ScalarNode):
            bindings.append((0, k, [_cwl_word(item, _CWL_AT)]))
        elif isinstance(item, yaml.MappingNode):
            fields = {a.value: b for a, b in item.value if isinstance(a, yaml.ScalarNode)}
            value = fields.get("valueFrom")
            got = [_cwl_word(fields[key], _CWL_AT) for key in ("prefix",) if isinstance(fields.get(key), yaml.ScalarNode)]
            got.append(_cwl_word(value, _CWL_AT) if isinstance(value, yaml.ScalarNode) else _cwl_unknown(item))
            bindings.append((_cwl_position(fields), k, got))
    inputs = top.get("inputs")
    entries = [(b, v) for b, v in inputs.value] if isinstance(inputs, yaml.MappingNode) else [(None, v) for v in inputs.value] if isinstance(inputs, yaml.SequenceNode) else []
    for k, (_, spec) in enumerate(entries):
        fields = {a.value: b for a, b in spec.value if isinstance(a, yaml.ScalarNode)} if isinstance(spec, yaml.MappingNode) else {}
        binding = fields.get("inputBinding")
        if not isinstance(binding, yaml.MappingNode):
            continue
        bound = {a.value: b for a, b in binding.value if isinstance(a, yaml.ScalarNode)}
        got = [_cwl_word(bound["prefix"], _CWL_AT)] if isinstance(bound.get("prefix"), yaml.ScalarNode) else []
        bindings.append((_cwl_position(bound), len(entries) + k, got + [_cwl_unknown(spec)]))
    for _, _, got in sorted(bindings, key=lambda b: (b[0], b[1])):
        words += got
    anchor = text.rfind("\n", 0, base.start_mark.index) + 1
    yield Section(text[words[0].start : words[0].end], words[0].start, words=words, anchor=anchor)
    line = run(words).line  # ``baseCommand: [sh, -c]``: the line an argument holds (as written: no escape)
    if line is not None and text[line.start : line.end] == line.value:
        yield Section(line.value, line.start, anchor=anchor)


def _cwl_position(fields) -> int:
    node = fields.get("position")
    try:
        return int(node.value)
    except (AttributeError, TypeError, ValueError):
        return 0


def _cwl_word(node, elsewhere=False) -> Word:
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("'", '"'):
        start, end = start + 1, end - 1
    return Word(node.value, start, end, elsewhere=elsewhere)


def _cwl_unknown(node) -> Word:
    """A value known at run time (an input's, an expression's)."""
    return Word("${_}", node.start_mark.index, node.start_mark.index, elsewhere=_CWL_AT)
