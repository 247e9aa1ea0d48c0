"""Keys the code adds to a dict before giving it as ``**`` to a zenml callable
(scan/splat_keywords.py ``added_keys`` / ``judge_written``): a wrapper's ``**kwargs`` given
``setdefault("k", v)``, ``kw["k"] = v``, ``kw.update(...)``, ``kw |= {...}``, and dicts built
in the call (``{**base, "k": v}``, ``dict(base, k=v)``). 0.20 rejects the keyword when the
wrapper runs (TypeError at import for a decorator). Reported on the key, by the keyword's own
rule or the signature safety net. ``--fix`` renames a renamed key where it is added, moves a
``setdefault`` statement / item assignment of a settings keyword into the dict's ``settings``, and
writes a TODO for the rest."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


WRAPPERS = _src(
    """
    import functools

    from zenml.config import DockerConfiguration, ResourceConfiguration
    from zenml.pipelines import pipeline
    from zenml.steps import step

    GPU = ResourceConfiguration(gpu_count=1)


    def fleet_pipeline(*, nightly=False, **opts):
        if nightly:
            opts.setdefault("requirements", ["lightgbm"])
        return pipeline(**opts)


    def gpu_step(_func=None, **extra):
        extra["resource_configuration"] = GPU
        if _func is None:
            return functools.partial(step, **extra)
        return step(_func, **extra)


    def audited_step(**extra):
        extra.update(output_types={"report": None}, enable_cache=False)
        return step(**extra)


    def images(**opts):
        opts |= {"docker_configuration": DockerConfiguration(parent_image="py:3.9")}
        return pipeline(**opts)


    def merged(**opts):
        return pipeline(**{**opts, "requirements_file": "reqs.txt"})


    def copied(**opts):
        local = dict(opts, docker_configuration=None)
        return pipeline(**local)


    def by_net(**extra):
        extra.update({"experiment_tracker_name": "wandb"})
        return step(**extra)
    """
)


def _found(text):
    return sorted((f.span.line, f.span.column, f.code, f.fix) for f in scan_source(text, "kit.py") if f.code not in ("ZM105", "ZM106"))


def test_keys_added_before_the_splat_are_reported_on_the_key():
    found = scan_source(WRAPPERS, "kit.py")
    got = sorted((f.span.line, f.span.column, f.code, f.fix) for f in found if f.code not in ("ZM105", "ZM106"))
    assert got == [
        (12, 25, "ZM205", None),  # opts.setdefault("requirements", ...)  (inside an `if`)
        (17, 11, "ZM203", "safe"),  # extra["resource_configuration"] = ...  (one finding for both splats)
        (24, 18, "ZM202", "safe"),  # extra.update(output_types=...): renamed
        (29, 14, "ZM204", None),  # opts |= {"docker_configuration": ...}
        (34, 32, "ZM205", None),  # {**opts, "requirements_file": ...}: the display holds a `**`
        (38, 24, "ZM204", None),  # dict(opts, docker_configuration=None)
        (39, 21, "ZM204", None),  # ... and where Python fails: `**local`
        (43, 19, "ZM003", None),  # no catalog rule: the 0.20 signature of `step` rejects it
    ]
    by_line = {f.span.line: f.message for f in found if f.code not in ("ZM105", "ZM106")}
    assert "(a key added to `opts` by `opts.setdefault(...)`, given as `**` to `pipeline`)" in by_line[12]
    assert "(a key added to `extra` by `extra[...] = ...`, given as `**` to `step`)" in by_line[17]
    assert "no automatic fix here" not in by_line[17]
    assert "(no automatic fix here: no rewrite of a key added to a dict: change it where it is written)" in by_line[12]
    assert "only a `setdefault` statement or an item assignment of `docker_configuration` is moved into `settings`" in by_line[29]
    assert "the dict also holds a `**` item" in by_line[34]
    assert "the dict is built from another dict (`dict(base, ...)`), which may hold `settings`" in by_line[38]
    assert "`step` takes no `experiment_tracker_name=` in ZenML 0.20" in by_line[43]
    assert "closest: `experiment_tracker=`" in by_line[43]


def test_keys_not_in_the_dict_when_it_is_splatted_are_not_reported():
    text = _src(
        """
        from zenml.pipelines import pipeline


        def later(**opts):
            made = pipeline(**opts)
            opts["docker_configuration"] = None  # after the call
            return made


        def nested(**opts):
            def inner():
                opts["docker_configuration"] = None  # runs later, if at all
            return pipeline(**opts)


        def other(**opts):
            extra = {}
            extra["docker_configuration"] = None  # another dict
            return pipeline(**opts), dict(**extra)


        def not_zenml(**opts):
            opts.setdefault("docker_configuration", None)
            return print(**opts)
        """
    )
    assert _found(text) == []


def test_fix_moves_renames_or_marks_added_keys_and_rewrites_a_local_dict_display():
    text = _src(
        """
        from zenml.config import DockerConfiguration
        from zenml.pipelines import pipeline
        from zenml.steps import step


        def team_step(**extra):
            extra.setdefault("output_types", {"model": None})
            extra["custom_step_operator"] = "vertex"
            return step(**extra)


        def team_pipeline(func, **opts):
            opts.setdefault("docker_configuration", DockerConfiguration(parent_image="team/base"))
            opts.setdefault("required_integrations", ["sklearn"])
            return pipeline(**opts)(func)


        def boosted(func):
            options = {"requirements": ["xgboost"], "enable_cache": False}
            return pipeline(**options)(func)


        def mixed(func, **opts):
            opts["docker_configuration"] = None
            options = {"requirements": ["xgboost"]}
            return pipeline(**options, **opts)(func)
        """
    )
    found = scan_source(text, "kit.py")
    assert sorted((f.span.line, f.code, f.fix) for f in found if f.code != "ZM105") == [
        (7, "ZM202", "safe"), (8, "ZM201", "safe"),
        (13, "ZM204", "safe"), (14, "ZM205", None),
        (19, "ZM205", "safe"), (20, "ZM205", "safe"),  # the key, and where Python fails (resolved by that fix)
        (24, "ZM204", None), (25, "ZM205", None), (26, "ZM205", None),  # two `**`: either may hold `settings`
    ]
    clash = [f.message for f in found if f.span.line in (24, 25)]
    assert all("a call gives the dict with `settings=` or another `**`, which may hold `settings` too" in m for m in clash)
    result = fix_source(text, "kit.py")
    assert result.error is None, result.error
    assert result.text.startswith(_src(
        """
        from zenml.config import DockerSettings
        from zenml.pipelines import pipeline
        from zenml.steps import step


        def team_step(**extra):
            extra.setdefault("output_artifacts", {"model": None})
            extra["step_operator"] = "vertex"
            return step(**extra)


        def team_pipeline(func, **opts):
            opts["settings"] = {"docker": DockerSettings(parent_image="team/base"), **opts.get("settings", {})}
            # TODO(zenml-migrate): ZM205 move the legacy docker keywords into `settings={"docker": DockerSettings(...)}` (a key added to `opts` by `opts.setdefault(...)`, given as `**` to `pipeline`) (no automatic fix here: no rewrite of a key added to a dict: change it where it is written)
            opts.setdefault("required_integrations", ["sklearn"])
            return pipeline(**opts)(func)


        def boosted(func):
            options = {"settings": {"docker": DockerSettings(requirements=["xgboost"])}, "enable_cache": False}
            return pipeline(**options)(func)
        """
    ))
    assert result.todos == ["ZM205", "ZM204", "ZM205", "ZM205"]
    assert [(f.span.line, f.code) for f in scan_source(result.text, "kit.py")] == [
        (15, "ZM205"), (26, "ZM204"), (28, "ZM205"), (30, "ZM205"),
    ]


def test_keywords_given_to_a_wrapper_of_a_zenml_decorator_in_another_module(tmp_path, monkeypatch):
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.engine import ScanSettings, run_scan

    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("from .decorators import batch_step\n")
    (tmp_path / "kit" / "decorators.py").write_text(_src(
        """
        from zenml.steps import step


        def batch_step(func=None, *, team="ml", **options):
            options.setdefault("enable_cache", False)
            return step(func, **options) if func else step(**options)
        """
    ))
    (tmp_path / "jobs.py").write_text(_src(
        """
        from kit import batch_step


        @batch_step(team="data", custom_step_operator="spark", output_types={"rows": None})
        def load() -> int:
            return 1


        @batch_step
        def clean() -> int:
            return 2
        """
    ))
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert not report.diagnostics, report.diagnostics
    # `team=` is the wrapper's own parameter; the others reach `step` (0.20: TypeError at the decorator)
    assert [(f.path, f.span.line, f.span.column, f.code, f.fix) for f in report.findings] == [
        ("jobs.py", 4, 26, "ZM201", "safe"),
        ("jobs.py", 4, 56, "ZM202", "safe"),
    ]
