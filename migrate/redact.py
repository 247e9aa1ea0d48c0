"""Keeping credentials out of every output: plan tables, JSON, reports, errors, logs.

Three layers, each usable on its own (the profiles targets, run history and custom flavors
share them):

* what is a secret: a key a flavor schema marks secret, or any key that looks like one
  (``looks_secret``: a word ``key``, ``token``, ``auth``... of the name, or ``*password*``,
  ``*secret*``, ``*credential*``, ``*passphrase*`` anywhere in it); the password part of any URL (``user:PASSWORD@host``, ``?token=...``);
* masking structured data before it is shown (``mask_config``, ``scrub_url``);
* a last line of defence for free text (``Redactor``: every known secret value and every URL
  password is replaced in anything written to stdout / stderr while it is installed, e.g. a
  server that echoes the login request back in its error).
"""

import io
import json
import re
import sys
from typing import Iterable, List, Mapping, Optional, Set
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

MASK = "********"
#: shorter values are not hunted in free text (replacing "a" or "1" everywhere would garble the output)
MIN_SECRET_LEN = 4

#: (every pattern here starts a match only where a word starts: a search that may start inside a
#: long word and scan to its end at every position takes minutes on a minified line)
_URL_CREDENTIALS = re.compile(r"(?P<scheme>(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]*://)(?P<user>[^\s/:@'\"]*):(?P<password>[^\s/@'\"]*)@")
_SECRET_PARAM = re.compile(r"(?P<name>[?&;][^=&;#?\s'\"]+)=(?P<value>[^&;#\s'\"]*)")


#: a config key ending in one of these names a place (``secrets_file``, ``ssh_key_path``, ``secrets_dir``), not
#: a credential: its value is shown (a URL password in it is still masked: ``scrub_url``)
PATH_WORDS = ("file", "path", "dir", "directory", "folder", "filename", "filepath")


#: the words of a name (``_name_words``: split at ``_``/``-``/``.``/camelCase) that make it a credential's: the
#: short words only as whole words (``author``, ``keyword``, ``monkey_patch``, ``tokenizer`` name no
#: credential: review25 R8), with the usual compounds; the long ones also inside a word (``dbpassword``)
SECRET_NAME_WORDS = frozenset({
    "key", "keys", "secret", "secrets", "token", "tokens", "pwd", "auth", "oauth", "cookie", "cookies",
    "creds", "authorization", "authentication", "bearer",
})
SECRET_INNER_WORDS = ("password", "passwd", "secret", "credential", "passphrase")
#: ``apikey``, ``accesskeyid``, ``bearertoken``: a word made of one of these and ``key``/``token`` (+ ``id``)
_COMPOUND = re.compile(
    r"(api|access|private|auth|bearer|refresh|session|client|master|signing|encryption|ssh|app|bot|id|user|service|"
    r"account|admin|root|deploy|personal|write|read)(key|token)s?(id)?"
)


def _name_words(name: str) -> List[str]:
    """The words of a name, lower case, without trailing digits (``apiKey2`` -> ``api``, ``key``)."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
    return [w.rstrip("0123456789") for w in re.split(r"[^a-z0-9]+", spaced) if w]


def looks_secret(key: object) -> bool:
    """A config key whose value is a credential by its name (``aws_secret_access_key``, ``api_token``,
    ``apiKey``, ``accesskeyid``, ``dbpassword``...)."""
    name = str(key)
    lowered = name.lower()
    if any(word in lowered for word in SECRET_INNER_WORDS):
        return True
    return any(word in SECRET_NAME_WORDS or _COMPOUND.fullmatch(word) for word in _name_words(name))


#: component configuration keys that hold the NAME of a secret, a vault or a key, not a credential: ZenML's
#: ``authentication_secret`` (``AuthenticationMixin``, 0.13.2 and 0.20: "Name of the secret that stores the
#: authentication credentials"), and any key whose last word is ``name`` (``key_vault_name`` of the azure
#: secrets manager, ``encryption_spec_key_name`` of vertex): their values are shown
SECRET_NAME_KEYS = ("authentication_secret",)


#: the last word of a configuration key that holds a user name (``tracking_username``): ZenML 0.20's schema
#: may keep it as a secret (``SecretField``), and it is masked where the configuration is shown, but it is an
#: identifier ("team", "admin") that also names stacks and components: it is not hunted in free text
#: (``names_a_user``), where replacing it garbled names the plan tells the user to type
USER_WORDS = ("user", "username", "login")


def names_a_user(key: object) -> bool:
    """A configuration key holding a user name, not a credential (``tracking_username``, not ``user_token``)."""
    name = str(key).lower()
    return not looks_secret(name) and re.split(r"[_\-.]", name)[-1] in USER_WORDS


def config_key_secret(key: object) -> bool:
    """A key of a component configuration whose value is a credential by its name: ``looks_secret``
    unless the name says it holds a place or a name (free text, command lines and code keep
    ``looks_secret``: ``--key-file X`` there is masked)."""
    name = str(key).lower()
    return looks_secret(key) and name not in SECRET_NAME_KEYS and re.split(r"[_\-.]", name)[-1] not in (*PATH_WORDS, "name")


#: ZenML 0.13.2/0.20.x ``secret_utils._secret_reference_expression``: ``{{secret_name.key}}``, resolved by
#: the stack's secrets manager. A reference names where the credential is kept, not the credential:
#: it is shown as it is (masking it would hide that the component reads a secret)
_SECRET_REFERENCE = re.compile(r"\{\{\S+?\.\S+\}\}")


def is_secret_reference(value: object) -> bool:
    """A whole value ZenML resolves through the secrets manager (``{{creds.password}}``)."""
    return isinstance(value, str) and bool(_SECRET_REFERENCE.fullmatch(value))


def _secret_key(key: object, marked: Set[str], shown: Set[str]) -> bool:
    """A top-level key of a component configuration holding a credential: marked by its flavor's
    schema, or secret-looking unless its flavor says it holds a name (``shown``)."""
    return key in marked or (key not in shown and config_key_secret(key))


def secret_keys(config: Mapping[str, object], marked: Iterable[str] = (), shown: Iterable[str] = ()) -> List[str]:
    """The top-level keys of ``config`` holding a credential: schema-marked or secret-looking;
    ``shown``: keys its flavor uses for a name (the seldon model deployer's ``secret``)."""
    marked, shown = set(marked), set(shown)
    return sorted(str(k) for k in config if _secret_key(k, marked, shown))


def scrub_url(url: str) -> str:
    """``url`` with the password of its user info and secret-looking query values masked."""
    text = str(url)
    try:
        parts = urlsplit(text)
    except ValueError:  # an invalid URL (a bad IPv6 literal...): fall back to the text rules
        return scrub_text(text)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user, colon, _password = userinfo.partition(":")
        netloc = f"{user}{':' + MASK if colon else ''}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(looks_secret(k) for k, _ in pairs):
            query = urlencode([(k, MASK if looks_secret(k) else v) for k, v in pairs], safe="*")
    if netloc == parts.netloc and query == parts.query:
        return text
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def scrub_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Free text with URL passwords, secret-looking URL parameters and the given values masked."""
    out = _URL_CREDENTIALS.sub(lambda m: f"{m['scheme']}{m['user']}:{MASK}@", str(text))
    out = _SECRET_PARAM.sub(lambda m: f"{m['name']}={MASK}" if looks_secret(m["name"][1:]) and m["value"] else m[0], out)
    for value in sorted({s for s in secrets if len(s) >= MIN_SECRET_LEN}, key=len, reverse=True):
        out = out.replace(value, MASK)
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """Text from the input made safe to print: control characters (terminal escape sequences,
    carriage returns that hide what came before, bidi overrides) shown escaped (``\\x1b``),
    URL passwords masked."""
    escaped = _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), str(text))
    return scrub_text(escaped)


_ASSIGNMENT_KEY = re.compile(
    # ``key: value``, ``key=value``, ``"key": value`` and Python's annotated ``key: Type[X] = value``
    r"""(?P<key>["']?(?<![\w.])(?<!\w-)(?P<name>\w[\w.-]*)["']?\s*(?::\s*[A-Za-z_][\w.]*(?:\[[^=]{0,300}\])?\s*=|:|=)\s*)""")
#: the value after a secret-looking key (matched only there: a value runs to the end of the line)
_ASSIGNMENT_VALUE = re.compile(
    r"""(?P<value>[rRbBuUfF]{0,2}"[^"]*"|[rRbBuUfF]{0,2}'[^']*'|[^\s,#{}\[\]()=][^,#{}\[\]()=]*)"""
)
#: a Python string literal (the only value of a Python line worth masking: a name, a call or a
#: type annotation under a secret-looking name is not a credential)
_PY_LITERAL = re.compile(r"""[rRbBuUfF]{0,2}["']""")


#: a command-line option and its value as a separate word: ``--password hunter2``, ``-api-key "x y"``
_OPTION_VALUE = re.compile(r"""(?P<option>(?<![\w-])--?(?P<name>[A-Za-z][\w-]*)\s+)(?P<value>"[^"]*"|'[^']*'|[^\s"'|&;<>()`-][^\s"'|&;<>()`]*)""")


#: a Python string literal on one line (its content may hold ``password=x`` of a DSN or a command)
_PY_STRING = re.compile(r"""(?P<q>"|')(?P<body>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
#: the words our own messages put where a value goes (``--key=VALUE``): not a credential
PLACEHOLDERS = frozenset({"VALUE", "X", "NAME", "...", "<value>", "***", MASK})


def mask_assignments(line: str, python: bool = False) -> str:
    """A source line shown in a report, with the value of every secret-looking ``key: value`` /
    ``key=value`` / ``"key": value`` masked (YAML run configs, INI, Python keywords and dicts),
    and of every secret-looking command-line option (``--password X``, ``--api-key=X``).
    ``python``: a line of Python code, where only string literals are values to mask
    (``token: str = "x"`` masks ``"x"``; ``tokenizer=make()``, ``key: str`` stay), and the text
    inside a string literal is masked like any other text (``"host=h password=x"``).
    The value of a harmless key never hides the next key (``--flavor=a --password=x``)."""
    if python:
        cut = _comment_start(line)
        if cut is not None:  # `x = f()  # password=hunter2`: the comment is text
            return mask_assignments(line[:cut], python=True) + _mask_text(line[cut:], False)
        line = _PY_STRING.sub(
            lambda m: m["q"] + _mask_text(m["body"], False) + m["q"] if ("=" in m["body"] or ":" in m["body"]) else m[0],
            line,
        )
        line = _PY_KEYED_LITERAL.sub(lambda m: m["head"] + MASK if _keyed_secret(m) else m[0], line)
    return _mask_text(line, python)


#: a string literal given for a key that is itself a string literal: an environment default
#: (``os.getenv("API_TOKEN", "x")``, ``os.environ.get(...)``, ``.setdefault(...)``) or an item
#: set by subscript (``os.environ["API_TOKEN"] = "x"``, ``config["password"] = "x"``)
_PY_KEYED_LITERAL = re.compile(
    r"""(?P<head>(?:\bgetenv|\benviron\.get|\.setdefault)\(\s*(?P<q1>["'])(?P<env>[^"'\\]{1,200})(?P=q1)\s*,\s*"""
    r"""|\[\s*(?P<q2>["'])(?P<item>[^"'\\]{1,200})(?P=q2)\s*\]\s*=(?!=)\s*)"""
    r"""(?P<value>[rRbBuUfF]{0,2}"[^"\\]*"|[rRbBuUfF]{0,2}'[^'\\]*')"""
)


def _keyed_secret(m) -> bool:
    value = m["value"].lstrip("rRbBuUfF")[1:-1]
    return looks_secret(m["env"] or m["item"]) and value.strip() != "" and not _placeholder(value) and value != MASK


def _comment_start(line: str) -> Optional[int]:
    """Where the ``#`` comment of a line of Python code starts (outside string literals), or None."""
    quote, i = "", 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 1
            elif line.startswith(quote, i):
                i += len(quote) - 1
                quote = ""
        elif c == "#":
            return i
        elif c in "\"'":
            quote = line[i:i + 3] if line[i:i + 3] in ('"""', "'''") else c
            i += len(quote) - 1
        i += 1
    return None


def _mask_text(line: str, python: bool, found: Optional[Set[str]] = None) -> str:
    """``found``: collects the values hidden (the credentials of the line)."""
    def hide_option(m):
        keep = _placeholder(m["value"]) or _VARIABLE.match(m.string, m.start("value"))
        if looks_secret(m["name"]) and not keep:
            if found is not None:
                found.add(m["value"].strip("\"'"))
            return m["option"] + MASK
        return m[0]

    line = _OPTION_VALUE.sub(hide_option, line)
    out, pos = [], 0
    while True:
        m = _ASSIGNMENT_KEY.search(line, pos)
        if m is None:
            break
        if looks_secret(m["name"]) and line[m.end():m.end() + 1] in ("[", "{", "("):  # `api_keys: [k1, k2]`
            end = _closing(line, m.end())
            out.append(line[pos:m.end()] + _mask_items(line[m.end():end], python))
            pos = end
            continue
        value = _ASSIGNMENT_VALUE.match(line, m.end()) if looks_secret(m["name"]) else None
        hidden_end = _hidden(m["key"], value, python) if value else None
        if hidden_end is None:  # not a credential: keep the key, look for the next one inside its value
            out.append(line[pos:m.end()])
            pos = m.end()
            continue
        out.append(line[pos:m.start()] + m["key"] + MASK)
        if found is not None:
            found.add(line[m.end():hidden_end].strip().strip("\"'"))
        pos = hidden_end
    out.append(line[pos:])
    return scrub_text("".join(out))


def _closing(line: str, start: int) -> int:
    """The end of the bracketed display that opens at ``line[start]`` (quotes skipped), or of the line."""
    depth, quote, i = 0, "", start
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "[{(":
            depth += 1
        elif c in "]})":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(line)


def _mask_items(display: str, python: bool) -> str:
    """A list, dict or tuple under a secret-looking key, shown: its string literals masked (Python),
    or everything between its brackets (other text: YAML flow values, INI)."""
    if python:
        return _PY_STRING.sub(lambda m: MASK if m[0] not in ('""', "''") else m[0], display)
    closed = display[-1:] in "]})" and len(display) > 1
    inner = display[1:-1] if closed else display[1:]
    if not inner.strip() or _VARIABLE.match(inner.strip()) or _placeholder(inner):
        return display
    return display[0] + MASK + (display[-1] if closed else "")


#: a reference to an environment variable (upper case, by convention) of the shell, make, CI or Windows,
#: standing alone as the value (a lower-case ``$ecret`` may be a password written as it is)
_VARIABLE = re.compile(
    r"""["']?(?:\$\{\{[^}]*\}\}|\$\{[A-Z_][A-Z0-9_]*\}|\$\([A-Z_][A-Z0-9_]*\)|\$[A-Z_][A-Z0-9_]*|%[A-Z_][A-Z0-9_]*%)["']?(?=$|[\s,;)\]}])"""
)


#: a value that starts with a Python keyword a credential never is (free text quoting code: ``key=lambda ...``)
_CODE_VALUE = re.compile(r"lambda(?=[\s:])|(?:True|False|None|true|false)(?![\w\-.])")


def _placeholder(value: str) -> bool:
    word = re.match(r"\S*", value.strip())[0].strip("`'\"")
    return word in PLACEHOLDERS


def _hidden(key: str, m, python: bool) -> Optional[int]:
    """Where the credential after ``key`` (secret-looking; its value is the match ``m``) ends, or
    None when the value is no credential."""
    value = m["value"].strip()
    if value in ("", "null", "None", "~", '""', "''", MASK) or _placeholder(value):
        return None
    if _CODE_VALUE.match(value):  # ``max(runs, key=lambda r: r.id)`` quoted in Markdown: code, no credential
        return None
    if _VARIABLE.match(m.string, m.start("value")):  # `$WANDB_API_KEY`, `$(SLACK_TOKEN)`: where it comes from, no secret
        return None
    if python and not _PY_LITERAL.match(value):
        return None
    if key.endswith("=") and value[:1] not in "\"'":  # shell `KEY=value cmd ...`: the value is one word
        word = re.match(r"\S+", m["value"])
        if word:  # (and the next word may be the next key: `password=a token=b`)
            return m.start("value") + word.end()
    return m.end()


def masked(value: object, secret: bool = False) -> object:
    """``value`` for display: secret (or under a secret-looking key) -> MASK, URLs scrubbed, recursively."""
    if secret:
        return value if value in (None, "") or isinstance(value, bool) or is_secret_reference(value) else MASK
    if isinstance(value, Mapping):
        return {k: masked(v, config_key_secret(k)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [masked(v, _after_secret_option(value, i)) for i, v in enumerate(value)]
    if isinstance(value, str):
        return _masked_text_value(value)
    return value


_OPTION_WORD = re.compile(r"--?[A-Za-z][\w-]*")


def _after_secret_option(items, i: int) -> bool:
    """``items[i]`` is the value of the secret-looking option before it in an argument list (``["--token", "x"]``)."""
    before = items[i - 1] if i > 0 else None
    return isinstance(before, str) and bool(_OPTION_WORD.fullmatch(before)) and looks_secret(before.lstrip("-"))


def _json_document(text: str) -> Optional[object]:
    """The JSON object or array a string value holds (a ``--config='{...}'`` option kept as text), or None."""
    stripped = text.strip()
    if stripped[:1] not in ("{", "[") or len(stripped) < 2:
        return None
    try:
        doc = json.loads(stripped)
    except ValueError:
        return None
    return doc if isinstance(doc, (dict, list)) else None


def _masked_text_value(text: str) -> str:
    """A string value under a harmless key, for display: a JSON document in it masked like a configuration
    (``'{"password": "x"}'``), else its URL passwords and its ``password=x`` / ``--token x`` assignments."""
    doc = _json_document(text)
    if doc is not None:
        shown = masked(doc)
        return text if shown == doc else json.dumps(shown)
    if _WHOLE_URL.match(text):  # its query's `token=...` values: scrub_url (the text rules would take `&next=x` too)
        return scrub_url(text)
    out = scrub_url(text) if "?" in text else text
    return _mask_text(out, False) if ("=" in out or ":" in out or "-" in out) else out


_WHOLE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\S*$")


def _text_value_secrets(text: str) -> Set[str]:
    """The credentials :func:`_masked_text_value` hides in a string value (a JSON document's, the values
    of secret-looking assignments and options)."""
    doc = _json_document(text)
    if doc is not None:
        return secret_values(doc)
    found: Set[str] = set()
    if not _WHOLE_URL.match(text):  # (a URL's credentials: its password and secret query values, found by the caller)
        _mask_text(text, False, found)
    return {v for v in found if v and v != MASK and not is_secret_reference(v)}


def mask_config(config: Mapping[str, object], marked: Iterable[str] = (), shown: Iterable[str] = ()) -> dict:
    """A component configuration for display: marked and secret-looking keys masked (not the
    ``shown`` ones, which hold a name), URLs scrubbed."""
    marked, shown = set(marked), set(shown)
    return {k: masked(v, _secret_key(k, marked, shown)) for k, v in config.items()}


def holds_secret(config: Mapping[str, object], marked: Iterable[str] = (), shown: Iterable[str] = ()) -> bool:
    """True when writing ``config`` to a file puts a credential in it (the file must then be 0600)."""
    return bool(secret_values(config, marked, shown=shown))


_KEY_IN_TEXT = re.compile(r"""["']?(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,100})\\?["']?\s*:\s*(?!null\b|None\b|""|''|\\"\\"|[,}\]\s])""")


def text_holds_secret(text: str, known: Iterable[str] = ()) -> bool:
    """Does a document (JSON, YAML, also nested inside JSON strings) hold a credential: a known
    secret value, a URL password, or a secret-looking key with a value? (Such a file is 0600.)"""
    if any(len(v) >= MIN_SECRET_LEN and v in text for v in known):
        return True
    if any(m["password"] for m in _URL_CREDENTIALS.finditer(text)):
        return True
    return any(looks_secret(m[1]) for m in _KEY_IN_TEXT.finditer(text))


def secret_values(config: object, marked: Iterable[str] = (), _secret: bool = False, shown: Iterable[str] = ()) -> Set[str]:
    """Every credential inside ``config``: values under marked / secret-looking keys (all their
    scalars; not the top-level ``shown`` keys, which hold a name) and URL passwords anywhere. Used
    to hunt them in free text."""
    marked, shown = set(marked), set(shown)
    out: Set[str] = set()
    if isinstance(config, Mapping):
        for k, v in config.items():
            out |= secret_values(v, (), _secret or _secret_key(k, marked, shown))
    elif isinstance(config, (list, tuple)):
        for i, v in enumerate(config):
            out |= secret_values(v, (), _secret or _after_secret_option(config, i))
    elif isinstance(config, set):
        for v in config:
            out |= secret_values(v, (), _secret)
    elif config is not None and not isinstance(config, bool):
        text = str(config)
        if _secret and text and not is_secret_reference(text):
            out.add(text)
        for m in _URL_CREDENTIALS.finditer(text):
            if m["password"]:
                out.add(m["password"])
        for m in _SECRET_PARAM.finditer(text):
            if looks_secret(m["name"][1:]) and m["value"]:
                out.add(m["value"])
        if not _secret and isinstance(config, str):
            out |= _text_value_secrets(text)
    return out


class Redactor:
    """The secrets known so far, and the text filter that hides them."""

    def __init__(self) -> None:
        self.secrets: Set[str] = set()

    def add(self, *values: Optional[str]) -> None:
        """Hide ``values``, also in the forms a server or a log may echo them in (URL-, form- and
        JSON-encoded)."""
        for value in values:
            if not value:
                continue
            text = str(value)
            self.secrets.update({text, quote(text, safe=""), quote_plus(text), json.dumps(text)[1:-1],
                                 json.dumps(text, ensure_ascii=False)[1:-1]})

    def text(self, text: str) -> str:
        return scrub_text(text, self.secrets)


#: the process-wide redactor: targets register passwords with it, the CLI filters through it
REDACTOR = Redactor()


def register(*values: Optional[str]) -> None:
    """Hide these values from every output from now on (a password read from a prompt...)."""
    REDACTOR.add(*values)


class _RedactingStream(io.TextIOBase):
    """A text stream that masks secrets line by line before passing text on."""

    def __init__(self, inner, redactor: Redactor):
        super().__init__()
        self._inner = inner
        self._redactor = redactor
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            done, _, self._pending = self._pending.rpartition("\n")
            self._inner.write(self._redactor.text(done + "\n"))
        return len(text)

    def flush(self) -> None:
        if getattr(self._inner, "closed", False):  # a test runner's buffer, gone: nothing can reach it
            self._pending = ""
            return
        if self._pending:
            self._inner.write(self._redactor.text(self._pending))
            self._pending = ""
        self._inner.flush()

    def close(self) -> None:
        """Garbage collection closes this stream (and flushes it): a pipe whose reader is gone must
        not print "Exception ignored in: <_RedactingStream ...>" with a traceback at exit."""
        try:
            super().close()
        except (OSError, ValueError):
            pass

    def isatty(self) -> bool:
        return bool(getattr(self._inner, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self._inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self):  # click writes to a text stream with an encoding as it is
        return getattr(self._inner, "encoding", "utf-8")

    @property
    def errors(self):
        return getattr(self._inner, "errors", "strict")


def redact_command_output() -> None:
    """Filter ``sys.stdout`` / ``sys.stderr`` through ``REDACTOR`` until the running click command
    ends (its context closes, also on an error): the streams are then flushed and put back."""
    import click

    REDACTOR.secrets.clear()  # a new command: the secrets of an earlier one (in-process tests) do not apply
    saved = sys.stdout, sys.stderr
    if isinstance(saved[0], _RedactingStream):
        return
    sys.stdout = _RedactingStream(saved[0], REDACTOR)
    sys.stderr = _RedactingStream(saved[1], REDACTOR)

    def restore() -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = saved

    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(restore)
