from zenml_migrate.cli import main

main()
