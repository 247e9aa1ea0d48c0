"""Generated hostile inputs and faults for ``migrate code`` and ``migrate scan``.

Every case starts from a small legacy project (``proj/``: the shipped sample, a notebook, a run
config holding credentials) plus a file outside it (``outside/``), then breaks one thing: links
out of the given paths, hard links, read-only and foreign-owned files, FIFOs and devices named
``.py``, a file too big or too deep for the rewriter (LibCST's native parser crashes on a long
``or`` chain), names and bytes that are not UTF-8, CRLF / BOM / coding-cookie files, notebooks
indented with tabs or written compact, a disk that fills up (``RLIMIT_FSIZE``), hostile
``pyproject.toml`` values and caches. The checks are the harness's (nothing outside the asked-for
paths changes, no secret printed, no hang, no traceback, the right exit code) plus per-case ones.
"""

import json
import os
import shutil
import stat
from pathlib import Path
from typing import List

from tests.hostile.harness import ROOT, Case

SAMPLE = ROOT / "fixtures" / "sample"
LEGACY = "from zenml.repository import Repository\n\nrepo = Repository()\nprint(repo.active_stack_name)\n"
FIXED_HEAD = "from zenml.client import Client"
PASSWORD = "RunCfg-Pw-7f3a9c1e"
RUN_CONFIG = f"""name: training
steps:
  trainer:
    source:
      name: TrainerStep
    parameters:
      gamma: 0.01
      api_token: {PASSWORD}
      db_password: {PASSWORD}
"""
WRITES = ("proj/", ".zenml-migrate-cache/")


def project(root: Path) -> None:
    proj = root / "proj"
    # the sample without its pyproject.toml (which would make ``proj/`` the indexed project, its
    # results cache ``proj/.zenml-migrate-cache``) and without a cache a README run left there
    shutil.copytree(SAMPLE, proj, ignore=shutil.ignore_patterns("pyproject.toml", ".zenml-migrate-cache"))
    (proj / "legacy.py").write_text(LEGACY)
    (proj / "clean.py").write_text("import os\n")
    (proj / "run_config.yaml").write_text(RUN_CONFIG)
    (root / "outside").mkdir()
    (root / "outside" / "victim.py").write_text(LEGACY)


def _nb(source: List[str]) -> dict:
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _unchanged(*rels):
    def check(root: Path) -> List[str]:
        return [f"{rel}: changed" for rel in rels if (root / rel).read_text(errors="replace") != LEGACY]
    return check


def _fixed(*rels):
    def check(root: Path) -> List[str]:
        return [f"{rel}: not fixed" for rel in rels if FIXED_HEAD not in (root / rel).read_text(errors="replace")]
    return check


def _all(*checks):
    def check(root: Path) -> List[str]:
        return [p for c in checks for p in c(root)]
    return check


def _mode_and_owner(rel: str, mode: int, uid: int, gid: int):
    def check(root: Path) -> List[str]:
        st = os.lstat(root / rel)
        found = (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid)
        return [] if found == (mode, uid, gid) else [f"{rel}: mode/owner {found}, expected {(mode, uid, gid)}"]
    return check


def _layout(rel: str, expected: bytes):
    def check(root: Path) -> List[str]:
        got = (root / rel).read_bytes()
        return [] if got == expected else [f"{rel}: layout not kept:\n{got[:200]!r}\nexpected\n{expected[:200]!r}"]
    return check


def _fix_case(name, mutate, codes=(1,), writes=WRITES, after=None, args=("code", "--fix", "proj"), secrets_extra=(), **kw) -> Case:
    def build(root: Path) -> None:
        project(root)
        mutate(root)

    return Case(f"code-{name}", build, list(args), tuple(codes), (PASSWORD, *secrets_extra), writes, after=after, **kw)


def link_cases() -> List[Case]:
    def out_link(root):
        os.symlink("../outside/victim.py", root / "proj" / "link.py")

    def in_link(root):
        os.symlink("legacy.py", root / "proj" / "alias.py")

    def dir_link(root):
        os.symlink("../outside", root / "proj" / "vendored")

    def hard(root):
        os.link(root / "outside" / "victim.py", root / "proj" / "hard.py")

    return [
        _fix_case("symlink-out-of-the-given-paths", out_link, (2,), after=_all(_unchanged("outside/victim.py"), _fixed("proj/legacy.py")),
                  needles=("outside the paths given",)),
        _fix_case("symlink-inside-fixed-once", in_link, (1,), after=_fixed("proj/legacy.py")),
        _fix_case("dir-symlink-out", dir_link, (0, 1, 2), after=_unchanged("outside/victim.py")),
        _fix_case("hard-link", hard, (2,), after=_all(_unchanged("outside/victim.py", "proj/hard.py"), _fixed("proj/legacy.py")),
                  needles=("hard links",)),
    ]


def permission_cases() -> List[Case]:
    def read_only(root):
        os.chmod(root / "proj" / "legacy.py", 0o444)

    def foreign(root):
        os.chown(root / "proj" / "legacy.py", 65534, 65534)
        os.chmod(root / "proj" / "legacy.py", 0o664)

    def private(root):
        os.chmod(root / "proj" / "legacy.py", 0o600)

    def read_only_with_todo(root):  # what is left is listed at its line on disk (the rewrite adds lines above it)
        (root / "proj" / "legacy.py").write_text(LEGACY + 'repo.activate_profile("x")\n')
        os.chmod(root / "proj" / "legacy.py", 0o444)

    cases = [
        _fix_case("read-only-left-at-lines-on-disk", read_only_with_todo, (2,), after=_mode_and_owner("proj/legacy.py", 0o444, os.getuid(), os.getgid()),
                  needles=("read-only", "legacy.py:5:1: ZM401")),
        _fix_case("read-only-0444", read_only, (2,), after=_all(_unchanged("proj/legacy.py"), _mode_and_owner("proj/legacy.py", 0o444, os.getuid(), os.getgid())),
                  needles=("read-only",)),
        _fix_case("mode-0600-kept", private, (1,), after=_all(_fixed("proj/legacy.py"), _mode_and_owner("proj/legacy.py", 0o600, os.getuid(), os.getgid()))),
    ]
    if os.getuid() == 0:  # only root can give a file away
        cases.append(_fix_case("foreign-owner-kept", foreign, (1,), after=_all(_fixed("proj/legacy.py"), _mode_and_owner("proj/legacy.py", 0o664, 65534, 65534))))
    return cases


def special_file_cases() -> List[Case]:
    def fifo(root):
        os.mkfifo(root / "proj" / "pipe.py")

    def dev(target):
        def make(root):
            os.symlink(target, root / "proj" / "device.py")
        make.__name__ = target
        return make

    def loop(root):
        os.symlink("loop.py", root / "proj" / "loop.py")

    out = [_fix_case("fifo-named-py", fifo, (2,), after=_fixed("proj/legacy.py"))]
    for target in ("/dev/zero", "/dev/urandom", "/dev/null"):
        out.append(_fix_case(f"link-to-{target.rsplit('/', 1)[1]}", dev(target), (1, 2), after=_fixed("proj/legacy.py")))
    out.append(_fix_case("symlink-loop", loop, (2,), after=_fixed("proj/legacy.py")))
    for fmt in ("text", "json", "sarif", "github", "full", "concise"):
        out.append(_fix_case(f"scan-fifo-{fmt}", fifo, (2,), writes=(".zenml-migrate-cache/",), args=("scan", "proj", "--format", fmt)))
    return out


def content_cases() -> List[Case]:
    def write(rel, data):
        def make(root):
            path = root / "proj" / rel
            path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data)
        return make

    crlf = LEGACY.replace("\n", "\r\n").encode()
    bom = b"\xef\xbb\xbf" + LEGACY.encode()
    latin = b"# -*- coding: latin-1 -*-\n" + LEGACY.encode() + b"# caf\xe9\n"
    nb = _nb(["from zenml.repository import Repository\n", "Repository()\n"])
    cases = [
        _fix_case("syntax-error", write("broken.py", "import zenml\ndef f(:\n"), (2,), after=_fixed("proj/legacy.py")),
        _fix_case("nul-bytes", write("nul.py", b"import zenml\x00\n"), (2,), after=_fixed("proj/legacy.py")),
        _fix_case("binary-garbage", write("garbage.py", os.urandom(2000)), (1, 2), after=_fixed("proj/legacy.py")),
        _fix_case("empty-file", write("empty.py", b""), (1,)),
        _fix_case("python2", write("py2.py", "import zenml\nprint 'x'\n"), (2,)),
        _fix_case("crlf-kept", write("crlf.py", crlf), (1,), after=_layout("proj/crlf.py", crlf.replace(
            b"from zenml.repository import Repository", b"from zenml.client import Client").replace(b"Repository()", b"Client()").replace(
            b"repo.active_stack_name", b"repo.active_stack_model.name"))),
        _fix_case("bom-kept", write("bom.py", bom), (1,), after=lambda root: [] if (root / "proj/bom.py").read_bytes().startswith(b"\xef\xbb\xbf" + FIXED_HEAD.encode()) else ["BOM lost"]),
        _fix_case("latin1-cookie-kept", write("latin.py", latin), (1,), after=lambda root: [] if (root / "proj/latin.py").read_bytes().endswith(b"# caf\xe9\n") and FIXED_HEAD.encode() in (root / "proj/latin.py").read_bytes() else ["latin-1 bytes lost"]),
        _fix_case("deep-nesting", write("deep.py", "import zenml\nx = " + "(" * 180 + "1" + ")" * 180 + "\n" + LEGACY), (1, 2)),
    ]
    for label, text in {
        "tabs": json.dumps(nb, indent="\t") + "\n",
        "crlf": (json.dumps(nb, indent=1) + "\n").replace("\n", "\r\n"),
        "compact": json.dumps(nb, separators=(",", ":")),
        "indent4": json.dumps(nb, indent=4),
    }.items():
        expected = text.replace("from zenml.repository import Repository", "from zenml.client import Client").replace('"Repository()', '"Client()')
        cases.append(_fix_case(f"notebook-{label}-layout", write(f"nb_{label}.ipynb", text.encode()), (1,),
                               after=_layout(f"proj/nb_{label}.ipynb", expected.encode())))
    return cases


def name_cases() -> List[Case]:
    def bad_name(root):
        (root / "proj" / os.fsdecode(b"caf\xe9_legacy.py")).write_text(LEGACY)

    def spaces(root):
        (root / "proj" / "my legacy $(touch PWNED).py").write_text(LEGACY)

    return [
        _fix_case("non-utf8-file-name", bad_name, (1,), after=_fixed("proj/" + os.fsdecode(b"caf\xe9_legacy.py"))),
        _fix_case("shell-chars-in-file-name", spaces, (1,), after=lambda root: [f"PWNED: {p}" for p in root.rglob("PWNED")]),
        _fix_case("scan-non-utf8-file-name-json", bad_name, (1,), writes=(".zenml-migrate-cache/",), args=("scan", "proj", "--format", "json")),
        _fix_case("scan-non-utf8-file-name-sarif", bad_name, (1,), writes=(".zenml-migrate-cache/", "out.sarif"),
                  args=("scan", "proj", "--format", "sarif", "--output", "out.sarif")),
    ]


def rewriter_guard_cases() -> List[Case]:
    """Inputs the stdlib parser takes but the rewriter cannot: one file lost, never the run."""
    def or_chain(root):  # LibCST's native parser overflows its stack on it (exit 139 in-process)
        (root / "proj" / "orchain.py").write_text(LEGACY + "x = " + " or ".join(["a"] * 20000) + "\n")

    def only_or_chain(root):
        shutil.rmtree(root / "proj")
        (root / "proj").mkdir()
        or_chain(root)

    def module(functions):
        def make(root):  # a big module with two trivial fixes
            body = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(functions))
            (root / "proj" / "big.py").write_text(LEGACY + body)
        return make

    return [
        _fix_case("native-crash-one-file-of-many", or_chain, (2,), after=_fixed("proj/legacy.py"), deadline=120,
                  needles=("the rewriter crashed on this file",)),
        _fix_case("native-crash-single-file", only_or_chain, (2,), deadline=120, needles=("the rewriter crashed on this file",)),
        _fix_case("five-mb-module", module(160000), (1,), deadline=60, after=_fixed("proj/legacy.py"), needles=("too large for the rewriter",)),
        _fix_case("slow-module-timeout", module(45000), (2,), deadline=60, after=_fixed("proj/legacy.py"),
                  env={"ZENML_MIGRATE_FIX_TIMEOUT": "3"}, needles=("took longer than 3 s on this file (ZENML_MIGRATE_FIX_TIMEOUT=SECONDS allows more)",)),
    ]


def fault_cases() -> List[Case]:
    """The disk fills up while the rewrite is written: the file stays as it was, no temp file is
    left, the run says so and exits 2 (a file-size limit makes the write fail like ENOSPC)."""
    padded = LEGACY + "# padding\n" * 2000

    def big_legacy(root):
        (root / "proj" / "legacy.py").write_text(padded)

    def unchanged(root):
        return [] if (root / "proj" / "legacy.py").read_text() == padded else ["proj/legacy.py changed"]

    return [_fix_case("disk-full", big_legacy, (2,), rlimits={"RLIMIT_FSIZE": 16000}, after=unchanged, needles=("cannot be written",))]


def size_cases() -> List[Case]:
    """A module too big to parse (a 200 MB one took 22 GB and minutes): reported, the run goes
    on; a big generated module that never mentions zenml is no problem at all."""
    filler = "x = [1, 2, 3]\n" * (11 * (1 << 20) // 14)

    def big(text):
        def make(root):
            (root / "proj" / "generated.py").write_text(text + filler)
        return make

    return [
        _fix_case("scan-too-large-to-parse", big(LEGACY), (2,), writes=(".zenml-migrate-cache/",), args=("scan", "proj"),
                  needles=("generated.py:1:1: ZM001 too large to scan", "legacy.py")),
        _fix_case("large-module-without-zenml", big("import os\n"), (0, 1), after=_fixed("proj/legacy.py"),
                  absent=("too large",)),
    ]


def config_cases() -> List[Case]:
    def pyproject(text):
        def make(root):
            (root / "pyproject.toml").write_text(text)
        return make

    def cache(kind):
        def make(root):
            cache_dir = root / ".zenml-migrate-cache"
            if kind == "file":
                cache_dir.write_text("not a dir")
            elif kind == "fifo":
                cache_dir.mkdir()
                os.mkfifo(cache_dir / "scan-x.marshal")
            elif kind == "garbage":
                cache_dir.mkdir()
                (cache_dir / ".gitignore").write_text("*\n")
        return make

    out = []
    for label, text in {
        "cache-dir-int": "[tool.zenml-migrate]\ncache-dir = 5\n",
        "select-ints": "[tool.zenml-migrate]\nselect = [1, 2]\n",
        "per-file-ignores-int": "[tool.zenml-migrate]\nper-file-ignores = { \"x\" = 5 }\n",
        "section-not-table": "[tool]\nzenml-migrate = 3\n",
        "invalid-toml": "[tool.zenml-migrate\nselect = \n",
        "target-int": "[tool.zenml-migrate]\ntarget = 20\n",
        "tracker-list": "[tool.zenml-migrate]\nexperiment-tracker = [\"a\"]\n",
        "not-utf8": "[tool.zenml-migrate]\n# caf\udce9\n",
    }.items():
        data = text.encode("utf-8", "surrogateescape")
        out.append(_fix_case(f"pyproject-{label}", lambda root, data=data: (root / "pyproject.toml").write_bytes(data), (2,),
                             after=_unchanged("proj/legacy.py")))
    for kind in ("file", "fifo", "garbage"):
        out.append(_fix_case(f"cache-{kind}", cache(kind), (1,), after=_fixed("proj/legacy.py")))
    return out


def secret_cases() -> List[Case]:
    """A run config whose duplicate key quotes credentials: no format may print them."""
    def dup(root):
        (root / "proj" / "run_config.yaml").write_text(RUN_CONFIG + f"      db_password: {PASSWORD}-again\n")

    out = []
    for fmt in ("text", "json", "sarif", "github", "full", "concise"):
        out.append(_fix_case(f"scan-duplicate-key-secret-{fmt}", dup, (2,), writes=(".zenml-migrate-cache/",),
                             args=("scan", "proj", "--format", fmt), secrets_extra=(PASSWORD + "-again",)))
    out.append(_fix_case("code-diff-duplicate-key-secret", dup, (2,), writes=(".zenml-migrate-cache/",), args=("code", "proj")))

    def shell(root):  # credentials passed as command-line options next to findings (snippets show those lines)
        (root / "proj" / "deploy.sh").write_text(
            f"#!/bin/sh\nzenml stack register prod -m mlmd -a s3 -o default --password {PASSWORD}\n"
            f"zenml profile set prod --api-key '{PASSWORD}-q' && zenml stack set prod\n")
        (root / "proj" / "Makefile").write_text(f"run:\n\tZENML_STORE_PASSWORD={PASSWORD}-env zenml profile set prod\n")
        (root / "proj" / "Dockerfile").write_text(f"FROM python:3.9\nRUN zenml profile set prod --token={PASSWORD}-eq\n")

    for fmt in ("full", "html", "json", "sarif"):
        out.append(_fix_case(f"scan-shell-option-secret-{fmt}", shell, (1,), writes=(".zenml-migrate-cache/",),
                             args=("scan", "proj", "--format", fmt),
                             secrets_extra=(PASSWORD + "-q", PASSWORD + "-env", PASSWORD + "-eq")))

    def python_creds(root):  # a credential in a context line and on a rewritten line of the diff
        shell(root)
        (root / "proj" / "creds.py").write_text(
            f'from zenml.repository import Repository\nAPI_TOKEN = "{PASSWORD}-py"\n'
            f'repo = Repository(); repo.activate_profile("x", token="{PASSWORD}-kw")\n')

    out.append(_fix_case("diff-secret-in-changed-and-context-lines", python_creds, (1,), writes=(".zenml-migrate-cache/",),
                         args=("code", "proj"), needles=("the diff shows secret-looking values as ********",),
                         secrets_extra=(PASSWORD + "-q", PASSWORD + "-env", PASSWORD + "-eq", PASSWORD + "-py", PASSWORD + "-kw")))
    return out


def cases(scale: int = 1) -> List[Case]:
    return (link_cases() + permission_cases() + special_file_cases() + content_cases() + name_cases()
            + rewriter_guard_cases() + fault_cases() + size_cases() + config_cases() + secret_cases())
