"""Reference section 1.6: APIs that ZenML 0.20 did not break must produce no finding with
the full catalog (precision). Each sample is realistic 0.13.2 code (zenml examples style)
that only uses unchanged APIs."""

import ast

import pytest

from zenml_migrate.api import scan_source

QUICKSTART = '''\
import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.svm import SVC

from zenml.logger import get_logger
from zenml.pipelines import pipeline
from zenml.steps import Output, step

logger = get_logger(__name__)


@step
def importer() -> Output(
    X_train=np.ndarray, X_test=np.ndarray, y_train=np.ndarray, y_test=np.ndarray
):
    """Load the digits dataset as numpy arrays."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    data = digits.images.reshape((len(digits.images), -1))
    return train_test_split(data, digits.target, test_size=0.2, shuffle=False)


@step(enable_cache=False)
def svc_trainer(X_train: np.ndarray, y_train: np.ndarray) -> ClassifierMixin:
    model = SVC(gamma=0.001)
    model.fit(X_train, y_train)
    return model


@step(name="evaluate")
def evaluator(X_test: np.ndarray, y_test: np.ndarray, model: ClassifierMixin) -> float:
    test_acc = model.score(X_test, y_test)
    logger.info(f"Test accuracy: {test_acc}")
    return test_acc


@pipeline(enable_cache=True)
def first_pipeline(importer, trainer, evaluator):
    X_train, X_test, y_train, y_test = importer()
    model = trainer(X_train=X_train, y_train=y_train)
    evaluator(X_test=X_test, y_test=y_test, model=model)


if __name__ == "__main__":
    p = first_pipeline(importer=importer(), trainer=svc_trainer(), evaluator=evaluator())
    p.run()
    p.run(enable_cache=False)
    for run in first_pipeline.get_runs():
        print(run.name, run.status)
'''

STEP_CONTEXT = '''\
import os

import pandas as pd

from zenml.steps import BaseStep, Output, StepContext, StepEnvironment, step
from zenml.environment import Environment
from zenml.steps.step_environment import STEP_ENVIRONMENT_NAME


@step
def trainer(context: StepContext, df: pd.DataFrame) -> Output(model=str, rows=int):
    uri = context.get_output_artifact_uri(output_name="model")
    materializer = context.get_output_materializer(output_name="model")
    stack = context.stack
    print(stack.name, stack.orchestrator.flavor, stack.artifact_store.path)
    if stack.container_registry is not None:
        print(stack.container_registry.config.uri)
    step_env = Environment()[STEP_ENVIRONMENT_NAME]
    print(step_env.pipeline_name, step_env.pipeline_run_id, step_env.step_name)
    return os.path.join(uri, "model"), len(df)


class Doubler(BaseStep):
    def entrypoint(self, value: int) -> int:
        return value * 2


def where_am_i() -> str:
    env = Environment()
    if env.in_notebook():
        return "notebook"
    if Environment.in_docker():
        return "docker"
    return env.step_environment.step_name if env.step_is_running else "local"
'''

MATERIALIZER = '''\
import os
from typing import Type

from zenml.artifacts import DataArtifact, ModelArtifact
from zenml.io import fileio
from zenml.materializers.base_materializer import BaseMaterializer
from zenml.materializers.built_in_materializer import BuiltInMaterializer

DEFAULT_FILENAME = "obj.txt"


class MyObj:
    def __init__(self, name: str):
        self.name = name


class MyMaterializer(BaseMaterializer):
    ASSOCIATED_TYPES = (MyObj,)
    ASSOCIATED_ARTIFACT_TYPES = (DataArtifact, ModelArtifact)

    def handle_input(self, data_type: Type[MyObj]) -> MyObj:
        """Read from artifact store."""
        super().handle_input(data_type)
        with fileio.open(os.path.join(self.artifact.uri, DEFAULT_FILENAME), "r") as f:
            name = f.read()
        return MyObj(name=name)

    def handle_return(self, my_obj: MyObj) -> None:
        """Write to artifact store."""
        super().handle_return(my_obj)
        with fileio.open(os.path.join(self.artifact.uri, DEFAULT_FILENAME), "w") as f:
            f.write(my_obj.name)
'''

POST_EXECUTION = '''\
from zenml.post_execution import ArtifactView, PipelineRunView, PipelineView, StepView
from zenml.integrations.facets.visualizers.facet_statistics_visualizer import (
    FacetStatisticsVisualizer,
)


def visualize_statistics(pipeline: PipelineView) -> None:
    runs = pipeline.runs
    last_run: PipelineRunView = runs[-1]
    print(last_run.name, last_run.status, last_run.get_step_names())
    step: StepView = last_run.get_step("importer")
    print(step.entrypoint_name, step.status, step.is_cached)
    for name, artifact in step.outputs.items():
        print(name, artifact.data_type, artifact.uri)
    for name, artifact in step.inputs.items():
        print(name, artifact.read())
    output: ArtifactView = last_run.steps[-1].output
    print(output.read())
    FacetStatisticsVisualizer().visualize(step)
'''

MIGRATED_POST_EXECUTION = '''\
from zenml.post_execution import get_pipeline, get_run

pipeline = get_pipeline("first_pipeline")
if pipeline is not None:
    run = pipeline.runs[-1]
    trainer_step = run.get_step("trainer")
    model = trainer_step.output.read()
print(get_run("my_run").status)
'''

SCHEDULE = '''\
from datetime import datetime, timedelta

from zenml.pipelines import Schedule, pipeline
from zenml.steps import step


@step
def hello() -> str:
    return "hello"


@pipeline
def scheduled_pipeline(hello):
    hello()


scheduled_pipeline(hello=hello()).run(
    schedule=Schedule(
        start_time=datetime.now(),
        end_time=datetime.now() + timedelta(minutes=10),
        interval_second=60,
        catchup=False,
    )
)
'''

SECRETS = '''\
from zenml.secret import ARBITRARY_SECRET_SCHEMA_TYPE
from zenml.secret.arbitrary_secret_schema import ArbitrarySecretSchema
from zenml.steps import StepContext, step


@step
def secret_loader(context: StepContext) -> None:
    secret_manager = context.stack.secrets_manager
    secret = secret_manager.get_secret("example_secret")
    print(secret.content, secret.schema_type == ARBITRARY_SECRET_SCHEMA_TYPE)
    for name in secret_manager.get_all_secret_keys():
        print(name)
    secret_manager.register_secret(ArbitrarySecretSchema(name="new", token="x"))
    secret_manager.update_secret(ArbitrarySecretSchema(name="new", token="y"))
    secret_manager.delete_secret("new")
'''

MODEL_DEPLOYMENT = '''\
from typing import cast

import numpy as np

from zenml.integrations.mlflow.model_deployers.mlflow_model_deployer import (
    MLFlowModelDeployer,
)
from zenml.integrations.mlflow.services import MLFlowDeploymentService
from zenml.integrations.seldon.model_deployers import SeldonModelDeployer
from zenml.integrations.seldon.services import SeldonDeploymentService
from zenml.integrations.mlflow.mlflow_utils import get_tracking_uri
from zenml.services import load_last_service_from_step
from zenml.steps import Output, step


@step(enable_cache=False)
def prediction_service_loader() -> MLFlowDeploymentService:
    model_deployer = MLFlowModelDeployer.get_active_model_deployer()
    services = model_deployer.find_model_server(
        pipeline_name="continuous_deployment_pipeline",
        pipeline_step_name="mlflow_model_deployer_step",
        running=True,
    )
    return cast(MLFlowDeploymentService, services[0])


@step
def predictor(service: MLFlowDeploymentService, data: np.ndarray) -> Output(predictions=np.ndarray):
    service.start(timeout=10)
    return service.predict(data)


def seldon_status() -> None:
    deployer = SeldonModelDeployer.get_active_model_deployer()
    for service in deployer.find_model_server(running=True):
        print(cast(SeldonDeploymentService, service).prediction_url)
    print(get_tracking_uri())
    load_last_service_from_step("p", "s")
'''

CLASS_BASED = '''\
from typing import Any, Dict

import pandas as pd

from zenml.artifacts import DataAnalysisArtifact, SchemaArtifact, StatisticsArtifact
from zenml.integrations.constants import SKLEARN, TENSORFLOW
from zenml.integrations.tensorflow.materializers.keras_materializer import KerasMaterializer
from zenml.materializers import PandasMaterializer
from zenml.pipelines import BasePipeline
from zenml.steps import BaseStep, Output
from zenml.utils import io_utils, yaml_utils

INTEGRATIONS = [SKLEARN, TENSORFLOW]


class Loader(BaseStep):
    def entrypoint(self) -> pd.DataFrame:
        return pd.DataFrame({"a": [1, 2]})


class Profiler(BaseStep):
    def entrypoint(self, df: pd.DataFrame) -> Output(stats=Dict[str, Any], rows=int):
        return df.describe().to_dict(), len(df)


class ProfilingPipeline(BasePipeline):
    def connect(self, loader: BaseStep, profiler: BaseStep) -> None:
        df = loader()
        profiler(df)


pipe = ProfilingPipeline(loader=Loader(), profiler=Profiler(), enable_cache=False)
pipe.run()
print(pipe.name, [r.name for r in pipe.get_runs()])
print(io_utils.get_global_config_directory(), yaml_utils.read_yaml, KerasMaterializer, PandasMaterializer)
print(DataAnalysisArtifact, SchemaArtifact, StatisticsArtifact)
'''

SAMPLES = {
    "quickstart": QUICKSTART,
    "step-context": STEP_CONTEXT,
    "materializer": MATERIALIZER,
    "post-execution-views": POST_EXECUTION,
    "post-execution-020": MIGRATED_POST_EXECUTION,
    "schedule": SCHEDULE,
    "secrets-manager": SECRETS,
    "model-deployment": MODEL_DEPLOYMENT,
    "class-based": CLASS_BASED,
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_unchanged_api_sample_has_no_finding(name):
    text = SAMPLES[name]
    ast.parse(text)  # a sample that does not parse would prove nothing
    found = scan_source(text, f"{name.replace('-', '_')}.py", with_diagnostics=True)
    assert found == [], "\n".join(f"{f.span.line}:{f.span.column} {f.code} {f.message}" for f in found)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_sample_is_really_scanned(name):
    """The same sample plus one legacy line is flagged exactly there: the scan did look at it."""
    text = SAMPLES[name] + "\nfrom zenml.steps import BaseStepConfig\n"
    found = scan_source(text, "sample.py")
    last_line = text.count("\n")
    assert [(f.code, f.span.line) for f in found] == [("ZM101", last_line)]


def test_unchanged_apis_as_a_notebook():
    import json

    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": SAMPLES[n]}
        for n in ("quickstart", "materializer")
    ]
    nb = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    assert scan_source(nb, "unchanged.ipynb", with_diagnostics=True) == []
