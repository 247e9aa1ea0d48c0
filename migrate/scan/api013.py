"""What the detector needs to know about the ZenML 0.13.2 API beyond names:
what decorators produce, what calls return, what iteration yields.

Paths are canonical (defining module). ``X()`` is an instance of X, ``X+`` a user
subclass of X, ``X[]`` the items of an iterable X.
"""

STEP_CLASS = "zenml.steps.base_step.BaseStep+"
PIPELINE_CLASS = "zenml.pipelines.base_pipeline.BasePipeline+"
STEP = "zenml.steps.base_step.BaseStep()"
PIPELINE = "zenml.pipelines.base_pipeline.BasePipeline()"
REPOSITORY = "zenml.repository.Repository()"
PIPELINE_VIEW = "zenml.post_execution.pipeline.PipelineView()"
RUN_VIEW = "zenml.post_execution.pipeline_run.PipelineRunView()"
STEP_VIEW = "zenml.post_execution.step.StepView()"
ARTIFACT_VIEW = "zenml.post_execution.artifact.ArtifactView()"
STACK = "zenml.stack.stack.Stack()"
STACK_COMPONENT = "zenml.stack.stack_component.StackComponent()"
STACK_MODEL = "zenml.models.stack_models.HydratedStackModel()"
INTEGRATION_CLASS = "zenml.integrations.integration.Integration+"  # a built-in integration class is seen as one too
# builtin types some 0.20 APIs give where 0.13.2 gave zenml objects: their members are checked too
# (zenml_signatures.BUILTIN_MEMBERS, the detector's member net)
BUILTIN_TYPES = ("builtins.list",)
COMPONENT_MODELS = "builtins.list()"  # a stack model's components of one type: a plain list
STEP_DECORATOR = "zenml.steps.step_decorator.step"
PIPELINE_DECORATOR = "zenml.pipelines.pipeline_decorator.pipeline"

# the mark (before the ``+``) of a step / pipeline class the ``@step`` / ``@pipeline`` decorator
# made from a function (``zenml.steps.base_step.BaseStep~@+``): its members are zenml's only,
# so a member 0.20 lacks is an AttributeError (a ``BaseStep`` subclass may define its own). A
# subclass of it drops the mark; ``detect.plain`` drops it for the rules.
FUNCTION_MADE = "~@"

# decorator -> what the decorated function becomes (bare or called form)
DECORATORS = {
    STEP_DECORATOR: STEP_CLASS,
    PIPELINE_DECORATOR: PIPELINE_CLASS,
}

# call of a path -> result (anything else: classes give instances, functions unknown)
RETURNS = {
    "zenml.repository.Repository().get_pipeline": PIPELINE_VIEW,
    "zenml.repository.Repository().get_pipelines[]": PIPELINE_VIEW,
    # the same calls on ``Client`` (a rename by hand, or a try/except shim): 0.20.0 and 0.20.5's
    # ``Client`` has neither method (ZM301/ZM302), so the value can only be the 0.13.2 view
    "zenml.client.Client().get_pipeline": PIPELINE_VIEW,
    "zenml.client.Client().get_pipelines[]": PIPELINE_VIEW,
    "zenml.repository.Repository().active_stack": STACK,
    "zenml.steps.step_context.StepContext().metadata_store.get_pipeline": PIPELINE_VIEW,
    "zenml.steps.step_context.StepContext().metadata_store.get_pipelines[]": PIPELINE_VIEW,
    # the 0.20 functions give the same views: half-migrated code (and the fixer's second
    # round, after ZM301-ZM303 rewrote the calls) still sees what the views are used for
    "zenml.post_execution.get_pipeline": PIPELINE_VIEW,
    "zenml.post_execution.get_pipelines[]": PIPELINE_VIEW,
    "zenml.post_execution.get_run": RUN_VIEW,
    "zenml.post_execution.pipeline.PipelineView().runs[]": RUN_VIEW,
    "zenml.post_execution.pipeline.PipelineView().get_run": RUN_VIEW,
    "zenml.post_execution.pipeline.PipelineView().get_runs[]": RUN_VIEW,
    "zenml.pipelines.base_pipeline.BasePipeline+.get_runs[]": RUN_VIEW,
    "zenml.pipelines.base_pipeline.BasePipeline+.get_run": RUN_VIEW,
    "zenml.post_execution.pipeline_run.PipelineRunView().get_step": STEP_VIEW,
    "zenml.post_execution.pipeline_run.PipelineRunView().steps[]": STEP_VIEW,
    "zenml.post_execution.step.StepView().output": ARTIFACT_VIEW,
    "zenml.post_execution.step.StepView().outputs.values[]": ARTIFACT_VIEW,
    "zenml.steps.base_step.BaseStep().with_return_materializers": STEP,
    # ``pipeline_instance.steps``: the steps it was built with, by name (0.13.2 and 0.20)
    "zenml.pipelines.base_pipeline.BasePipeline().steps[]": STEP,
    "zenml.pipelines.base_pipeline.BasePipeline().steps.values[]": STEP,
    "zenml.pipelines.base_pipeline.BasePipeline().with_config": PIPELINE,
    "zenml.environment.Environment().step_environment": "zenml.steps.step_environment.StepEnvironment()",
    "zenml.steps.step_context.StepContext().stack": STACK,
    "zenml.stack.stack.Stack().metadata_store.get_pipeline": PIPELINE_VIEW,
    "zenml.stack.stack.Stack().metadata_store.get_pipelines[]": PIPELINE_VIEW,
    "zenml.pipelines.base_pipeline.BasePipeline().get_runs[]": RUN_VIEW,
    "zenml.pipelines.base_pipeline.BasePipeline().get_run": RUN_VIEW,
    "zenml.post_execution.step.StepView().outputs[]": ARTIFACT_VIEW,
    "zenml.post_execution.step.StepView().inputs[]": ARTIFACT_VIEW,
    "zenml.post_execution.step.StepView().inputs.values[]": ARTIFACT_VIEW,
    "zenml.steps.utils.clone_step": STEP_CLASS,
    # 0.13.2 lists ``Stack`` objects, 0.20 (both releases) stack models: what a stack has and a
    # model lacks (``.orchestrator``, ``.metadata_store``) is an AttributeError there (ZM004)
    "zenml.repository.Repository().stacks[]": STACK_MODEL,
    "zenml.client.Client().stacks[]": STACK_MODEL,
    # a stack model's components, by type, are LISTS of component models (``c.name`` fails)
    STACK_MODEL + ".components.values[]": COMPONENT_MODELS,
    "zenml.repository.Repository().get_stack_components[]": STACK_COMPONENT,
    "zenml.repository.Repository().get_stack_component": STACK_COMPONENT,
    "zenml.stack.stack.Stack().components.values[]": STACK_COMPONENT,
    "zenml.repository.Repository.get_instance": REPOSITORY,
    "zenml.config.global_config.GlobalConfiguration.get_instance": "zenml.config.global_config.GlobalConfiguration()",
    "zenml.alerter.alerter_utils.get_active_alerter": "zenml.alerter.base_alerter.BaseAlerter()",
    # 0.13.2's ``Integration.flavors()`` listed ``FlavorWrapper``s (``.name``, ``.type``, ``.source``,
    # ``.integration``); 0.20's lists the ``Flavor`` classes themselves: what a wrapper had and a
    # Flavor class lacks is an AttributeError there (ZM004)
    INTEGRATION_CLASS + ".flavors[]": "zenml.stack.flavor.Flavor",
    "zenml.integrations.integration.Integration.flavors[]": "zenml.stack.flavor.Flavor",
    "zenml.integrations.registry.integration_registry.integrations.values[]": INTEGRATION_CLASS,
    # the one zenml step factory (0.6.3-0.20.5 wheels: the only ``-> Type[BaseStep]`` besides ``@step``):
    # the class it returns is the built-in MLflow deployer step, so an instance of it takes
    # ``params=`` in 0.20 where 0.6-0.13 took ``config=`` (ZM104)
    "zenml.integrations.mlflow.steps.mlflow_deployer.mlflow_deployer_step": (
        "zenml.integrations.mlflow.steps.mlflow_deployer.mlflow_model_deployer_step"
    ),
}

# class-level calls that give the active stack's component as an instance of the class they are
# called on (0.13.2: ``SeldonModelDeployer.get_active_model_deployer()`` raises TypeError unless
# the active model deployer is a ``SeldonModelDeployer``; ``BaseDataValidator.get_active_data_validator``
# checks ``isinstance(validator, cls)``): ``X.method()`` -> ``X()``
ACTIVE_INSTANCE_OF = frozenset({"get_active_model_deployer", "get_active_data_validator"})

# ``container[key]`` where the item depends on the key: container -> {key: item}. ``Environment()[name]``
# is the environment component registered under that name: the step environment is the only one 0.13.2
# has (0.8-0.10's MLflow environment is another), so any other key gives an unknown value
KEYED_ITEMS = {
    "zenml.environment.Environment()": {"step_environment": "zenml.steps.step_environment.StepEnvironment()"},
}
# the methods that look such an item up by its key as the subscript does: container -> method
# (``Environment().get_component(name)``: the component, or None when none is registered)
KEYED_GETTERS = {"zenml.environment.Environment()": "get_component"}
# the values of the zenml constants used as such keys (``StepEnvironment.NAME`` is the class's
# own name for the step environment, 0.13.2 and 0.20 alike)
CONSTANTS = {
    "zenml.steps.step_environment.STEP_ENVIRONMENT_NAME": "step_environment",
    "zenml.steps.step_environment.StepEnvironment.NAME": "step_environment",
}

# a stack's component properties -> the base class they are annotated to return (0.13.2, 0.20.0 and
# 0.20.5 alike: tests/test_stack_components_real_zenml.py reads the annotations). Their instances are
# of zenml subclasses: a member is judged only when the 0.13.2 base had it (zenml_signatures.missing_member)
STACK_COMPONENTS = {
    f"{STACK}.{prop}": f"zenml.{module}.{cls}()"
    for prop, module, cls in (
        ("orchestrator", "orchestrators.base_orchestrator", "BaseOrchestrator"),
        ("artifact_store", "artifact_stores.base_artifact_store", "BaseArtifactStore"),
        ("container_registry", "container_registries.base_container_registry", "BaseContainerRegistry"),
        ("secrets_manager", "secrets_managers.base_secrets_manager", "BaseSecretsManager"),
        ("step_operator", "step_operators.base_step_operator", "BaseStepOperator"),
        ("feature_store", "feature_stores.base_feature_store", "BaseFeatureStore"),
        ("model_deployer", "model_deployers.base_model_deployer", "BaseModelDeployer"),
        ("experiment_tracker", "experiment_trackers.base_experiment_tracker", "BaseExperimentTracker"),
        ("annotator", "annotators.base_annotator", "BaseAnnotator"),
        ("data_validator", "data_validators.base_data_validator", "BaseDataValidator"),
    )
}

# attribute (no call) -> value, for properties that return known objects
PROPERTIES = {
    "zenml.repository.Repository().active_stack": STACK,
    "zenml.client.Client().active_stack": STACK,  # the same stack, in 0.20 code and after ZM108's rename
    "zenml.post_execution.pipeline.PipelineView().runs": "zenml.post_execution.pipeline.PipelineView().runs",
    "zenml.post_execution.step.StepView().output": ARTIFACT_VIEW,
    "zenml.environment.Environment().step_environment": "zenml.steps.step_environment.StepEnvironment()",
    "zenml.steps.step_context.StepContext().stack": STACK,
    "zenml.stack.stack.Stack().alerter": "zenml.alerter.base_alerter.BaseAlerter()",
    **STACK_COMPONENTS,
    "zenml.repository.Repository().zen_store": "zenml.zen_stores.base_zen_store.BaseZenStore()",
    "zenml.client.Client().zen_store": "zenml.zen_stores.base_zen_store.BaseZenStore()",
}
