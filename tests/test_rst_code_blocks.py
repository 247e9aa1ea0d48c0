"""reStructuredText docs (``.rst``): the commands of shell ``code-block``/``code``/``sourcecode``
directives (after their options; a console block: only its ``$`` lines) and of sphinx-prompt's
``.. prompt:: bash``, and the ``$`` lines of a literal block (after a paragraph's ``::``); prose, the rest of a
literal block and other languages are not read."""

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


LITERAL = """Install
=======

Set the team up (the commands and their output)::

    (venv) $ zenml profile create ml_team
    Initialized profile ml_team.
    (venv) $ zenml stack register ml_team -m md -a store -o default
    zenml profile list (printed, not a command)

.. note::

   $ zenml profile explain (a directive's content: not a literal block)

Expected output: ::

    $ zenml stack list
"""


def test_the_prompted_lines_of_a_literal_block():
    assert _found(LITERAL) == [("ZM950", 6), ("ZM952", 8)]
    out = fix_source(LITERAL, "docs/deploy.rst").text
    assert "    (venv) $ zenml stack register ml_team -a store -o default\n" in out
