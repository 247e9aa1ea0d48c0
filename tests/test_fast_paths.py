"""The scan's fast paths give exactly what the plain code they replace gives."""

import ast
import pathlib
import random

from zenml_migrate.scan.detect import _map_parents
from zenml_migrate.scan.file_kinds import has_zenml

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_has_zenml_is_the_plain_search():
    cases = [b"", b"z", b"zenml", b"zenm", b"xzenml", b"zz" * 20 + b"zenml", b"z" * 100, b"z" * 100 + b"zenml",
             b"zenmzenml", b"azenmlz", b"zenmL", b"import zenml\n", b"# lazy\nx = 'zzz'\n"]
    rng = random.Random(7)
    cases += [bytes(rng.choice(b"zenmlx") for _ in range(rng.randrange(60))) for _ in range(20000)]
    for data in cases:
        assert has_zenml(data) == (b"zenml" in data), data


def test_map_parents_is_the_ast_walk_mapping():
    for path in sorted(ROOT.glob("migrate/scan/*.py")):
        for top in ast.parse(path.read_text(encoding="utf-8")).body:
            plain = {}
            for outer in ast.walk(top):
                for child in ast.iter_child_nodes(outer):
                    plain[child] = outer
            fast = {}
            _map_parents(top, fast)
            assert list(fast.items()) == list(plain.items()), path


def test_module_finder_matching_is_matches_on_each_text():
    from zenml_migrate.scan.cross_file import ModuleFinder

    rng = random.Random(3)
    words = ["steps", "step", "trainer", "pipelines", "a", "mod_1", "mod_12", "pkg"]
    for _ in range(300):
        finder = ModuleFinder(rng.sample(words, rng.randrange(1, 5)))
        texts = [
            b"".join(rng.choice([b"from ", b"import ", b".", b"_", b" ", b"\n", b"x", b"9", b"\xc3\xa9"] + [w.encode() for w in words])
                     for _ in range(rng.randrange(8)))
            for _ in range(rng.randrange(1, 12))
        ]
        assert finder.matching(texts) == {i for i, t in enumerate(texts) if finder.matches(t)}, texts


def test_put_phase_b_all_is_put_phase_b_for_each_path(tmp_path):
    from types import SimpleNamespace

    from zenml_migrate.scan.cache import ResultCache

    rng = random.Random(5)
    paths = [f"p{i}.py" for i in range(12)]
    for _ in range(200):
        old = set(rng.sample(paths, rng.randrange(6)))
        searched = rng.sample(paths, rng.randrange(1, 12))
        hits = {p for p in searched if rng.random() < 0.4}
        used = rng.random() < 0.5
        one, all_ = ResultCache(str(tmp_path), "x"), ResultCache(str(tmp_path), "x")
        for cache in (one, all_):
            cache.searches = {"k": set(old)} if old or rng.random() < 0.5 else {}
            if used:
                cache._used_searches.add("k")
        all_.searches = {k: set(v) for k, v in one.searches.items()}
        for p in searched:
            one.put_phase_b(SimpleNamespace(path=p), "k", p in hits)
        all_.put_phase_b_all("k", hits, searched)
        assert (all_.searches, all_.dirty, all_._used_searches) == (one.searches, one.dirty, one._used_searches)


def _plain_module_name(rel):
    parts = rel[: -len(".py")].split("/") if rel.endswith(".py") else rel.split("/")
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    name = ".".join(p for p in parts if p and p != ".")
    if not name.isascii() and not all(p.isidentifier() for p in name.split(".")):
        return "", is_package
    return name, is_package


def _plain_project_modules(modules):
    names = set()
    for module in modules:
        parts = module.split(".")
        names.update(".".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts)))  # package infixes
        names.update(".".join(parts[i:]) for i in range(len(parts)))
    return names


def test_module_names_and_project_modules_are_the_plain_definitions():
    from zenml_migrate.scan.discovery import module_name_for, project_modules
    from zenml_migrate.scan.file_scan import FileJob

    rng = random.Random(11)
    atoms = ["a", "b", "pkg", "__init__", ".", "..", "", "\u00e9", "x.y", "__init__.py", "mod.py", "_", ".hidden"]
    for _ in range(50000):
        rel = "/".join(rng.choice(atoms) for _ in range(rng.randrange(1, 5))) + (".py" if rng.random() < 0.7 else "")
        assert module_name_for(".", rel) == _plain_module_name(rel), rel
    jobs = []
    for _ in range(2000):
        rel = "/".join(rng.choice(["a", "b", "c", "__init__", "d_1"]) for _ in range(rng.randrange(1, 6))) + ".py"
        jobs.append(FileJob(rel, "py", *module_name_for(".", rel)))
    assert project_modules(jobs) == _plain_project_modules(j.module_name for j in jobs if j.module_name)


def test_phase_b_answers_from_the_cache_on_a_warm_run(tmp_path, monkeypatch):
    """A warm run takes phase B's answers from the cache (``search_answers``: one per search,
    for the unchanged files) and still sees a plain file that starts importing a legacy step."""
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.engine import ScanSettings, run_scan

    files = {
        "steps.py": "from zenml.steps import step\n\n\n@step\ndef trainer() -> int:\n    return 1\n",
        "run.py": "from steps import trainer\n\ntrainer(custom_step_operator='so')\n",
        "other.py": "import os\n\nprint(os.getcwd())\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).write_text(text)
    monkeypatch.chdir(tmp_path)

    def scan():
        report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1, cache_dir=str(tmp_path / "cache")))
        return sorted((f.path, f.span.line, f.code) for f in report.findings)

    cold = scan()
    assert ("run.py", 3, "ZM201") in cold
    assert scan() == cold  # warm
    (tmp_path / "other.py").write_text("from steps import trainer\n\n\ntrainer(custom_step_operator='x')\n")
    assert ("other.py", 4, "ZM201") in scan()


def test_a_warm_run_takes_plain_files_and_phase_b_from_the_cache_alone(tmp_path, monkeypatch):
    """Warm: a plain file whose stamp is the one kept costs one ``os.stat`` (no ``stat_job``, no
    per-file cache call), and phase B's search regex is not even compiled when the cache answers
    for every file. A changed plain file still goes the whole way."""
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan import cross_file, engine

    files = {
        "steps.py": "from zenml.steps import step\n\n\n@step\ndef trainer() -> int:\n    return 1\n",
        "run.py": "from steps import trainer\n\ntrainer(custom_step_operator='so')\n",
        "other.py": "import os\n\nprint(os.getcwd())\n",
        "more.py": "import sys\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).write_text(text)
    monkeypatch.chdir(tmp_path)

    def scan():
        report = engine.run_scan(["."], engine.ScanSettings(rules=all_rules(), workers=1, cache_dir=str(tmp_path / "cache")))
        return sorted((f.path, f.span.line, f.code) for f in report.findings)

    cold = scan()
    assert ("run.py", 3, "ZM201") in cold
    stat_job, statted = engine.stat_job, []
    monkeypatch.setattr(engine, "stat_job", lambda job, *seen: statted.append(job.path) or stat_job(job, *seen))

    def no_regex(tails):
        raise AssertionError("phase B's regex compiled on a warm run")

    regex = cross_file._trie_regex
    monkeypatch.setattr(cross_file, "_trie_regex", no_regex)
    assert scan() == cold
    assert statted == ["steps.py"]  # the one file that mentions zenml: its cached result by stamp
    monkeypatch.setattr(cross_file, "_trie_regex", regex)
    (tmp_path / "other.py").write_text("from steps import trainer\n\n\ntrainer(custom_step_operator='x')\n")
    statted.clear()
    assert ("other.py", 4, "ZM201") in scan()
    assert sorted(statted) == ["other.py", "steps.py"]
