"""ZM461: a module-level statement that fails at import on ZenML 0.20 becomes a comment under a
TODO, with what depends on it; the names it bound raise when used (detection:
``migrate/scan/import_time.py``, fix: ``codemods/import_time.py``).

Decision (what a careful user accepts, and at which level):

* Stack component objects built in code (``KubeflowOrchestrator(name=..., ...)``,
  ``GCPContainerRegistry(...)``, metadata stores), ``Stack(..., metadata_store=...)``,
  ``Repository().active_profile_name`` read by a script, a removed constant or enum member in a
  module-level value: 0.20 has no way to run these (components are built by 0.20 from registered
  models, there are no profiles nor metadata stores), their rules report them for a human, and
  until a human ports them the module fails at import on 0.20 with every module that imports it.
  ZM460 cannot take such an import: its uses run at import.
* The fix makes the module import again and keeps the user's code in front of them: each such
  statement, and each later module-level statement that reads at import what it bound, is
  commented out line by line under a ``# TODO(zenml-migrate): ZM461`` line that says why (the
  advice of the rules that reported it: register the component and read
  ``Client().active_stack.<component>``, use projects and ``zenml connect``...); each name it
  bound is bound to a stub (``_RemovedInZenML020``, a small class the fix writes once in the
  module) that raises ``NotImplementedError`` with that reason when it is used (an attribute, a
  call, iteration, an item, and its ``repr``/``str``/truth value: ``print(x)``, an f-string,
  ``if x:`` fail loudly too). The import of a zenml name no 0.20 release has is dropped and the
  name bound to such a stub (in an ``if`` block, ``if TRACKER == "mlflow": from ... import
  enable_mlflow as track``, the import statement itself becomes the stub: the ``if`` stays, and
  a branch that imported on 0.20 does what it did). So other modules that import those names import too, and what used
  them fails loudly, with the reason, when it runs.
* Fix safety (as ruff documents it). The fix only runs on a module that fails at import on every
  0.20 release (the seeds are findings of rules whose code fails on 0.20.0 and 0.20.5, or imports
  of names neither release has), so no code that worked on 0.20 changes; what the fix may lose is
  what the statements did at import on 0.13.
  - Safe (``--fix``) when every statement it comments out in the module only binds names (an
    assignment to names, no attribute or item target, no ``+=``) from a value whose calls only
    build a value: zenml classes (component, metadata store, ``Stack``, ``Repository()``
    constructors), ``get*`` reads of zenml objects, a component class a rule reported
    (``AcmeOrchestrator(name=...)``: ZM410), pure builtins, ``os.getenv``-style reads, standard-library
    value builders (``os.getcwd()``, ``os.path`` functions, ``pathlib.Path``, ``datetime``/``timedelta``), and
    functions of the module made only of such code. Nothing is lost silently: the value could
    not be built on 0.20, and every use of the names raises ``NotImplementedError`` with the
    reason where it happens. A removed import name still used is bound to the same stub.
  - Safe as well when a statement only shows values: a call of ``print``, ``pprint``,
    ``logging``/a module-level logger, IPython's ``display`` or a streamlit display function
    (``st.caption``, ``st.write``...) whose arguments only build values, or a bare expression (a
    notebook displays it): ``print("profile:", repo.active_profile_name)``,
    ``st.caption(f"... {gc.active_profile_name}")``, ``repo.active_stack.metadata_store.uri`` as a
    cell's last line; and a ``for`` loop over such a value (a dict's ``items()`` too) whose body
    only shows values (``for name, cfg in repo.stack_configurations.items(): print(name, cfg)``:
    its loop variables are bound to the stub). The value it shows does not exist in 0.20 (no profiles, no metadata store:
    ``Client().active_project.name`` or the 0.20 store URL are other values, and showing them under
    the old label would be untrue), so the only fix is to stop showing it. What is lost is that
    output (with the other values of the same call: the TODO keeps the whole line to port), no
    state of the program: a careful user accepts that at ``--fix``, and a ``--fix`` run must leave
    every module that imported on 0.13 importing on 0.20.
  - Safe as well: an ``assert`` whose test (and message) only build values
    (``assert EnvSecretsManager.TYPE == StackComponentType.SECRETS_MANAGER``, a component module's
    sanity check): it only checks, as Python itself drops it under ``-O``; the TODO keeps the line.
  - A reason whose own rule has an unsafe fix (ZM430's ``stack_configurations`` rewrite) counts
    too: ``--fix`` does not make that rewrite, so the module would still fail at import. When the
    statements of the module can all be commented out at the safe level, they are, at every
    level, and the finding is resolved by ZM461 (its own rewrite is not made): ``--fix`` then
    ``--unsafe-fixes`` writes what ``--unsafe-fixes`` alone writes, and the value shown (0.20's
    stack models listed for the active project, where 0.13 listed the profile's stacks) would be
    another value under the old label. Otherwise (a statement that does more) that rule's own
    unsafe rewrite is the fix, at ``--unsafe-fixes``.
  - Unsafe (``--unsafe-fixes``) when one of them does more: a bare call of anything else
    (``repo.register_stack(...)``, a function of the module), an attribute or item assignment
    (``app.config[...] = ...``), a change in place, a loop that does more than show values,
    ``with``, ``if``, a call of a function that may have effects (also inside the arguments of
    ``print``), or a reason that fails on one 0.20 release only (a rule whose ``Fails`` says
    ``one_release``, ZM000/ZM003/ZM004, naming one release: the other may run it).
    Commenting such a statement out drops what it does to the program, silently for a statement
    that binds nothing; a human must port it. The statements of a module go together (all of
    them at the level of the least safe one): the module imports only when all of them are
    commented out, and ``--fix`` then ``--unsafe-fixes`` writes what ``--unsafe-fixes`` alone
    writes.
* Why the statements that do more stay unsafe (no safe fix but an exact 0.20 equivalent, and
  these have none): they read a value 0.20 does not have and do something with it at import.
  ``app.config["STORE_URI"] = Repository().active_stack.metadata_store.uri``: 0.20 has no
  metadata store; the 0.20 store URL (``GlobalConfiguration().store.url``) is the ZenML server or
  SQLite database, not the MLMD store the app read, and what the app does with it cannot be
  known. So commenting the statement out is the only fix, and it drops what the statement did at
  import without a trace at run time: ``--unsafe-fixes``, and the TODO says what to port.
* A class whose base (or a keyword of its ``class`` line) 0.20 removed (``class
  PgStore(BaseMetadataStore)``, a custom metadata store flavor) cannot be defined on any 0.20
  release, and no change inside it ports it: at ``--unsafe-fixes`` the whole class is commented
  out under the TODO and its name bound to the stub (what it defined is dropped until a human
  ports it to a 0.20 Flavor: unsafe), so its module and the modules importing it import again.
* The same for any other ``class`` or ``def`` whose code that runs when it is defined evaluates a
  value 0.20 cannot build: a class body (``@dataclass class Settings: profile: str =
  GlobalConfiguration().active_profile_name``), a decorator, a default value or annotation (a
  failing finding there, not one on a read of a removed import's name: the stub may only be stored
  there), or a call there of a function that fails. No 0.20 release defines it as written: at
  ``--unsafe-fixes`` it is commented out whole (decorators and the TODO lines an earlier ``--fix``
  wrote inside it included) and its name bound to the stub; ``--fix`` only marks it.
* A call at import of a function whose body fails on 0.20 (it holds such a finding, reads a
  removed name, or calls such a function) fails at import too: of this module, or of another
  project module (imported directly, through a package, or called as ``module.func()``: the
  cross-file fact ``<module>.<func>.__fails__``); so does ``C.m()`` of a method whose body fails,
  also one ``C`` inherits from a class of another project module (a mixin's classmethod reading
  ``cls.__fields__``: ``<module>.<Class>.<method>.__fails__``). A call that does not run the body is none: a
  ``@step``/``@pipeline`` (or other zenml-decorated) function builds the step, a
  ``@contextmanager`` function a context manager, an ``async`` one a coroutine.
* Not done (the findings keep their TODOs, the module keeps failing): a module where a ``def``
  or ``class`` statement would have to change only because it reads a removed import's name or a
  name bound to the stub at definition (its decorators, defaults, class body), or a ``try``
  statement would, or where such a statement shares its line with another one; code in
  the ``if __name__ == "__main__":`` block and in functions (they run later: they get the stubs).
  A def without decorators whose default values or annotations name a stub is no such def: they
  are only stored (``def open_store(kind=DEFAULT_KIND)``); a call that uses the default raises.
"""

from zenml_migrate.rules.base import Bad, Fix, Good, Rule, snippet as _c

# what the scan decides for the fix of each ZM461 finding (its ``fix_args``: ``scan/import_time.mark``
# writes them, ``codemods/import_time.py`` reads them and decides nothing again): why (the TODO and
# the stub's message say it), the names a commented-out statement binds; for a removed import name
# its ``(module, name, local)``, whether its name is still used (then bound to the stub) and, for
# an import in the block of a module-level ``if``, how many lines the name is below the start of
# its import statement (None for a module-level import)
REASON, BINDS, IMPORT, STUB_NEEDED, IN_BLOCK = "reason", "binds", "import", "stub", "in_block"
STUB = "_RemovedInZenML020"  # the name of the stub class the fix writes (the scan knows a module that has one)
# the class the fix writes once in a module (``codemods/import_time.py``; ``name``: ``STUB``)
STUB_CLASS = '''class {name}:
    "zenml-migrate: a value ZenML 0.20 cannot build; using it raises NotImplementedError (see the TODO where it is bound)"

    def __init__(self, reason):
        self.reason = reason

    def __getattr__(self, name):
        raise NotImplementedError(self.reason)

    def __call__(self, *args, **kwargs):
        raise NotImplementedError(self.reason)

    def __iter__(self):
        raise NotImplementedError(self.reason)

    def __getitem__(self, key):
        raise NotImplementedError(self.reason)

    def __repr__(self):
        raise NotImplementedError(self.reason)

    def __str__(self):
        raise NotImplementedError(self.reason)

    def __bool__(self):
        raise NotImplementedError(self.reason)

    def __len__(self):
        raise NotImplementedError(self.reason)
'''

STUB_EXAMPLE = STUB_CLASS.format(name=STUB)  # what the fix writes once in a module

# what a finding says (``migrate/scan/import_time.message``): the reason and the names vary per finding,
# so a TODO line an earlier run wrote is known by these frames (``Rule.todo_forms``)
STATEMENT_TEXT = "This module-level statement {why}, so the module fails at import on ZenML 0.20: it can be commented out under a TODO"
IMPORT_TEXT = ("`{name}` is gone in ZenML 0.20 ({why}) and {use}: its import can go (a stub that "
               "raises NotImplementedError when used takes its place where the name is still used)")
IN_BLOCK_TEXT = ("`{name}` is gone in ZenML 0.20 ({why}) and this module imports it in an `if` block: that import can become "
                 "a stub that raises NotImplementedError when used")

ZM461 = Rule(
    code="ZM461",
    name="fails-at-import",
    message="This module-level statement fails at import on ZenML 0.20 (with every module that imports this one)",
    why=(
        "It builds or reads at import something ZenML 0.20 removed with no drop-in successor (a stack component "
        "or metadata store object, a `Stack(...)` of 0.13, a profile, a removed constant or enum member), so "
        "importing the module fails on 0.20, and so does every module that imports it, although the rest of it "
        "(pipelines, steps, helpers) would work."
    ),
    instead="Port the statement as its TODO says (components: register them with `zenml <type> register` / "
    "`zenml stack register` and read them from `Client().active_stack`); `--fix` comments it out until then and "
    "binds what it defined to a stub that raises NotImplementedError when used (`--unsafe-fixes` when a statement "
    "does more than bind names).",
    fix=Fix.SAFE,
    fix_note="Safe when every statement commented out in the module only binds names from a value that fails at "
    "import on every 0.20 release (component/metadata store/Stack objects, removed constants, profile reads): the module "
    "failed at import there, and each use of those names raises NotImplementedError with the reason, so nothing is "
    "lost silently. Unsafe when one of them does more (a bare call such as print or register, an item or attribute "
    "assignment, a loop, a call that may have effects, a reason that fails on one 0.20 release only): what it did at "
    "import on 0.13 no longer happens. The statement and every later module-level statement reading what it bound are "
    "commented out under a TODO, the names they bound (and a removed import name) are bound to a stub that raises "
    "NotImplementedError with the reason when used. A finding for a human on a read of a stubbed import name in code "
    "that runs later (`lambda uri: SQLiteMetadataStore(...)`) goes with the stub: its TODO carries that reason.",
    codemod="import_time:CommentOutAtImport",
    # the reasons a statement is commented out are resolved by it (its TODO line carries their advice); other
    # findings inside it stay for a human (their TODO lines are written above it)
    fix_args=(("keeps_findings_inside", True),),
    todo="port this module-level statement: it fails at import on ZenML 0.20",
    todo_forms=(STATEMENT_TEXT, IMPORT_TEXT, IN_BLOCK_TEXT),
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator

                kubeflow = KubeflowOrchestrator(name="kubeflow_prod", kubernetes_context="gke_ml")
                ORCHESTRATORS = {"kubeflow": kubeflow}


                def ui_port() -> int:
                    return 8080
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator
                """
            )
            + "\n\n" + STUB_EXAMPLE + "\n\n" + _c(
                """
                # TODO(zenml-migrate): ZM461 this statement fails on ZenML 0.20 (ZM410: stack components are not created directly in ZenML 0.20; register them and use Client().active_stack); in 0.20: `zenml orchestrator register kubeflow_prod --flavor=kubeflow --kubernetes_context=gke_ml`, add it to a stack (`zenml stack register`/`update`), read it as `Client().active_stack.orchestrator`: port it (commented out below); `kubeflow` raises NotImplementedError until then
                # kubeflow = KubeflowOrchestrator(name="kubeflow_prod", kubernetes_context="gke_ml")
                kubeflow = _RemovedInZenML020("zenml-migrate: `kubeflow` cannot be built on ZenML 0.20: its statement fails on ZenML 0.20 (ZM410: stack components are not created directly in ZenML 0.20; register them and use Client().active_stack); in 0.20: `zenml orchestrator register kubeflow_prod --flavor=kubeflow --kubernetes_context=gke_ml`, add it to a stack (`zenml stack register`/`update`), read it as `Client().active_stack.orchestrator`; see the TODO(zenml-migrate) above `kubeflow = _RemovedInZenML020(...)`")
                # TODO(zenml-migrate): ZM461 this statement uses `kubeflow`, which ZenML 0.20 cannot provide: port it (commented out below); `ORCHESTRATORS` raises NotImplementedError until then
                # ORCHESTRATORS = {"kubeflow": kubeflow}
                ORCHESTRATORS = _RemovedInZenML020("zenml-migrate: `ORCHESTRATORS` cannot be built on ZenML 0.20: its statement uses `kubeflow`, which ZenML 0.20 cannot provide; see the TODO(zenml-migrate) above `ORCHESTRATORS = _RemovedInZenML020(...)`")


                def ui_port() -> int:
                    return 8080
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                repo = Repository()
                print("profile:", repo.active_profile_name)
                print("stack:", repo.active_stack.name)
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client

                repo = Client()
                # TODO(zenml-migrate): ZM461 this statement fails on ZenML 0.20 (ZM401: profiles are gone in ZenML 0.20: use projects (Client().active_project) and `zenml connect`): port it (commented out below)
                # print("profile:", repo.active_profile_name)
                print("stack:", repo.active_stack.name)
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                repo = Repository()
                for name, cfg in repo.stack_configurations.items():
                    print(name, cfg)
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client
                """
            )
            + "\n\n" + STUB_EXAMPLE + "\n\n" + _c(
                """
                repo = Client()
                # TODO(zenml-migrate): ZM461 this statement fails on ZenML 0.20 (ZM430: stack_configurations is gone in ZenML 0.20; read the stacks from Client().stacks): port it (commented out below); `name`, `cfg` raise NotImplementedError until then
                # for name, cfg in repo.stack_configurations.items():
                #     print(name, cfg)
                name = cfg = _RemovedInZenML020("zenml-migrate: `name`, `cfg` cannot be built on ZenML 0.20: its statement fails on ZenML 0.20 (ZM430: stack_configurations is gone in ZenML 0.20; read the stacks from Client().stacks); see the TODO(zenml-migrate) above `name = _RemovedInZenML020(...)`")
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from flask import Flask
                from zenml.repository import Repository

                app = Flask(__name__)
                app.config["STORE_URI"] = Repository().active_stack.metadata_store.uri
                """
            ),
            fixed=_c(
                """
                from flask import Flask
                from zenml.client import Client

                app = Flask(__name__)
                # TODO(zenml-migrate): ZM461 this statement fails on ZenML 0.20 (ZM310: metadata stores are gone in ZenML 0.20; use zenml.post_execution): port it (commented out below)
                # app.config["STORE_URI"] = Client().active_stack.metadata_store.uri
                """
            ),
            count=1,
            unsafe=True,
        ),
        Bad(
            _c(
                """
                from zenml.container_registries import GCPContainerRegistry
                from zenml.metadata_stores import MySQLMetadataStore

                registry = GCPContainerRegistry(name="gcr", uri="eu.gcr.io/acme")
                mlmd = MySQLMetadataStore(name="cloudsql", host="10.0.0.5", port=3306, database="mlmd")
                COMPONENTS = [registry, mlmd]
                """
            ),
            count=5,
        ),
        # a read of a stubbed import name in code that runs later (a lambda, a function) keeps its line: the finding
        # there (ZM312) goes with the stub, whose TODO carries its reason
        Bad(
            _c(
                """
                from zenml.enums import StackComponentType
                from zenml.metadata_stores import SQLiteMetadataStore

                KIND = StackComponentType.METADATA_STORE.value
                MAKERS = {"sqlite": lambda uri: SQLiteMetadataStore(name="local", uri=uri)}
                """
            ),
            fixed=_c(
                """
                from zenml.enums import StackComponentType
                """
            )
            + "\n\n" + STUB_EXAMPLE + "\n\n" + _c(
                """
                # TODO(zenml-migrate): ZM461 `SQLiteMetadataStore` is gone in ZenML 0.20 (ZM312: metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)): port the code that uses it (it raises NotImplementedError until then)
                SQLiteMetadataStore = _RemovedInZenML020("zenml-migrate: `SQLiteMetadataStore` is gone in ZenML 0.20 (ZM312: metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)); see the TODO(zenml-migrate) above `SQLiteMetadataStore = _RemovedInZenML020(...)`")


                # TODO(zenml-migrate): ZM461 this statement fails on ZenML 0.20 (ZM113: this enum member was removed in ZenML 0.20 (no metadata stores, store types are sql and rest)): port it (commented out below); `KIND` raises NotImplementedError until then
                # KIND = StackComponentType.METADATA_STORE.value
                KIND = _RemovedInZenML020("zenml-migrate: `KIND` cannot be built on ZenML 0.20: its statement fails on ZenML 0.20 (ZM113: this enum member was removed in ZenML 0.20 (no metadata stores, store types are sql and rest)); see the TODO(zenml-migrate) above `KIND = _RemovedInZenML020(...)`")
                MAKERS = {"sqlite": lambda uri: SQLiteMetadataStore(name="local", uri=uri)}
                """
            ),
            count=2,
        ),
        # the import of a removed name in an `if` block (a module that picks its imports by a condition)
        # becomes its stub where it is: the `if` stays, the branch that imported on 0.20 is unchanged
        Bad(
            _c(
                """
                import os

                BACKEND = os.environ.get("MLMD_BACKEND", "sqlite")
                if BACKEND == "mysql":
                    from zenml.metadata_stores import MySQLMetadataStore as MetadataStoreClass
                elif BACKEND == "kubeflow":
                    from zenml.integrations.kubeflow.metadata_stores import KubeflowMetadataStore as MetadataStoreClass
                else:
                    MetadataStoreClass = None
                """
            ),
            fixed="import os\n\n\n" + STUB_EXAMPLE + "\n\n" + _c(
                """
                BACKEND = os.environ.get("MLMD_BACKEND", "sqlite")
                if BACKEND == "mysql":
                    # TODO(zenml-migrate): ZM461 `MySQLMetadataStore` is gone in ZenML 0.20 (ZM312: metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)): port the code that uses `MetadataStoreClass` (bound below to a stub that raises NotImplementedError until then)
                    MetadataStoreClass = _RemovedInZenML020("zenml-migrate: `MySQLMetadataStore` is gone in ZenML 0.20 (ZM312: metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)); see the TODO(zenml-migrate) above `MetadataStoreClass = _RemovedInZenML020(...)`")
                elif BACKEND == "kubeflow":
                    # TODO(zenml-migrate): ZM461 `KubeflowMetadataStore` is gone in ZenML 0.20 (ZM312: metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)): port the code that uses `MetadataStoreClass` (bound below to a stub that raises NotImplementedError until then)
                    MetadataStoreClass = _RemovedInZenML020("zenml-migrate: `KubeflowMetadataStore` is gone in ZenML 0.20 (ZM312: metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)); see the TODO(zenml-migrate) above `MetadataStoreClass = _RemovedInZenML020(...)`")
                else:
                    MetadataStoreClass = None
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\n\ndef orchestrator():\n    return Client().active_stack.orchestrator\n"),
        Good(
            "from zenml.metadata_stores import SQLiteMetadataStore\n\n\nclass Stores:\n    kind = SQLiteMetadataStore\n"
        ),
        Good(
            "from zenml.repository import Repository\n\nif __name__ == '__main__':\n"
            "    print(Repository().active_profile_name)\n"
        ),
        # calling a @step builds the step: its body (which fails on 0.20) does not run at import
        Good(
            _c(
                """
                from zenml.client import Client
                from zenml.steps import step


                @step
                def store_uri() -> str:
                    return Client().active_stack.metadata_store.uri


                STORE_STEP = store_uri()
                """
            )
        ),
    ),
)
