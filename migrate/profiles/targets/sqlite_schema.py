"""The ZenML 0.20.x SQLite store schema, as the real 0.20.0 and 0.20.5 create it.

The column sets below were read (``PRAGMA table_info``) from the ``zenml.db`` that a first
``zenml stack list`` of the real 0.20.0 and of the real 0.20.5 creates; both versions create
exactly these tables and columns (0.20.5 only widens some VARCHARs).
``tests/profiles/test_real_020.py`` checks this table against fresh stores of both versions.
0.20.x has no alembic/version table; 0.21+ adds ``alembic_version`` and new columns, so any
difference means "not a store we know how to write".
"""

import sqlite3
from typing import Dict, List, Optional, Tuple

ZENML_020_TABLES: Dict[str, Tuple[str, ...]] = {
    "artifactschema": ("id", "name", "parent_step_id", "producer_step_id", "type", "uri", "materializer", "data_type", "is_cached", "mlmd_id", "mlmd_parent_step_id", "mlmd_producer_step_id", "created", "updated"),
    "flavorschema": ("project_id", "user_id", "id", "type", "source", "name", "integration", "config_schema", "created", "updated"),
    "pipelinerunschema": ("project_id", "user_id", "stack_id", "pipeline_id", "id", "name", "pipeline_configuration", "num_steps", "zenml_version", "git_sha", "created", "updated", "mlmd_id"),
    "pipelineschema": ("project_id", "user_id", "id", "name", "docstring", "spec", "created", "updated"),
    "projectschema": ("id", "name", "description", "created", "updated"),
    "roleschema": ("id", "name", "created", "updated"),
    "stackcomponentschema": ("project_id", "user_id", "id", "name", "is_shared", "type", "flavor", "configuration", "created", "updated"),
    "stackcompositionschema": ("stack_id", "component_id"),
    "stackschema": ("project_id", "user_id", "id", "created", "updated", "name", "is_shared"),
    "stepinputartifactschema": ("step_id", "artifact_id", "name"),
    "steprunorderschema": ("parent_id", "child_id"),
    "steprunschema": ("id", "name", "pipeline_run_id", "entrypoint_name", "parameters", "step_configuration", "docstring", "mlmd_id", "created", "updated"),
    "teamassignmentschema": ("user_id", "team_id"),
    "teamroleassignmentschema": ("id", "role_id", "team_id", "project_id", "created", "updated"),
    "teamschema": ("id", "name", "created", "updated"),
    "userroleassignmentschema": ("id", "role_id", "user_id", "project_id", "created", "updated"),
    "userschema": ("id", "name", "full_name", "email", "active", "password", "activation_token", "created", "updated", "email_opted_in"),
}

# Tables whose presence means a later ZenML (alembic migrations start with 0.21).
NEWER_MARKERS = ("alembic_version", "workspaceschema")


def read_schema(conn: sqlite3.Connection) -> Dict[str, Tuple[str, ...]]:
    """table -> column names, for every table of the database."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')) for t in tables}


def schema_problems(schema: Dict[str, Tuple[str, ...]]) -> List[str]:
    """What differs from a 0.20.x store (empty: a store we know)."""
    problems = []
    for marker in NEWER_MARKERS:
        if marker in schema:
            problems.append(f"table `{marker}` exists (a ZenML newer than 0.20.x made this store)")
    for table, columns in ZENML_020_TABLES.items():
        found = schema.get(table)
        if found is None:
            problems.append(f"table `{table}` is missing")
            continue
        missing = sorted(set(columns) - set(found))
        extra = sorted(set(found) - set(columns))
        if missing:
            problems.append(f"table `{table}` lacks column(s) {', '.join(missing)}")
        if extra:
            problems.append(f"table `{table}` has unknown column(s) {', '.join(extra)}")
    return problems


def check_schema(conn: sqlite3.Connection) -> Optional[str]:
    """None for a known 0.20.x schema, else one line naming the differences."""
    problems = schema_problems(read_schema(conn))
    return "; ".join(problems) if problems else None
