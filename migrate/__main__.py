from zenml_migrate.cli import entry

entry()
