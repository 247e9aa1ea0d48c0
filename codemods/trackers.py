"""``trackers:EnableDecorators``: ``@enable_mlflow`` / ``@enable_wandb`` / ``@enable_whylabs`` -> step configuration.

The decorator (bare or called, above or below the ``@step``, under any alias) is removed and
the ``@step`` under it gets the 0.20 configuration (a bare ``@step`` becomes ``@step(...)``);
called as a function on a step, ``enable_x(step(f, ...))`` / ``enable_x(k=v)(step(f, ...))``
becomes that ``step(f, ..., experiment_tracker=...)`` call, and ``enable_x(step(k=v)(f))``
becomes ``step(k=v, experiment_tracker=...)(f)`` (in a simple statement); a
class-based step gets it as ``INSTANCE_CONFIGURATION = {...}``, first in its body (0.20.0 and
0.20.5's ``BaseStep.__init__`` configure every instance with that class attribute):

* mlflow / wandb: ``experiment_tracker=<name>`` (0.20 activates a tracker only for steps that
  name it) and, when the decorator had arguments, ``settings={"experiment_tracker.mlflow":
  {"nested": True}}`` / ``{"experiment_tracker.wandb": {"settings": ...}}``;
* whylabs: ``settings={"data_validator.whylogs": {"enable_whylabs": True, ...}}`` (data
  validators are always active, no name needed).

Settings are plain dicts (no Settings class import). The tracker name is a literal the
fix options give for the decorator's flavor (``fix_args`` ``tracker_flavor``): from
``--experiment-tracker``, ``[tool.zenml-migrate]`` or the user's ZenML configuration
(``migrate/fix/tracker_names.py``). Nothing in the rewritten module reads the store or the
stack when it is imported. With no name known, the name ZenML 0.13's docs and error messages
register for the flavor (``documented_name``: ``mlflow_tracker``, ``wandb_tracker``) is written,
with a TODO above the step that says it is a guess (a codemod TODO, counted as left for a
human): the module imports, and a stack without that tracker fails loudly when the step runs
(0.20's compiler), as 0.13.2's decorator did.

Half-migrated steps are left correct: an ``experiment_tracker=`` or a settings key that is
already there is kept (the decorator just goes). A ``settings=`` that is not a dict literal,
positional decorator arguments, a class that sets ``INSTANCE_CONFIGURATION`` itself, or a
function without a ZenML ``@step`` get a TODO instead.
"""

from typing import Dict, List, Set, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import Declined, codes_at, decorator_target, drop_unused_imports, is_docstring, qualified, root_name
from zenml_migrate.fix.tracker_names import guessed_name_todo
from zenml_migrate.scan.fix_checks import DEFINED_IN_PLACE, ON_PIPELINES, STEP_PARTIAL_AT
from zenml_migrate.scan.api013 import STEP_DECORATOR

INSTANCE_CONFIGURATION = "INSTANCE_CONFIGURATION"  # 0.20's BaseStep class attribute, merged into every instance's configuration


class EnableDecorators(Codemod):
    """Reads the rules' ``fix_args``: ``settings_key``, ``tracker_flavor`` (the step needs
    ``experiment_tracker=`` the name of a tracker of that flavor), ``documented_name`` (the
    name ZenML 0.13's docs register for that flavor: written, with a TODO, when no name is
    known) and ``extra`` (settings entries always written, e.g. ``enable_whylabs: True``)."""

    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def visit_Module(self, node: cst.Module) -> None:
        self.dropped: Set[str] = set()  # local names of the removed decorators
        # local name -> (code, what it is used on: True for step classes, ON_PIPELINES), of a decorator the
        # module defines (``define_in_place``)
        self.defined: Dict[str, Tuple[str, object]] = {}

    def visit_Name(self, node: cst.Name) -> None:
        for finding in self.ctx.at(node, exact=True):
            kind = self.ctx.fix_arg(finding, DEFINED_IN_PLACE)
            if kind and (kind == ON_PIPELINES or node.value not in self.defined):  # the scan's decision: a value
                # (or a pipeline decorator: then the function serves pipelines, and a value use a pipeline too)
                self.defined[node.value] = (finding.code, kind)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        return self._leave_decorated(original, updated, self.rewrite)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        return self._leave_decorated(original, updated, self.rewrite_class)

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.pending: List[str] = []  # TODO lines for the statement of a rewritten ``enable_x(step(...))``
        self.before: List[cst.SimpleStatementLine] = []  # statements put before it (``enable_x(StepClass)``)

    def leave_SimpleStatementLine(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        todos, self.pending = getattr(self, "pending", []), []
        before, self.before = getattr(self, "before", []), []
        if not before:
            return self.with_todos(updated, todos)
        first = before[0].with_changes(leading_lines=updated.leading_lines)
        before = [self.with_todos(first, todos)] + before[1:]
        if _only_names(updated):  # ``Trainer = Trainer`` / ``trainer``: nothing left to do
            return cst.FlattenSentinel(before)
        return cst.FlattenSentinel(before + [updated.with_changes(leading_lines=[])])

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        """``enable_x(step(f, ...))`` / ``enable_x(k=v)(step(f, ...))`` -> ``step(f, ..., experiment_tracker=...)``;
        ``enable_x(StepClass)`` -> ``StepClass``, configured in a statement before (``configure_class``)."""
        dec = original.func
        if not codes_at(self.ctx, dec, exact=True):
            dec = dec.func if isinstance(dec, cst.Call) else None
            if dec is None or not codes_at(self.ctx, dec, exact=True) or not original.func.args:
                return updated
        if any(self.ctx.fix_arg(f, DEFINED_IN_PLACE) for f in self.ctx.at(dec, exact=True)):
            return updated  # a call the module's own ``enable_x`` serves (``define_in_place``)
        if len(updated.args) != 1 or updated.args[0].keyword is not None:
            return updated
        if isinstance(updated.args[0].value, (cst.Name, cst.Attribute)):
            return self.configure_class(updated, dec)
        if not isinstance(updated.args[0].value, cst.Call):
            return updated
        step_call = updated.args[0].value
        applied = None  # ``step(k=v)(f)``: the options go to ``step(k=v, ...)``
        if qualified(self.ctx, step_call.func) != STEP_DECORATOR:
            inner = step_call.func
            if not (isinstance(inner, cst.Call) and qualified(self.ctx, inner.func) == STEP_DECORATOR
                    and all(a.keyword is not None for a in inner.args)
                    and len(step_call.args) == 1 and step_call.args[0].keyword is None and not step_call.args[0].star):
                return updated
            applied, step_call = step_call, inner
        code = codes_at(self.ctx, dec, exact=True)[0]
        try:
            call, todos = self.configure_step(step_call, [cst.Decorator(decorator=updated.func)], [(0, code)])
        except Declined:
            return updated
        if applied is not None:
            call = applied.with_changes(func=call)
        local = root_name(dec)
        if local:
            self.dropped.add(local)
        self.pending = getattr(self, "pending", []) + todos
        return call

    def configure_class(self, updated: cst.Call, dec: cst.BaseExpression) -> cst.BaseExpression:
        """``enable_x(Trainer)``: 0.13.2 changed the step class in place and returned it. 0.20.0 and
        0.20.5 configure every instance with the class's ``INSTANCE_CONFIGURATION`` (a
        ``@step`` function's class has one with every key, ``settings`` None when not given), so
        ``Trainer.INSTANCE_CONFIGURATION = {**Trainer.INSTANCE_CONFIGURATION, "experiment_tracker":
        NAME, "settings": {**(... .get("settings") or {}), KEY: {...}}}`` goes before the statement
        and the call becomes ``Trainer`` (checked: ``scan/fix_checks.enable_on_class``)."""
        ref = updated.args[0].value
        code = codes_at(self.ctx, dec, exact=True)[0]
        try:
            tracker, pairs, todos = self.configuration([cst.Decorator(decorator=updated.func)], [(0, code)], False)
        except Declined:
            return updated
        current = cst.Attribute(value=ref, attr=cst.Name(INSTANCE_CONFIGURATION))
        elements: List[cst.BaseDictElement] = [cst.StarredDictElement(value=current)]
        if tracker is not None:
            elements.append(ca.dict_element("experiment_tracker", tracker))
        if pairs:
            old = cst.parse_expression(f'{cst.Module([]).code_for_node(current)}.get("settings") or {{}}')
            settings = ca.make_dict(pairs)
            settings = settings.with_changes(elements=[cst.StarredDictElement(value=old.with_changes(
                lpar=[cst.LeftParen()], rpar=[cst.RightParen()]))] + list(settings.elements))
            elements.append(ca.dict_element("settings", settings))
        if len(elements) == 1:
            return updated
        config = ca.make_dict([]).with_changes(elements=elements)
        self.wrote(tracker)
        self.before = getattr(self, "before", []) + [cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(current)], config)])]
        self.pending = getattr(self, "pending", []) + todos
        local = root_name(dec)
        if local:
            self.dropped.add(local)
        return ref

    def _leave_decorated(self, original, updated, rewrite):
        hits = []
        self.step_partial_at = None  # the ``functools.partial`` of ``step`` that takes the options
        for i, dec in enumerate(original.decorators):
            target = decorator_target(dec)
            if any(self.ctx.fix_arg(f, DEFINED_IN_PLACE) for f in self.ctx.at(target, exact=True)):
                continue  # it stays: the module's own function of that name serves it (``define_in_place``)
            codes = codes_at(self.ctx, target, exact=True)
            if codes:
                hits.append((i, codes[0]))
                found = [self.ctx.fix_arg(f, STEP_PARTIAL_AT) for f in self.ctx.at(target, exact=True)]
                self.step_partial_at = next((at for at in found if at is not None), self.step_partial_at)
        if not hits:
            return updated
        try:
            return rewrite(updated, hits)
        except Declined:
            return updated  # the findings stay: the fixer adds the rules' TODO lines

    # ------------------------------------------------------------------ rewrite
    def configuration(self, decorators, hits, has_tracker: bool):
        """``(tracker name or None, settings pairs, TODO lines)`` the decorators at ``hits`` ask for;
        ``self.flavor``: the flavor of that tracker name (``wrote_tracker`` once it is written)."""
        pairs = []
        tracker = None
        self.flavor = None
        todos: List[str] = []
        for i, code in hits:
            extra = [(k, _literal(v)) for k, v in self.ctx.arg(code, "extra", ()) or ()]
            values = extra + self.decorator_kwargs(decorators[i].decorator)
            if values:
                pairs.append((self.ctx.arg(code, "settings_key"), ca.make_dict(values)))
            flavor = self.ctx.arg(code, "tracker_flavor")
            if flavor and not has_tracker:
                if tracker is not None:
                    raise Declined()  # two tracker decorators on one step: a human decides
                tracker, todo = self.tracker_name(code, flavor)
                self.flavor = flavor
                todos += [todo] if todo else []
        return tracker, pairs, todos

    def rewrite(self, func: cst.FunctionDef, hits: List[Tuple[int, str]]) -> cst.FunctionDef:
        decorators = list(func.decorators)
        steps = [i for i, d in enumerate(decorators) if qualified(self.ctx, decorator_target(d)) == STEP_DECORATOR]
        if not steps and self.step_partial_at is not None:  # the scan chose it (``fix_checks.enable_decorator``)
            steps = [self.step_partial_at]
        if len(steps) != 1:
            raise Declined()
        step_index = steps[0]
        node = decorators[step_index].decorator
        call, todos = self.configure_step(node if isinstance(node, cst.Call) else cst.Call(func=node), decorators, hits)
        decorators[step_index] = decorators[step_index].with_changes(decorator=call)
        return self.finish(func.with_changes(decorators=decorators), hits, todos)

    def configure_step(self, call: cst.Call, decorators, hits: List[Tuple[int, str]]) -> Tuple[cst.Call, List[str]]:
        """The ``step(...)`` call with what the decorators at ``hits`` ask for, and the TODO lines."""
        tracker, pairs, todos = self.configuration(decorators, hits, ca.keyword_index(call.args, "experiment_tracker") is not None)
        keys = ca.settings_keys(call)
        if keys is None and pairs:
            raise Declined()
        pairs = [(k, v) for k, v in pairs if k not in (keys or set())]
        if tracker is not None:
            call = ca.add_kwargs(call, [("experiment_tracker", tracker)])
        self.wrote(tracker)
        return ca.merge_settings(call, pairs), todos

    def rewrite_class(self, cls: cst.ClassDef, hits: List[Tuple[int, str]]) -> cst.ClassDef:
        """A class-based step: ``INSTANCE_CONFIGURATION = {...}`` first in its body (0.20.0 and
        0.20.5's ``BaseStep.__init__`` configure every instance with it)."""
        if not isinstance(cls.body, cst.IndentedBlock) or _assigns(cls.body, INSTANCE_CONFIGURATION):
            raise Declined()
        tracker, pairs, todos = self.configuration(list(cls.decorators), hits, False)
        config = ([("experiment_tracker", tracker)] if tracker is not None else []) + (
            [("settings", ca.make_dict(pairs))] if pairs else []
        )
        if not config:
            raise Declined()
        self.wrote(tracker)
        line = cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(INSTANCE_CONFIGURATION))], ca.make_dict(config))])
        body = list(cls.body.body)
        at = 1 if body and is_docstring(body[0]) else 0
        rest = body[at:]
        if rest and not isinstance(rest[0], cst.SimpleStatementLine) and not rest[0].leading_lines:
            rest[0] = rest[0].with_changes(leading_lines=[cst.EmptyLine(indent=False)])  # a blank line before the first def
        cls = cls.with_changes(body=cls.body.with_changes(body=body[:at] + [line] + rest))
        return self.finish(cls, hits, todos)

    def wrote(self, tracker) -> None:
        """The step just configured names ``tracker`` (None: no name written, e.g. it had one)."""
        if tracker is not None:
            self.ctx.wrote_tracker(self.flavor)

    def finish(self, node, hits: List[Tuple[int, str]], todos: List[str]):
        """``node`` without the decorators at ``hits``, with the TODO lines ``todos`` above it."""
        for i, _ in hits:
            local = root_name(decorator_target(node.decorators[i]))
            if local:
                self.dropped.add(local)
        return self.with_todos(remove_decorators(node, {i for i, _ in hits}), todos)

    def with_todos(self, statement, todos: List[str]):
        """``statement`` with the TODO lines ``todos`` (``CODE message``) above it, reported."""
        if not todos:
            return statement
        comments = [self.ctx.todo_line(*text.split(" ", 1)) for text in todos]
        return statement.with_changes(leading_lines=list(statement.leading_lines) + comments)

    @staticmethod
    def decorator_kwargs(node: cst.BaseExpression) -> List[Tuple[str, cst.BaseExpression]]:
        if not isinstance(node, cst.Call):
            return []
        if any(a.keyword is None for a in node.args):
            raise Declined()  # positional or **kwargs: not a shape 0.13.2 documented
        return [(a.keyword.value, a.value) for a in node.args]

    def tracker_name(self, code: str, flavor: str) -> Tuple[cst.BaseExpression, str]:
        """The tracker's component name, a literal, and the TODO text (``CODE message``) when
        it is a guess: with no name known, the name ZenML 0.13's docs register for the flavor
        (a stack without it fails loudly when the step runs, as 0.13.2's decorator did); with the
        project's own registered name that the ZenML configuration contradicts, the TODO naming both
        (``FixOptions.tracker_todos``)."""
        names = self.ctx.experiment_tracker or {}
        name = names.get(flavor) or names.get("*")
        if name:
            todo = self.ctx.tracker_todos.get(flavor) if names.get(flavor) else None  # the project's name, the config's other
            return ca.string(name), f"{code} {todo}" if todo else ""
        guess = self.ctx.arg(code, "documented_name")
        if not guess:
            raise Declined()
        return ca.string(guess), f"{code} {guessed_name_todo(flavor, guess, self.ctx.rule(code).name.replace('-', '_'))}"

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        drop_unused_imports(self.ctx, updated, self.dropped)
        for local in sorted(self.defined, key=lambda name: -1 - (_import_index(updated, name) or 0)):  # each goes first after the imports
            updated = self.define_in_place(updated, local, *self.defined[local])
        return updated

    def define_in_place(self, module: cst.Module, local: str, code: str, kind=True) -> cst.Module:
        """``local`` is used as a value (kept in a dict, looped over, called under a condition: the
        scan said so in the finding, ``scan/fix_checks.defined_in_place``): its import goes and the module defines a
        function of that name after its imports that does on 0.20 what the decorator did on a
        step class: it configures the class in place (``INSTANCE_CONFIGURATION``: the tracker
        name, and the decorator's keywords as the settings under ``settings_key``) and returns it,
        called on the class or with keywords first."""
        imported = self.ctx.imported(local)
        if imported is None:
            return module
        body = list(module.body)
        at = _import_index(module, local)
        if at is None:
            return module
        while at + 1 < len(body) and isinstance(body[at + 1], cst.SimpleStatementLine) and all(
            isinstance(small, (cst.Import, cst.ImportFrom)) for small in body[at + 1].body
        ):
            at += 1
        flavor = self.ctx.arg(code, "tracker_flavor")
        todos: List[str] = []
        if kind == ON_PIPELINES:
            source, todos = self.pipeline_helper(local, code, flavor)
        else:
            source, todos = self.step_helper(local, code, flavor)
        helper = cst.parse_module(source).body[0]
        helper = helper.with_changes(leading_lines=[cst.EmptyLine(indent=False), cst.EmptyLine(indent=False)])
        helper = self.with_todos(helper, todos)
        after = body[at + 1 :]
        if after:
            lead = list(after[0].leading_lines)
            blank = next((i for i, line in enumerate(lead) if line.comment is not None), len(lead))
            after[0] = after[0].with_changes(leading_lines=[cst.EmptyLine(indent=False)] * max(blank, 2) + lead[blank:])
        module_name, name_ = imported
        self.ctx.drop_import(module_name, name_, None if local == name_ else local)
        return module.with_changes(body=body[: at + 1] + [helper] + after)

    def pipeline_helper(self, local: str, code: str, flavor: str) -> Tuple[str, List[str]]:
        """The source of ``local`` for a ZenML 0.5 pipeline decorator (``enable_mlflow(_pipeline,
        experiment_name=None)``: every step of a run logged inside one mlflow run of the
        experiment named after the pipeline, or ``experiment_name``), and its TODO lines: in 0.20
        terms it gives each step an instance of the pipeline class is built with the tracker
        (a step that names one keeps it) and, with ``experiment_name``, that experiment
        (0.20's mlflow tracker names it after the pipeline otherwise), then builds it."""
        tracker, todos = self.helper_tracker(code, flavor)
        key, setting = self.ctx.arg(code, "settings_key"), self.ctx.arg(code, "on_pipelines")
        source = (
            f"def {local}(pipeline_class, experiment_name=None):\n"
            f"    \"\"\"ZenML 0.20 has no `{self.ctx.rule(code).name.replace('-', '_')}` for pipelines: this does what it did to a pipeline class (its\n"
            f"    steps log to the stack's experiment tracker, in the experiment named after the pipeline or\n"
            f"    `experiment_name`), in 0.20 terms (written by zenml-migrate).\"\"\"\n"
            f"    build = pipeline_class.__init__\n\n"
            f"    def __init__(self, *steps, **named_steps):\n"
            f"        for step_ in (*steps, *named_steps.values()):\n"
            f"            if not step_.configuration.experiment_tracker:  # a step keeps the one tracker it names\n"
            f"                step_.configure(experiment_tracker={_code(tracker)})\n"
            f"            if experiment_name:\n"
            f"                step_.configure(settings={{\"{key}\": {{\"{setting}\": experiment_name}}}})\n"
            f"        build(self, *steps, **named_steps)\n\n"
            f"    pipeline_class.__init__ = __init__\n"
            f"    return pipeline_class\n"
        )
        return source, todos

    def helper_tracker(self, code: str, flavor: str) -> Tuple[cst.BaseExpression, List[str]]:
        """The tracker name a function the module defines writes, and its TODO lines (a guess)."""
        self.flavor = flavor
        tracker, todo = self.tracker_name(code, flavor)
        self.wrote(tracker)
        return tracker, [todo] if todo else []

    def step_helper(self, local: str, code: str, flavor: str) -> Tuple[str, List[str]]:
        """The source of ``local`` for a decorator kept as a value (configures a step class), and its TODO lines."""
        todos: List[str] = []
        lines = ["config = dict(getattr(step_class, \"INSTANCE_CONFIGURATION\", None) or {})"]
        if flavor:
            tracker, todos = self.helper_tracker(code, flavor)
            lines.append(f"if not config.get(\"experiment_tracker\"):  # a step keeps the one tracker it names")
            lines.append(f"    config.update({{\"experiment_tracker\": {_code(tracker)}}})")
        extra = ", ".join(f"{_code(_literal(k))}: {_code(_literal(v))}" for k, v in self.ctx.arg(code, "extra", ()) or ())
        key = self.ctx.arg(code, "settings_key")
        entry = "{" + extra + ", **options}" if extra else "options"
        condition = "" if extra else "if options:\n    "
        lines.append(f"{condition}config[\"settings\"] = {{**(config.get(\"settings\") or {{}}), \"{key}\": {entry}}}")
        lines += ["step_class.INSTANCE_CONFIGURATION = config", "return step_class"]
        name = self.ctx.rule(code).name.replace("-", "_")
        source = (
            f"def {local}(_step=None, **options):\n"
            f"    \"\"\"ZenML 0.20 has no `{name}`: this does what it did to a step class (configures it in place\n"
            f"    and returns it), in 0.20 terms (written by zenml-migrate).\"\"\"\n\n"
            f"    def configure(step_class):\n"
            + "".join(f"        {line}\n" for line in "\n".join(lines).splitlines())
            + "\n    return configure if _step is None else configure(_step)\n"
        )
        return source, todos


def _only_names(line: cst.SimpleStatementLine) -> bool:
    """Is the statement ``X = X`` or ``X`` (what ``enable_x(X)`` statements become)?"""
    if len(line.body) != 1:
        return False
    small = line.body[0]
    code = cst.Module([]).code_for_node
    if isinstance(small, cst.Expr):
        return isinstance(small.value, (cst.Name, cst.Attribute))
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.value, (cst.Name, cst.Attribute)):
        return code(small.targets[0].target) == code(small.value)
    return False


def _import_index(module: cst.Module, local: str):
    """The index of the module's statement that imports ``local`` (``from ... import``), or None."""
    return next((i for i, stmt in enumerate(module.body) if _binds_import(stmt, local)), None)


def _binds_import(stmt: cst.CSTNode, local: str) -> bool:
    """Is ``stmt`` a line of ``from ... import`` statements one of which binds ``local``?"""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return False
    for small in stmt.body:
        if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            for alias in small.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(bound, cst.Name) and bound.value == local:
                    return True
    return False


def _assigns(block: cst.IndentedBlock, name: str) -> bool:
    for stmt in block.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
                    [small.target] if isinstance(small, (cst.AnnAssign, cst.AugAssign)) else []
                )
                if any(isinstance(t, cst.Name) and t.value == name for t in targets):
                    return True
    return False


def _literal(value) -> cst.BaseExpression:
    return cst.parse_expression(repr(value))


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def remove_decorators(func: cst.FunctionDef, drop) -> cst.FunctionDef:
    """``func`` without the decorators at ``drop``; their comments move to the next line."""
    kept: List[cst.Decorator] = []
    carried: List[cst.EmptyLine] = []
    for i, dec in enumerate(func.decorators):
        if i in drop:
            comments = ca.comments_in(dec.decorator) + ([dec.trailing_whitespace.comment] if dec.trailing_whitespace.comment else [])
            carried += list(dec.leading_lines) + [cst.EmptyLine(indent=True, comment=c) for c in comments]
            continue
        if carried:
            dec = dec.with_changes(leading_lines=carried + list(dec.leading_lines))
            carried = []
        kept.append(dec)
    changes = {"decorators": kept}
    if carried:
        changes["lines_after_decorators"] = carried + list(func.lines_after_decorators)
    return func.with_changes(**changes)
