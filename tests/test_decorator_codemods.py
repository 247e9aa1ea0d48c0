"""Issue 11: a decorator rule whose codemod removes the decorator is its rules module and the
codemod: ``drops_decorator`` in that module fills ``scan/fix_checks.DECORATOR_DROPPED`` and
``DECORATOR_GONE`` (as ``codemod_check`` fills ``BY_CODEMOD``/``REPLACES_SPAN``); there is no
tuple of codemods in ``scan/resolved_with.py`` to extend."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_codemod_that_drops_a_decorator_is_said_where_its_rule_is():
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.fix_checks import DECORATOR_DROPPED, DECORATOR_GONE

    named = {r.codemod for r in all_rules() if r.codemod}
    assert DECORATOR_GONE <= DECORATOR_DROPPED <= named
    assert DECORATOR_DROPPED == {"trackers:EnableDecorators", "whylogs_decorator:DropEnableWhylogs", "registration_decorator:DropRegistration"}
    assert DECORATOR_GONE == {"whylogs_decorator:DropEnableWhylogs", "registration_decorator:DropRegistration"}
    sources = {p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules").glob("*.py"))}
    for codemod in DECORATOR_DROPPED:
        said = [p.name for p, text in sources.items() if f'drops_decorator("{codemod}"' in text]
        assert len(said) == 1 and f'codemod="{codemod}"' in sources[ROOT / "rules" / said[0]], (codemod, said)
    engine = (ROOT / "migrate" / "scan" / "resolved_with.py").read_text(encoding="utf-8")
    assert not [c for c in DECORATOR_DROPPED if f'"{c}"' in engine]
