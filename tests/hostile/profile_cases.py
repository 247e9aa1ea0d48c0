"""Generated hostile inputs and faults for ``migrate profiles``.

``cases(scale)`` crosses a legacy config dir full of planted credentials (schema-marked keys,
keys that only look secret, a custom flavor's ``SecretField()`` under a harmless name, URL
passwords, nested tokens) with every way its files can be broken (truncated at several points,
a FIFO, a link to /dev/zero, huge, an alias bomb, deep nesting, non-UTF-8, duplicate keys quoting
credentials, values of the wrong type, hostile names...), every target (plan, JSON plan, report,
bundle, store, server) and broken targets (non-bundle dirs, edited bundles, damaged and busy
stores, hostile servers). ``scale`` > 1 adds more truncation points and name variants (env var
``ZENML_MIGRATE_HOSTILE_SCALE``); the default keeps the suite to about a minute on 2 cores.
"""

import atexit
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, List

import yaml

from tests.hostile.harness import Case, child_env
from tests.profiles.legacy_dirs import default_components, write_config, write_profile, write_sql_profile

CUSTOM_SOURCE = '''
from typing import Any, Dict, Optional
from zenml.orchestrators import BaseOrchestrator
from zenml.utils.secret_utils import SecretField


class VaultOrchestrator(BaseOrchestrator):
    FLAVOR = "vault_orch"
    endpoint: str = "https://vault"
    handle: Optional[str] = SecretField()  # a credential under a name that does not look like one
    settings: Dict[str, Any] = {}
'''

SHELL_NAMES = [
    "a$(touch PWNED)b", "`touch PWNED`", "x;touch PWNED", "q'uote\"s", "back\\slash", "$HOME", "a b\tc", "*", "-rf",
    "[/bold]markup[red]", "\u202eevil", "n\u00e4me-\u65e5\u672c", "x" * 300, "%s%n", "{0}{1}", "&&", "|cat", "<in", ">out",
]
CONTROL_NAMES = ["new\nline", "esc\x1b[31mred", "nul\x00byte", "cr\rreturn"]


class Secrets:
    """Credentials unique to one case: any of them in an output is a leak, never a coincidence."""

    def __init__(self, seed: str):
        h = hashlib.sha256(seed.encode()).hexdigest()
        self.password = f"Pw-{h[:10]}"
        self.username = f"usr-{h[10:18]}"
        self.url_password = f"Up-{h[18:28]}"
        self.handle = f"Hd-{h[28:38]}"
        self.token = f"Tk-{h[38:48]}"
        self.s3_secret = f"S3-{h[48:58]}"
        self.server = f"Sv-{h[58:64]}-{h[:4]}"

    def all(self):
        return (self.password, self.username, self.url_password, self.handle, self.token, self.s3_secret, self.server)


def secret_config(root: Path, s: Secrets, stack_name: str = "prod", extra_components=None, sql: bool = False) -> Path:
    """A 0.13.2 config dir (root/cfg) whose stacks hold every kind of credential."""
    cfg = root / "cfg"
    pkg = root / "hostile_flavors"
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "orch.py").write_text(CUSTOM_SOURCE)
    comps = default_components(cfg)
    comps.update({
        ("experiment_tracker", "mlflow_tracker"): ("mlflow", {
            "tracking_uri": f"https://admin:{s.url_password}@mlflow.example.com", "tracking_username": s.username,
            "tracking_password": s.password,
        }),
        ("artifact_store", "s3_store"): ("s3", {"path": "s3://bucket/artifacts", "key": "AKIAEXAMPLE", "secret": s.s3_secret}),
        ("orchestrator", "vault_orch"): ("vault_orch", {"endpoint": "https://vault.example.com", "handle": s.handle,
                                                         "settings": {"api_token": s.token, "region": "eu"}}),
    })
    comps.update(extra_components or {})
    stacks = {
        "default": {"orchestrator": "default", "artifact_store": "default", "metadata_store": "default"},
        stack_name: {"orchestrator": "vault_orch", "artifact_store": "s3_store", "experiment_tracker": "mlflow_tracker",
                     "metadata_store": "default"},
    }
    flavors = [{"name": "vault_orch", "type": "orchestrator", "source": "hostile_flavors.orch.VaultOrchestrator", "integration": None}]
    if sql:
        write_config(cfg, {"default": {"store_type": "sql", "active_stack": stack_name}})
        write_sql_profile(cfg / "profiles" / "default" / "zenml.db", comps, stacks, flavors)
    else:
        write_config(cfg, {"default": {"active_stack": stack_name}})
        write_profile(cfg, "default", comps, stacks, flavors)
    return cfg


def store020(root: Path) -> Path:
    """A fresh ZenML 0.20.5 store and its global config under root/z20 (the --store target)."""
    from tests.profiles.test_store import make_store

    z20 = root / "z20"
    z20.mkdir(parents=True, exist_ok=True)
    return make_store(z20)


# ------------------------------------------------------------------ ways to break one file

def _truncate_at(fraction: float):
    def mutate(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: max(1, int(len(data) * fraction))])
    mutate.__name__ = f"truncated_{int(fraction * 100)}pct"
    return mutate


def fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def link_to(device: str):
    def mutate(path: Path) -> None:
        path.unlink()
        os.symlink(device, path)
    mutate.__name__ = "link_to_" + device.replace("/", "_").strip("_")
    return mutate


def huge(path: Path) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(80 << 20)  # sparse: costs no disk


def alias_bomb(path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path.write_text("\n".join(lines) + "\nname: boom\nuuid: 1\n")


def alias_cycle(path: Path) -> None:
    path.write_text("name: &n [*n]\nuuid: &u {a: *u}\n")


def deep_nesting(path: Path) -> None:
    path.write_text("name: x\nuuid: y\nx: " + "[" * 20000 + "]" * 20000 + "\n")


def not_utf8(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\nnote: \xff\xfe\xfd\n")


def garbage(path: Path) -> None:
    path.write_bytes(bytes(random.Random(str(path)).randrange(256) for _ in range(4096)))


def empty(path: Path) -> None:
    path.write_bytes(b"")


def directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inner.yaml").write_text("a: 1\n")


def loop(path: Path) -> None:
    path.unlink()
    os.symlink(path.name, path)


def dangling(path: Path) -> None:
    path.unlink()
    os.symlink("does-not-exist.yaml", path)


def list_document(path: Path) -> None:
    path.write_text("- just\n- a list\n")


def tabs(path: Path) -> None:
    path.write_text(path.read_text() + "extra:\n\tkey: value\n")


BREAKS: List[Callable[[Path], None]] = [
    fifo, link_to("/dev/zero"), link_to("/dev/urandom"), huge, alias_bomb, alias_cycle, deep_nesting, not_utf8, garbage,
    empty, directory, loop, dangling, list_document, tabs,
]


def _original_data(path: Path):
    try:
        return yaml.safe_load(path.read_bytes())
    except Exception:  # noqa: BLE001
        return None


# ------------------------------------------------------------------ the cases

def _plan_args(kind: str) -> List[str]:
    return {"table": [], "json": ["--format", "json"], "bundle": ["--bundle", "{root}/out"],
            "report": ["--report", "{root}/report.md"], "store": ["--store", "{root}/z20/local_stores/default_zen_store/zenml.db"]}[kind]


WRITES = {"table": (), "json": (), "bundle": ("out/",), "report": ("report.md",), "store": ("z20/",)}


def broken_file_cases(scale: int) -> List[Case]:
    out = []
    targets = ["table", "json", "bundle", "store", "report"]
    files = {
        "stacks": "profiles/default/stacks.yaml",
        "tracker": "profiles/default/experiment_trackers/mlflow_tracker.yaml",
        "config": "config.yaml",
    }
    for i, brk in enumerate(BREAKS):
        for j, (label, rel) in enumerate(files.items()):
            kind = targets[(i + j) % len(targets)]
            name = f"profiles-{brk.__name__}-{label}-{kind}"
            s = Secrets(name)

            def build(root, rel=rel, brk=brk, s=s, kind=kind):
                cfg = secret_config(root, s)
                if kind == "store":
                    store020(root)
                brk(cfg / rel)

            out.append(Case(name, build, ["profiles", "{root}/cfg", *_plan_args(kind)], (2,), s.all(), WRITES[kind],
                            needles=("nothing was written",)))
    fractions = [0.1, 0.35, 0.6, 0.85, 0.97, 0.995][: 3 + 3 * min(scale, 1)] + [k / (8 * scale) for k in range(1, 8 * scale) if scale > 1]
    for f in fractions:
        for label, rel in files.items():
            name = f"profiles-truncated-{label}-{f:.3f}"
            s = Secrets(name)

            def build(root, rel=rel, f=f, s=s):
                cfg = secret_config(root, s)
                store020(root)
                before = _original_data(cfg / rel)
                _truncate_at(f)(cfg / rel)
                (root / ".same").write_text("1" if _original_data(cfg / rel) == before else "0")

            case = Case(name, build, ["profiles", "{root}/cfg", *_plan_args("store")], (0, 2), s.all(), ("z20/",),
                        after=_truncation_verdict)
            out.append(case)
    return out


def _truncation_verdict(root: Path) -> List[str]:
    """A truncated file that lost data must be refused (exit 2) with nothing written; one that
    still holds the same data may migrate. The harness checked the exit code is 0 or 2."""
    same = (root / ".same").read_text() == "1"
    db = root / "z20" / "local_stores" / "default_zen_store" / "zenml.db"
    migrated = sqlite3.connect(db).execute("SELECT COUNT(*) FROM stackschema WHERE name = 'prod'").fetchone()[0]
    if not same and migrated:
        return ["a truncated input that lost data was migrated"]
    if same and not migrated:
        return ["an input that only lost its trailing newline was not migrated"]
    return []


def value_cases() -> List[Case]:
    """Values of the wrong type, duplicate keys quoting credentials, hostile and control-character names."""
    out = []
    wrong = {
        "port-not-a-number": ("orchestrator", "kf", "kubeflow", {"kubernetes_context": "c", "kubeflow_pipelines_ui_port": "eighty"}),
        "bool-is-a-list": ("orchestrator", "kf", "kubeflow", {"kubernetes_context": "c", "synchronous": [1, 2]}),
        "string-is-a-mapping": ("container_registry", "reg", "default", {"uri": {"nested": "x"}}),
        "enum-out-of-range": ("secrets_manager", "sm", "local", {"scope": "galaxy"}),
    }
    for label, (type_, cname, flavor, config) in wrong.items():
        for kind in ("store", "bundle"):
            name = f"profiles-wrong-type-{label}-{kind}"
            s = Secrets(name)

            def build(root, s=s, type_=type_, cname=cname, flavor=flavor, config=config, kind=kind):
                secret_config(root, s, extra_components={(type_, cname): (flavor, config)})
                if kind == "store":
                    store020(root)

            out.append(Case(name, build, ["profiles", "{root}/cfg", *_plan_args(kind)], (2,), s.all(), WRITES[kind],
                            needles=("must be",)))
    name = "profiles-duplicate-key-quoting-credentials"
    s = Secrets(name)

    def dup(root, s=s):
        cfg = secret_config(root, s)
        f = cfg / "profiles/default/experiment_trackers/mlflow_tracker.yaml"
        f.write_text(f.read_text() + f"tracking_password: {s.password}-second\n")

    out.append(Case(name, dup, ["profiles", "{root}/cfg", "--format", "json"], (2,), (*s.all(), s.password + "-second"),
                    needles=("duplicate key",)))
    for i, stack_name in enumerate(SHELL_NAMES):
        name = f"profiles-shell-name-{i}"
        s = Secrets(name)
        out.append(Case(name, lambda root, s=s, n=stack_name: secret_config(root, s, stack_name=n),
                        ["profiles", "{root}/cfg", "--bundle", "{root}/out", "--report", "{root}/r.md"], (0,), s.all(),
                        ("out/", "r.md"), after=_import_script_is_inert))
    for i, stack_name in enumerate(CONTROL_NAMES):
        name = f"profiles-control-name-{i}"
        s = Secrets(name)
        out.append(Case(name, lambda root, s=s, n=stack_name: secret_config(root, s, stack_name=n),
                        ["profiles", "{root}/cfg"], (2,), s.all(), absent=("\x1b[31m",)))
    return out


def _import_script_is_inert(root: Path) -> List[str]:
    """Run the bundle's import.sh with a fake ``zenml`` that only logs: nothing may run but zenml."""
    fake = root / "fakebin"
    fake.mkdir(exist_ok=True)
    (fake / "zenml").write_text('#!/bin/sh\nprintf "%s\\n" "$*" >> "$ZENML_LOG"\nexit 0\n')
    (fake / "zenml").chmod(0o755)
    env = {"PATH": f"{fake}:/usr/bin:/bin", "ZENML_LOG": str(root / "zenml.log"), "HOME": str(root / "home")}
    proc = subprocess.run(["sh", str(root / "out" / "import.sh")], cwd=root / "home", env=env, capture_output=True, timeout=60)
    found = [str(p.relative_to(root)) for p in root.rglob("PWNED*")] + [str(p) for p in Path(root / "home").glob("out")]
    problems = [f"import.sh ran a command from the input: {found}"] if found else []
    if proc.returncode not in (0, 1):
        problems.append(f"import.sh exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-300:]}")
    return problems


def target_cases() -> List[Case]:
    """Broken or hostile targets: bundle dirs, stores, report paths."""
    out = []

    def with_user_files(root, s, previous_bundle):
        secret_config(root, s)
        outdir = root / "out"
        if previous_bundle:
            subprocess.run([sys.executable, "-m", "zenml_migrate", "profiles", str(root / "cfg"), "--bundle", str(outdir)],
                           cwd=root, env=child_env(root, {}), capture_output=True, check=True)
        outdir.mkdir(exist_ok=True)
        (outdir / "my-notes.txt").write_text("mine")
        (outdir / "stacks").mkdir(exist_ok=True)
        (outdir / "stacks" / "handmade.yaml").write_text("mine: true\n")
        os.link(outdir / "my-notes.txt", root / "hardlink-to-notes")

    def user_files_kept(root):
        problems = []
        if (root / "out" / "my-notes.txt").read_text() != "mine":
            problems.append("out/my-notes.txt lost")
        if not (root / "out" / "stacks" / "handmade.yaml").exists():
            problems.append("out/stacks/handmade.yaml lost")
        if os.stat(root / "out" / "my-notes.txt").st_ino != os.stat(root / "hardlink-to-notes").st_ino:
            problems.append("the user's hard link to out/my-notes.txt was broken")
        return problems

    for overwrite in (False, True):
        name = f"profiles-bundle-into-foreign-dir-overwrite-{overwrite}"
        s = Secrets(name)
        out.append(Case(name, lambda root, s=s: with_user_files(root, s, False),
                        ["profiles", "{root}/cfg", "--bundle", "{root}/out", *(["--overwrite"] if overwrite else [])], (2,), s.all(),
                        needles=("holds no bundle",), after=user_files_kept))
    name = "profiles-bundle-overwrite-keeps-user-files"
    s = Secrets(name)
    out.append(Case(name, lambda root, s=s: with_user_files(root, s, True),
                    ["profiles", "{root}/cfg", "--bundle", "{root}/out", "--overwrite"], (0,), s.all(), ("out/", "hardlink-to-notes"),
                    after=lambda root: user_files_kept(root) + _only_bundle_files_changed(root)))

    def edited(root, s):
        with_user_files(root, s, True)
        with open(root / "out" / "README.txt", "a") as fh:
            fh.write("my own note\n")

    name = "profiles-bundle-overwrite-refuses-an-edited-bundle"
    s = Secrets(name)
    out.append(Case(name, lambda root, s=s: edited(root, s), ["profiles", "{root}/cfg", "--bundle", "{root}/out", "--overwrite"],
                    (2,), s.all(), needles=("README.txt",)))
    for label, make in {
        "symlink": lambda root: os.symlink(root / "elsewhere", root / "out") or (root / "elsewhere").mkdir(),
        "file": lambda root: (root / "out").write_text("a file"),
        "fifo": lambda root: os.mkfifo(root / "out"),
    }.items():
        name = f"profiles-bundle-path-is-a-{label}"
        s = Secrets(name)
        out.append(Case(name, lambda root, s=s, make=make: (secret_config(root, s), make(root)),
                        ["profiles", "{root}/cfg", "--bundle", "{root}/out"], (2,), s.all()))

    db_rel = "z20/local_stores/default_zen_store/zenml.db"
    store_breaks = {
        "fifo": lambda db: fifo(db),
        "dev-zero": link_to("/dev/zero"),
        "truncated": lambda db: db.write_bytes(db.read_bytes()[: len(db.read_bytes()) // 2]),
        "garbage-after-magic": lambda db: db.write_bytes(db.read_bytes()[:100] + b"\x00\xff" * 4000),
        "not-sqlite": lambda db: db.write_text("hello"),
        "corrupt-page": lambda db: _corrupt_page(db),
        "directory": directory,
        "newer-schema": lambda db: _alter(db, "CREATE TABLE alembic_version (version_num VARCHAR(32))"),
    }
    for label, brk in store_breaks.items():
        name = f"profiles-store-{label}"
        s = Secrets(name)

        def build(root, s=s, brk=brk):
            secret_config(root, s)
            brk(store020(root))

        out.append(Case(name, build, ["profiles", "{root}/cfg", "--store", "{root}/" + db_rel], (2,), s.all(),
                        needles=("nothing was written",)))
    for label, brk in {"config-fifo": fifo, "config-bomb": alias_bomb, "config-cycle": alias_cycle, "config-dev-zero": link_to("/dev/zero")}.items():
        name = f"profiles-store-global-{label}"
        s = Secrets(name)

        def build(root, s=s, brk=brk):
            secret_config(root, s)
            store020(root)
            brk(root / "z20" / "config.yaml")

        out.append(Case(name, build, ["profiles", "{root}/cfg", "--store", "{root}/" + db_rel], (2,), s.all()))
    name = "profiles-store-locked-by-another-process"
    s = Secrets(name)
    out.append(Case(name, lambda root, s=s: (secret_config(root, s), _hold_write_lock(store020(root))),
                    ["profiles", "{root}/cfg", "--store", "{root}/" + db_rel], (2,), s.all(), needles=("locked",),
                    after=_release_lock))
    for label, args in {
        "report-in-missing-dir": ["--report", "{root}/nodir/r.md"],
        "report-is-a-directory": ["--report", "{root}/cfg"],
        "report-bad-suffix": ["--report", "{root}/r.exe"],
        "repo-fifo": ["--repo", "{root}/repo"],
    }.items():
        name = f"profiles-{label}"
        s = Secrets(name)

        def build(root, s=s, label=label):
            secret_config(root, s)
            if label == "repo-fifo":
                (root / "repo" / ".zen").mkdir(parents=True)
                os.mkfifo(root / "repo" / ".zen" / "config.yaml")

        out.append(Case(name, build, ["profiles", "{root}/cfg", *args], (2,), s.all()))
    return out


_LOCKERS: Dict[str, "subprocess.Popen"] = {}


def _hold_write_lock(db: Path) -> None:
    """Another process holds the store's write lock (as a running ``zenml up`` writing would)."""
    code = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE');"
            " print('locked', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE)
    proc.stdout.readline()
    _LOCKERS[str(db.parents[3])] = proc


@atexit.register
def _release_all_locks() -> None:
    for proc in _LOCKERS.values():
        proc.kill()


def _release_lock(root: Path) -> List[str]:
    proc = _LOCKERS.pop(str(root), None)
    if proc is not None:
        proc.kill()
        proc.wait()
    return []


def _only_bundle_files_changed(root: Path) -> List[str]:
    manifest = json.loads((root / "out" / ".zenml-migrate-bundle.json").read_text())
    return [] if "README.txt" in manifest["files"] else ["the new bundle has no manifest entry for README.txt"]


def _alter(db: Path, sql: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(sql)
    conn.commit()
    conn.close()


def _corrupt_page(db: Path) -> None:
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 6 * page), 97):
        data[offset] ^= 0x5A
    db.write_bytes(bytes(data))


def server_cases(servers: Dict[str, str]) -> List[Case]:
    """``--server`` against hostile servers (URLs from the session fixture) and hostile URLs."""
    out = []
    for label, url in servers.items():
        name = f"profiles-server-{label}"
        s = Secrets(name)
        out.append(Case(name, lambda root, s=s: secret_config(root, s),
                        ["profiles", "{root}/cfg", "--server", url, "--username", "default", "--timeout", "3"], (2,),
                        s.all(), env={"ZENML_STORE_PASSWORD": s.server}, deadline=30, needles=("nothing was written",)))
    for label, url in {
        "ipv6-invalid": "http://[::1",
        "port-invalid": "http://127.0.0.1:99999",
        "password-in-url": "http://admin:{password}@127.0.0.1:9",
        "token-in-query": "http://127.0.0.1:9/?token={password}",
        "not-http": "ftp://example.com",
        "no-host": "http://",
        "refused": "http://127.0.0.1:9",
        "unresolvable": "http://zenml.invalid:8237",
    }.items():
        name = f"profiles-server-url-{label}"
        s = Secrets(name)
        out.append(Case(name, lambda root, s=s: secret_config(root, s),
                        ["profiles", "{root}/cfg", "--server", url.replace("{password}", s.server), "--username", "default", "--timeout", "5"],
                        (2,), s.all(), env={"ZENML_STORE_PASSWORD": s.server}, deadline=30))
    return out


def cases(scale: int = 1) -> List[Case]:
    return broken_file_cases(scale) + value_cases() + target_cases()
