"""An object of a class a removed module had (``zenml.metadata_stores``, ``zenml.zen_server.zen_server``,
``zenml.zen_stores.models``, ...): where the program builds it is reported, and the reads of it go with
that (a TODO on each read would outlive its finding once --fix stubs a module-level value: the re-scan
cannot type the stub's reads). An object zenml passes in (a parameter annotated with the class) is
reported where it is read: that read has to change."""

from collections import Counter

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as c

BUILT = c(
    """
    from zenml.metadata_stores import MySQLMetadataStore, SQLiteMetadataStore
    from zenml.zen_stores.models import User

    FALLBACK = SQLiteMetadataStore(name="local_meta", uri="/var/lib/meta.db")
    STORES = (
        MySQLMetadataStore(name="ci_meta", host="db", port=3306, database="m", username="u", password="p"),
        FALLBACK,
    )
    OWNERS = [User(name="ops"), User(name="ml")]


    def describe():
        names = [store.name for store in STORES]
        return names, FALLBACK.uri


    def owner_names():
        out = []
        for owner in OWNERS:
            out.append(owner.name.upper())
        return out
    """
)

PASSED_IN = c(
    """
    from zenml.runtime_configuration import RuntimeConfiguration


    def label(config: RuntimeConfiguration) -> str:
        return config.run_name or "unnamed"
    """
)


def _lines(findings, code):
    return sorted(f.span.line for f in findings if f.code == code)


def test_reads_of_an_object_the_program_builds_are_not_reported_again():
    findings = scan_source(BUILT, "envs.py")
    assert _lines(findings, "ZM312") == [1, 1, 4, 6]  # the imports and the constructions, not describe()'s reads
    assert _lines(findings, "ZM112") == [2, 9, 9]  # the import and the constructions, not the items' .name


def test_a_read_of_an_object_zenml_passes_in_is_reported():
    assert _lines(scan_source(PASSED_IN, "label.py"), "ZM111") == [1, 4, 5]


def test_the_rescan_reports_what_fix_left_for_a_human():
    for source in (BUILT, PASSED_IN):
        for unsafe in (False, True):
            fixed = fix_source(source, unsafe=unsafe)
            left = Counter(f.code for f in fixed.remaining)
            again = Counter(f.code for f in scan_source(fixed.text, "again.py"))
            for code in ("ZM111", "ZM112", "ZM312"):
                assert again[code] == left[code], (code, unsafe, fixed.text)
