"""RuleIndex's rename lookups are dict lookups by prefix (issue 11: testing every one of the
hundreds of ZM116 moves per path was a tenth of the scan); they must give exactly what the
plain definition gives, in the same order (the first 0.20 spelling that explains a member wins)."""

from zenml_migrate.rules import all_rules
from zenml_migrate.scan.detect import RuleIndex


def _renamed_from(index, path):
    """The definition: every 0.20 name ``new`` a rename rule writes that ``path`` starts with
    (followed by ``.`` or ``(``), replaced by each name it renames."""
    out = []
    for new, olds in index._renames().items():
        if path.startswith(new) and path[len(new) : len(new) + 1] in ("(", "."):
            out += [old + path[len(new) :] for old in olds]
    return out


def _renamed_to(index, path):
    out = []
    for new, olds in index._renames().items():
        for old in olds:
            if path.startswith(old) and path[len(old) : len(old) + 1] in ("", "(", "."):
                out.append(new + path[len(old) :])
    return out


def _paths(index):
    names = {n for new, olds in index._renames().items() for n in [new, *olds]}
    for name in sorted(names):
        for stem in (name, name.rsplit(".", 1)[0], name + "x"):
            for suffix in ("", ".x", "().y", "(", ".a.b", "().get_pipeline().runs"):
                yield stem + suffix


def test_renamed_from_and_to_match_their_definition_in_order():
    index = RuleIndex(all_rules())
    non_empty = 0
    for path in _paths(index):
        assert index.renamed_from(path) == _renamed_from(index, path), path
        assert index.renamed_to(path) == _renamed_to(index, path), path
        non_empty += bool(_renamed_from(index, path)) + bool(_renamed_to(index, path))
    assert non_empty > 1000  # the catalog's renames really were exercised


def test_refs_are_memoised_but_callers_get_their_own_list():
    index = RuleIndex(all_rules())
    first = index.refs("zenml.repository.Repository", "load")
    assert first and all(r.code.startswith("ZM") for r in first)
    first.clear()  # a caller changing its list changes nothing for the next one
    assert index.refs("zenml.repository.Repository", "load") == index._find_refs("zenml.repository.Repository", "load")
    assert index.refs("zenml.repository.Repository", "load")


def test_every_selection_shares_one_index_of_the_whole_catalog():
    """``--select``/``--ignore`` and per-file ignores make partial indexes; the whole catalog's
    index they consult (safety nets, coverage) is built once, memo tables and all."""
    from zenml_migrate.scan.detect import rule_index

    rules = all_rules()
    whole = rule_index(rules)
    assert whole.catalog() is whole
    some, others = rule_index(rules[:5]), rule_index(rules[5:12])
    assert some is not others
    assert some.catalog() is whole and others.catalog() is whole
    assert RuleIndex(rules[3:9]).catalog() is whole
