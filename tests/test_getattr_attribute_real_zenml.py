"""``getattr(x, "old_name")`` (two arguments, a literal name) of a client attribute 0.20 renamed
(held-out 17 r07: ``getattr(repo, "active_stack_name")`` at import) on the real ZenMLs: the
ZM402/ZM403 Bad examples read the stack and user names on 0.13.2 and fail on 0.20.0 / 0.20.5
(AttributeError); after ``migrate code --fix`` (the call is the attribute it reads, renamed:
``(repo or Client()).active_stack_model.name``) they read the same names there. Before, the call
had no fix and the module failed on 0.20 after both fix levels. The probe initialises the 0.20
store first, as any ``zenml`` command does: on a config dir never used, 0.20.5's
``Client().active_stack_model`` (and ``active_stack``) raises RuntimeError("No active stack is
configured") until the store exists, whatever the spelling."""

import pytest

from tests.realzenml import PROBE_EACH_MODULE, bad_examples_project

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json, sys

try:
    from zenml.client import Client as Repo
    Repo().zen_store  # the store a 0.20 user has (any zenml command creates it)
except ImportError:  # 0.13.2
    from zenml.repository import Repository as Repo

''' + PROBE_EACH_MODULE + '''
    if hasattr(module, "name"):
        got["name"] = module.name
    if hasattr(module, "who"):
        try:
            got["who"] = module.who(Repo())
        except Exception as exc:
            got["who"] = type(exc).__name__
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''

# module name -> (rule, text only that rule's Bad example has)
EXAMPLES = {"stack_name": ("ZM402", "repo or Repository()"), "user_name": ("ZM403", 'getattr(repo, "active_user_name")')}


def test_a_getattr_of_a_renamed_client_attribute_reads_the_same_value_on_020_after_the_fix(tmp_path):
    facts = bad_examples_project(tmp_path, EXAMPLES, PROBE)  # (the fixed text is the example's: no TODO)

    names = {"name": "default"}, {"who": "Default"}
    assert facts("0.13.2", "old") == dict(zip(("old_stack_name", "old_user_name"), names))
    for version in ("0.20.0", "0.20.5"):
        assert facts(version, "old") == {"old_stack_name": "AttributeError", "old_user_name": {"who": "AttributeError"}}, version
        assert facts(version, "fixed") == dict(zip(("fixed_stack_name", "fixed_user_name"), names)), version
