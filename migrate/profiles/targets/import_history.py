"""Import the run history of a zenml-migrate bundle (``history.json``) into the ZenML 0.20 store
of the active ZenML config. Run it with the Python of that ZenML (``import.sh`` does, after the
stacks are imported): ``python import_history.py``.

The runs go into the active project, on the stacks ``import.sh`` imported (same names). The
store must be SQLite (a local store, or a `zenml up` server on this machine): run history lives
in MLMD tables that the REST API cannot write. A run imported before is skipped (marked).
"""

import json
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import history_writer  # noqa: E402  (shipped next to this file)


def store_file(store) -> str:
    """The SQLite file behind the active zen store, or exit with what to do."""
    kind = type(store).__name__
    if kind == "SqlZenStore":
        url = str(store.config.url)
        if url.startswith("sqlite:///"):
            return url[len("sqlite:///"):]
        sys.exit(f"run history: the store is {url.split(':', 1)[0]}, not SQLite; this import writes SQLite stores only")
    if kind == "RestZenStore":
        body = store.get("/metadata-config")
        config = json.loads(body) if isinstance(body, str) else body
        path = ((config or {}).get("sqlite") or {}).get("filenameUri") or ""
        if not (path and os.path.isfile(path)):
            sys.exit("run history: the server's database is not a SQLite file on this machine; run this script where the server runs")
        from zenml.config.global_config import GlobalConfiguration

        local = os.path.join(GlobalConfiguration().local_stores_path, "default_zen_store", "zenml.db")
        if os.path.realpath(path) != os.path.realpath(local):  # never write into another file a server names
            sys.exit(f"run history: the server names {path} as its database, not the store {local} that `zenml up` serves "
                     "with this ZenML config; run this script with the ZENML_CONFIG_PATH that server was started with")
        return os.path.realpath(path)
    sys.exit(f"run history: unknown store {kind}")


def main() -> int:
    try:
        import zenml
        from zenml.client import Client
    except ImportError:
        sys.exit(f"run history: ZenML is not installed for {sys.executable}; run this with the Python of your ZenML 0.20 "
                 "(ZENML_PYTHON=/path/to/python sh import.sh)")

    if not zenml.__version__.startswith("0.20."):
        sys.exit(f"run history: ZenML {zenml.__version__} is installed; this bundle imports into ZenML 0.20.0-0.20.5 only")
    try:
        with open(os.path.join(HERE, "history.json"), encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as exc:
        sys.exit(f"run history: cannot read history.json next to this script ({exc}); run it from the bundle dir")
    client = Client()
    doc["project"] = client.active_project.name  # where `zenml stack import` put the stacks
    path = store_file(client.zen_store)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            counts = history_writer.write_history(conn, doc, client.active_user.name)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except history_writer.MissingStackError as exc:
        sys.exit(f"run history not imported ({exc}); nothing of it was written. Import that stack first (import.sh "
                 "said why it skipped it), then run import.sh again: what is imported already is skipped")
    except (history_writer.HistoryWriteError, sqlite3.Error) as exc:
        sys.exit(f"run history not imported ({exc}); nothing of it was written")
    finally:
        conn.close()
    print(f"run history: {counts['runs']} runs ({counts['steps']} steps, {counts['artifacts']} artifacts) imported"
          + (f", {counts['skipped']} imported before" if counts["skipped"] else "")
          + (f"; renamed (the name was taken): {', '.join(counts['renamed'])}" if counts["renamed"] else "")
          + (f"; {counts['unlisted']} without a pipeline (unlisted; README.txt says how to attach them)" if counts["unlisted"] else "")
          + (f"; {counts['attached']} joined the pipeline your code registered" if counts["attached"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
