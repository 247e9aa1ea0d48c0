"""Statements commented out under a TODO (ZM447's registration calls and ``flavor`` properties,
ZM461's statements that fail at import) go through one helper (``migrate/fix/comment_out.py``):
their lines stay where the statement was, in source order, as the statement was written."""

import ast
import textwrap

from zenml_migrate.fix.fixer import fix_source

TODO = "# TODO(zenml-migrate): "


def _fixed(text: str) -> str:
    result = fix_source(textwrap.dedent(text).lstrip(), "comp.py", unsafe=True)
    assert result.error is None, result.error
    ast.parse(result.text)
    assert fix_source(result.text, "comp.py", unsafe=True).text == result.text  # a second run changes nothing
    return result.text


def test_statements_two_codemods_comment_out_keep_their_order():
    text = _fixed(
        """
        from zenml.artifact_stores import BaseArtifactStore
        from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator
        from zenml.stack.stack_component_class_registry import StackComponentClassRegistry


        class TeamStore(BaseArtifactStore):
            pass


        StackComponentClassRegistry.register_class(TeamStore)
        print(KubeflowOrchestrator(name="kf_team"))
        """
    )
    lines = text.splitlines()
    todos = [i for i, line in enumerate(lines) if line.startswith(TODO)]
    assert [lines[i][len(TODO):len(TODO) + 5] for i in todos] == ["ZM447", "ZM461"], text
    assert lines[todos[0] + 1] == "# StackComponentClassRegistry.register_class(TeamStore)"
    assert lines[todos[1] + 1] == '# print(KubeflowOrchestrator(name="kf_team"))'
    # both after the class, where the statements were
    assert todos[0] > lines.index("    pass") + 2, text


def test_a_commented_out_property_keeps_the_files_indentation():
    text = _fixed(
        """
        from zenml.artifact_stores import BaseArtifactStore
        from zenml.enums import ArtifactStoreFlavor


        class TeamStore(BaseArtifactStore):
          @property
          def flavor(self) -> ArtifactStoreFlavor:
            if self.config:
              return ArtifactStoreFlavor.LOCAL
            return ArtifactStoreFlavor.LOCAL

          def root(self):
            return "/tmp"
        """
    )
    assert "\n  # def flavor(self) -> ArtifactStoreFlavor:\n  #   if self.config:\n  #     return ArtifactStoreFlavor.LOCAL\n" in text, text
    assert "\n  def root(self):\n" in text
