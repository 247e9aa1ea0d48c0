"""reStructuredText docs (``.rst``): the commands of shell ``code-block``/``code``/``sourcecode``
directives (after their options; a console block: only its ``$`` lines) and of sphinx-prompt's
``.. prompt:: bash``; prose, literal blocks and other languages are not read."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

DOC = """Deploying
=========

Run zenml profile set prod before anything (prose)::

    zenml profile set literal_block_not_read

.. code-block:: bash
   :caption: set-up

   zenml profile create staging
   zenml stack update staging -m staging_md

.. code:: console

   $ zenml metadata-store list
   zenml profile get (printed output)

.. prompt:: bash $

   zenml profile describe

.. code-block:: python

   os.system("echo zenml profile delete x")
"""


def _found(text):
    return [(f.code, f.span.line) for f in scan_source(text, "docs/deploy.rst") if f.code.startswith("ZM9")]


def test_rst_directives():
    assert kind_of("docs/deploy.rst") == "rst"
    assert _found(DOC) == [("ZM950", 11), ("ZM952", 12), ("ZM951", 16), ("ZM950", 21)]


def test_fix_in_the_block():
    out = fix_source(DOC, "docs/deploy.rst").text
    assert "   zenml stack update staging\n" in out and "    zenml profile set literal_block_not_read\n" in out
