from zenml_migrate.start import entry

entry()
