"""Runs each pipeline step as a Slurm batch job (a team's own ZenML 0.12 orchestrator flavor)."""
import subprocess
from typing import TYPE_CHECKING, Any, ClassVar, List, Optional

from tfx.proto.orchestration.pipeline_pb2 import Pipeline as Pb2Pipeline

from zenml.enums import StackComponentType
from zenml.logger import get_logger
from zenml.orchestrators import BaseOrchestrator
from zenml.runtime_configuration import RuntimeConfiguration
from zenml.stack import Stack, StackValidator
from zenml.steps import BaseStep

if TYPE_CHECKING:
    from zenml.pipelines.base_pipeline import BasePipeline

logger = get_logger(__name__)

SLURM_FLAVOR = "slurm"


class SlurmOrchestrator(BaseOrchestrator):
    """Submits every step with `sbatch --wait`, one job after the other."""

    partition: str = "gpu"
    account: Optional[str] = None
    time_limit_minutes: int = 120

    FLAVOR: ClassVar[str] = SLURM_FLAVOR

    @property
    def validator(self) -> Optional[StackValidator]:
        return StackValidator(required_components={StackComponentType.CONTAINER_REGISTRY})

    def prepare_or_run_pipeline(
        self,
        sorted_steps: List[BaseStep],
        pipeline: "BasePipeline",
        pb2_pipeline: Pb2Pipeline,
        stack: "Stack",
        runtime_configuration: RuntimeConfiguration,
    ) -> Any:
        run_name = runtime_configuration.run_name
        for step in sorted_steps:
            command = ["sbatch", "--wait", f"--partition={self.partition}", f"--job-name={run_name}-{step.name}"]
            logger.info("submitting %s", " ".join(command))
            subprocess.run(command, check=True)
