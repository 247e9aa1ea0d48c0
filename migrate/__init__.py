"""zenml-migrate: move ZenML 0.13.2 code, run configs and stacks to ZenML 0.20."""

__version__ = "0.1.0"
