"""ZM441: a 0.5-0.6 ``zenml.io.fileio`` function that 0.7+ kept under the tfx name."""

from zenml_migrate.rules.base import Bad, Fix, Good, Rule, renaming, snippet as _c

# 0.5.0-0.6.3 ``fileio.X`` was ``_get_filesystem(path).Y(path)``; 0.7.0-0.20.5 ``fileio.Y`` is
# tfx's ``fileio.Y``, the same filesystem call (zenml 0.6.3 and 0.20.5 wheels)
RENAMES = (
    ("zenml.io.fileio.file_exists", "zenml.io.fileio.exists"),
    ("zenml.io.fileio.is_dir", "zenml.io.fileio.isdir"),
    ("zenml.io.fileio.make_dirs", "zenml.io.fileio.makedirs"),
)

ZM441 = Rule(
    code="ZM441",
    name="legacy-fileio-names",
    message="This `zenml.io.fileio` function of ZenML 0.5-0.6 has its tfx name since 0.7 (`exists`, `isdir`, `makedirs`)",
    why=(
        "ZenML 0.5-0.6 wrote its own `fileio.file_exists`, `fileio.is_dir` and `fileio.make_dirs` (each one "
        "call of the path's filesystem); since 0.7 `zenml.io.fileio` re-exports tfx's `exists`, `isdir` and "
        "`makedirs`, which make the same call, and the old names are gone (ImportError / AttributeError on 0.20)."
    ),
    instead="`fileio.exists(path)`, `fileio.isdir(path)`, `fileio.makedirs(path)`.",
    fix=Fix.SAFE,
    fix_note="Safe: the same filesystem call under its 0.7+ name. `list_dir` is not renamed (it returned "
    "full paths, `listdir` returns names) and `rm_dir` checked for a folder first: both keep ZM000 for a human.",
    **renaming(RENAMES),
    bad=(
        Bad(
            _c(
                """
                import os

                from zenml.io import fileio

                if not fileio.file_exists(os.path.join("out", "model")):
                    fileio.make_dirs("out/model")
                """
            ),
            fixed=_c(
                """
                import os

                from zenml.io import fileio

                if not fileio.exists(os.path.join("out", "model")):
                    fileio.makedirs("out/model")
                """
            ),
            count=2,
        ),
        Bad(
            "from zenml.io.fileio import is_dir\n\nis_dir('/tmp')\n",
            fixed="from zenml.io.fileio import isdir\n\nisdir('/tmp')\n",
            count=2,
        ),
    ),
    good=(
        Good("from zenml.io import fileio\n\nfileio.exists('x')\nfileio.makedirs('y')\n"),
        Good("import os\n\nos.path.isdir('x')\n"),
    ),
)
