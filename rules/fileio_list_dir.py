"""ZM446: ZenML 0.5-0.6's ``fileio.list_dir`` (full paths), inlined where it was imported."""

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.rules.inlined_helpers import inline_check

MODULE = "zenml.io.fileio"

# zenml 0.6.3 wheel: ``[os.path.join(dir_path, convert_to_str(f)) if not only_file_names else
# convert_to_str(f) for f in _get_filesystem(dir_path).listdir(dir_path)]``, ``[]`` on IOError.
# zenml 0.20.0/0.20.5 wheels: ``fileio.listdir`` is tfx's, the same ``_get_filesystem(path).listdir``
# call, and ``zenml.utils.io_utils.convert_to_str`` the same function.
HELPERS = (
    (
        "list_dir",
        (
            "import os",
            "from typing import List",
            "from zenml.io import fileio",
            "from zenml.utils.io_utils import convert_to_str",
        ),
        "def list_dir(dir_path: str, only_file_names: bool = False) -> List[str]:\n"
        '    """Returns a list of files under dir (full paths, or only the names).\n\n'
        "    Inlined by zenml-migrate: ZenML 0.5-0.6 shipped it as\n"
        f"    {MODULE}.list_dir; ZenML 0.20 does not.\n"
        '    """\n'
        "    try:\n"
        "        return [\n"
        "            os.path.join(dir_path, convert_to_str(f))\n"
        "            if not only_file_names\n"
        "            else convert_to_str(f)\n"
        "            for f in fileio.listdir(dir_path)\n"
        "        ]\n"
        "    except IOError:\n"
        "        return []\n",
    ),
)

_FIXED = _c(
    '''
    import os
    from typing import List
    from zenml.io import fileio
    from zenml.utils.io_utils import convert_to_str


    def list_dir(dir_path: str, only_file_names: bool = False) -> List[str]:
        """Returns a list of files under dir (full paths, or only the names).

        Inlined by zenml-migrate: ZenML 0.5-0.6 shipped it as
        zenml.io.fileio.list_dir; ZenML 0.20 does not.
        """
        try:
            return [
                os.path.join(dir_path, convert_to_str(f))
                if not only_file_names
                else convert_to_str(f)
                for f in fileio.listdir(dir_path)
            ]
        except IOError:
            return []


    files = list_dir("data")
    '''
)

ZM446 = Rule(
    code="ZM446",
    name="legacy-fileio-list-dir",
    message="ZenML 0.5-0.6's `fileio.list_dir` is gone in ZenML 0.20 (closest: `zenml.io.fileio.listdir`, which returns names, not paths)",
    why=(
        "`zenml.io.fileio.list_dir(dir_path, only_file_names=False)` (ZenML 0.5.4-0.6.3) returned the full paths "
        "of a folder's entries (`[]` for a missing folder); 0.7 replaced it by tfx's `fileio.listdir`, which "
        "returns the names only (ImportError / AttributeError on 0.13.2 and 0.20)."
    ),
    instead="`[os.path.join(d, f) for f in fileio.listdir(d)]`, or the inlined helper.",
    fix=Fix.SAFE,
    fix_note="Safe: the import becomes the 0.6.3 function, written with the 0.20 spellings of the calls it made "
    "(`fileio.listdir` is the same filesystem call, `io_utils.convert_to_str` the same function), so every "
    "use behaves as before. Other names on the same import line stay there (with their own findings).",
    codemod="inline_helpers:InlineHelpers",
    fix_args=(("helpers", HELPERS), ("module", MODULE)),
    fix_check=inline_check,
    todo="`fileio.list_dir` is gone in ZenML 0.20: use `[os.path.join(d, f) for f in fileio.listdir(d)]` "
    "(see `migrate explain ZM446`)",
    match=(Ref(f"{MODULE}.list_dir"),),
    bad=(
        Bad("from zenml.io.fileio import list_dir\n\nfiles = list_dir(\"data\")\n", fixed=_FIXED, count=2),
        Bad(
            "from zenml.io.fileio import exists, list_dir\n\nfiles = list_dir(\"data\") if exists(\"data\") else []\n",
            fixed=_FIXED.replace("from zenml.io import fileio\n", "from zenml.io import fileio\n")
            .replace('files = list_dir("data")', 'files = list_dir("data") if exists("data") else []')
            .replace("import os\n", "from zenml.io.fileio import exists\nimport os\n", 1),
            count=2,
        ),
    ),
    good=(Good("import os\n\nfrom zenml.io import fileio\n\nfiles = [os.path.join('d', f) for f in fileio.listdir('d')]\n"),),
)
