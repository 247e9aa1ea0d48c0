"""A script exported from a notebook that keeps IPython's shell in a variable
(``ip = get_ipython()``, then ``ip.system(...)``/``ip.getoutput(...)``/``ip.run_line_magic(...)``)
runs those lines as ``get_ipython().system(...)`` does: their zenml commands and pins are read."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

IMPORTED = """from IPython import get_ipython

shell = get_ipython()
if shell is not None:
    shell.run_line_magic("pip", "install -q zenml==0.13.2")
    shell.system("zenml stack register team -m mysql_md -a s3 -o kfp")
"""

BUILTIN = """# In[2]:
kernel = get_ipython()
names = kernel.getoutput("zenml metadata-store list")
kernel.system("zenml stack list")
"""

NOT_IPYTHON = """def get_ipython():
    return FakeShell()

fake = get_ipython()
fake.system("zenml stack register team -m mysql_md -a s3 -o kfp")
"""


def _lines(source, name):
    return sorted({(f.code, f.span.line) for f in scan_source(source, name) if f.code.startswith("ZM9")})


def test_a_shell_bound_from_the_imported_get_ipython():
    found = _lines(IMPORTED, "exports/setup_stack.py")
    assert sorted(line for _, line in found) == [5, 6]
    assert ("ZM952", 6) in found


def test_a_shell_bound_from_the_builtin_get_ipython():
    assert _lines(BUILTIN, "exports/inspect.py") == [("ZM951", 3)]


def test_a_function_of_that_name_is_not_the_shell():
    assert _lines(NOT_IPYTHON, "exports/fake.py") == []


def test_fixed_inside_the_literal():
    out = fix_source(IMPORTED, "exports/setup_stack.py").text
    assert 'shell.system("zenml stack register team -a s3 -o kfp")' in out
