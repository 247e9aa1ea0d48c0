"""``%sx LINE`` and ``%system LINE`` exported by nbconvert/jupytext as
``get_ipython().run_line_magic("sx", "LINE")``: IPython runs LINE in a shell, so its zenml
commands are read (and fixed inside the literal). Other line magics are not shell lines."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

EXPORTED = """# In[3]:
ip = get_ipython()
get_ipython().run_line_magic("system", "zenml stack update s1 -m old_store")
listing = get_ipython().run_line_magic('sx', "zenml metadata-store list")
get_ipython().run_line_magic("timeit", "zenml_call()")
get_ipython().run_line_magic("sx", "zenml stack describe")
"""


def test_shell_line_magics_are_read():
    found = [(f.code, f.span.line) for f in scan_source(EXPORTED, "export/stack_setup.py") if f.code.startswith("ZM9")]
    assert found == [("ZM952", 3), ("ZM951", 4)]


def test_fixed_inside_the_literal():
    out = fix_source(EXPORTED, "export/stack_setup.py").text
    assert 'get_ipython().run_line_magic("system", "zenml stack update s1")\n' in out
    assert 'get_ipython().run_line_magic("sx", "zenml stack describe")\n' in out
