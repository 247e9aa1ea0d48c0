"""ZM440: a removed 0.6-0.12 helper whose body is known is inlined where it was imported."""

import ast
from typing import Optional

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c

DIGITS = "zenml.integrations.sklearn.helpers.digits"
_ORIGIN = (
    "    Inlined by zenml-migrate: ZenML 0.6-0.12 shipped it as\n"
    "    {path}; ZenML 0.20 does not.\n"
)

# the bodies of the last release that had them (zenml 0.12.0 wheel), docstrings shortened
HELPERS = (
    (
        "get_digits",
        ("from sklearn.datasets import load_digits", "from sklearn.model_selection import train_test_split"),
        'def get_digits():\n'
        '    """The sklearn digits dataset as numpy arrays: (X_train, X_test, y_train, y_test).\n\n'
        + _ORIGIN.format(path=f"{DIGITS}.get_digits")
        + '    """\n'
        "    digits = load_digits()\n"
        "    # flatten the images\n"
        "    n_samples = len(digits.images)\n"
        "    data = digits.images.reshape((n_samples, -1))\n\n"
        "    # Split data into 50% train and 50% test subsets\n"
        "    X_train, X_test, y_train, y_test = train_test_split(\n"
        "        data, digits.target, test_size=0.5, shuffle=False\n"
        "    )\n"
        "    return X_train, X_test, y_train, y_test\n",
    ),
    (
        "get_digits_model",
        ("from sklearn.svm import SVC",),
        'def get_digits_model():\n'
        '    """A support vector classifier for the digits dataset.\n\n'
        + _ORIGIN.format(path=f"{DIGITS}.get_digits_model")
        + '    """\n'
        "    return SVC(gamma=0.001)\n",
    ),
)


def _import_reason(statement: Optional[ast.AST], helpers, module) -> Optional[str]:
    modules = (module,) if isinstance(module, str) else tuple(module)  # a rule may name the modules a helper came from
    if not (isinstance(statement, ast.ImportFrom) and statement.level == 0 and statement.module in modules):
        return f"not a `from {modules[0]} import ...` line: import the helper by name, or copy its code"
    return None  # other names on the line stay there, with their own findings


def inline_check(node: ast.AST, site) -> Optional[str]:
    """Fixable: the names of a ``from <helper module> import helper, ...`` line (every name a
    known helper) and the uses of the names such a line binds. An unsafe inline (ZM445, ZM448)
    yields to ZM460's safe fix at ``--fix`` where that fix takes the import (every use runs after
    import), so that ``--fix`` makes the module import, and is made at ``--unsafe-fixes`` (``Yields``:
    the finding carries both); a safe one (ZM440, ZM446) is made at ``--fix`` and keeps the code working."""
    reason = inline_reason(node, site)
    if reason is not None or site.rule.fix is not Fix.UNSAFE:
        return reason
    return yields_to_removal(node, site)


def yields_to_removal(node: ast.AST, site) -> Optional[str]:
    """An unsafe inline yields to ZM460's safe removal of the import where ZM460 takes it (a
    ``Yields`` answer), else None."""
    from zenml_migrate.scan.no_successor import removed_locals  # the plan ZM460 makes (ast only)

    local = (node.asname or node.name) if isinstance(node, ast.alias) else getattr(node, "id", None)
    if local in removed_locals(site.detector):
        from zenml_migrate.scan.fix_checks import Yields

        return Yields("only code that runs after import uses it: ZM460 removes the import (see `migrate explain ZM460`); "
                      "`--unsafe-fixes` inlines it")
    return None


def inline_reason(node: ast.AST, site) -> Optional[str]:
    from zenml_migrate.codemods.inline_helpers import helper_table  # LibCST: never at a scan's start-up

    helpers = helper_table(site.arg("helpers", ()))
    module = site.arg("module", DIGITS)  # the helpers' module (rules other than ZM440 name theirs)
    if isinstance(node, ast.alias):
        return _import_reason(site.parent(node), helpers, module)
    if isinstance(node, ast.Name):
        for statement in ast.walk(site.module):
            if isinstance(statement, ast.ImportFrom) and any((a.asname or a.name) == node.id for a in statement.names):
                return _import_reason(statement, helpers, module)
    first = module if isinstance(module, str) else module[0]
    return f"not a name imported with `from {first} import ...`: import the helper by name, or copy its code"


ZM440 = Rule(
    code="ZM440",
    name="removed-helper-inlined",
    message="This helper of ZenML 0.6-0.12 is gone in ZenML 0.20 (no successor); its code can take the import's place",
    why=(
        "ZenML 0.6-0.12 shipped small helpers that examples and user code imported by name, above all "
        "`zenml.integrations.sklearn.helpers.digits.get_digits` (the quickstart's data loader). The module "
        "is gone since 0.13 (ImportError on 0.20) and ZenML has no replacement, but the helper is a few lines "
        "of scikit-learn code."
    ),
    instead="Define the helper in your project (its code is below the import after `--fix`) or load the data "
    "with scikit-learn directly.",
    fix=Fix.SAFE,
    fix_note="Safe: the import line becomes the scikit-learn imports and the `def` of the helpers it named, "
    "with the body of the last release that shipped them (0.12.0), so every use behaves as before; an `as` "
    "name renames the `def`. Other spellings (the module imported, a name the 0.20 index lacks on the same "
    "line) get a TODO.",
    codemod="inline_helpers:InlineHelpers",
    fix_args=(("helpers", HELPERS),),
    fix_check=inline_check,
    todo="the helper is gone in ZenML 0.20: define it in your project (see `migrate explain ZM440`)",
    match=(Ref(*(f"{DIGITS}.{name}" for name, _, _ in HELPERS)),),
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.sklearn.helpers.digits import get_digits
                from zenml.steps import step

                X_train, X_test, y_train, y_test = get_digits()
                """
            ),
            fixed=_c(
                '''
                from sklearn.datasets import load_digits
                from sklearn.model_selection import train_test_split


                def get_digits():
                    """The sklearn digits dataset as numpy arrays: (X_train, X_test, y_train, y_test).

                    Inlined by zenml-migrate: ZenML 0.6-0.12 shipped it as
                    zenml.integrations.sklearn.helpers.digits.get_digits; ZenML 0.20 does not.
                    """
                    digits = load_digits()
                    # flatten the images
                    n_samples = len(digits.images)
                    data = digits.images.reshape((n_samples, -1))

                    # Split data into 50% train and 50% test subsets
                    X_train, X_test, y_train, y_test = train_test_split(
                        data, digits.target, test_size=0.5, shuffle=False
                    )
                    return X_train, X_test, y_train, y_test


                from zenml.steps import step

                X_train, X_test, y_train, y_test = get_digits()
                '''
            ),
            count=2,
        ),
        Bad(
            "from zenml.integrations.sklearn.helpers.digits import get_digits_model as make_model\n\nmodel = make_model()\n",
            fixed=_c(
                '''
                from sklearn.svm import SVC


                def make_model():
                    """A support vector classifier for the digits dataset.

                    Inlined by zenml-migrate: ZenML 0.6-0.12 shipped it as
                    zenml.integrations.sklearn.helpers.digits.get_digits_model; ZenML 0.20 does not.
                    """
                    return SVC(gamma=0.001)


                model = make_model()
                '''
            ),
            count=2,
        ),
        Bad(
            "from zenml.integrations.sklearn.helpers import digits\n\nX = digits.get_digits()\n",
            count=1,
        ),
    ),
    good=(
        Good("def get_digits():\n    return 1\n\nget_digits()\n"),
        Good("from sklearn.datasets import load_digits\n\ndigits = load_digits()\n"),
    ),
)
