"""The marks of the cross-file facts that the engine's own loop reads (``cross_file``), in a module
of their own: a warm run reads the facts the cache kept, and imports none of the detection
(``detect``, which writes them)."""

from typing import Dict, Set

# cross-file fact ``"<importer>.<key>.__used__": key``: a project module uses the name ``key``
# (``compat.ResourceConfiguration``) of another one, so that module's fix keeps the name bound
USED_MARK = "__used__"
METHOD_MARK = "__method__"  # ``NAME.__method__.m``: what NAME.m is, NAME an instance of a plain class (``_method_facts``)
CLASS_METHOD_MARK = "__imethod__"  # ``CLS.__imethod__.m``: what ``m`` is on an instance of the plain class CLS
# cross-file fact ``"<importer>.<key>.__mixin__": "<module>:<Class>><zenml base>><member>,..."``: a class of
# the importer derives from the project class ``<module>.<Class>`` and from the zenml class ``<zenml base>``
# and declares those members itself: ``self`` in the methods of ``<Class>`` (a mixin that may import no
# zenml at all, scanned for this fact: ``cross_file.asked_modules``) is an instance of such a class
# (``Detector._mixed_into``)
MIXIN_MARK = "__mixin__"
# export ``"<name>.__asked__": "__asked__"``: this module's result depends on whether another project
# module imports ``name`` (``used_elsewhere`` said no). Not a fact of the index (``project_index``
# drops it): the engine scans the module again when an importer's ``USED_MARK`` fact appears
ASKED_MARK = "__asked__"


def imported_project_names(project: Dict[str, str]) -> Set[str]:
    """The project names some module imports (``USED_MARK`` facts)."""
    mark = "." + USED_MARK
    return {v for k, v in project.items() if k.endswith(mark)}
