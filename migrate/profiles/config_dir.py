"""Where ZenML keeps its configuration, as ZenML 0.13.2 found it. A module of its own, with no
dependency: ``migrate code`` asks it for the tracker names (fix/tracker_names.py) and imports
the profile readers (sqlite-utils, PyYAML) only when there is a config to read."""

import os
import sys
from typing import Optional


def default_config_dir(environ=None, platform: Optional[str] = None, home: Optional[str] = None) -> str:
    """``$ZENML_CONFIG_PATH``, else ``click.get_app_dir("zenml")`` as ZenML 0.13.2 called it."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    if environ.get("ZENML_CONFIG_PATH"):
        return environ["ZENML_CONFIG_PATH"]
    home = home or os.path.expanduser("~")
    if platform.startswith("win"):
        base = environ.get("APPDATA") or os.path.join(home, "AppData", "Roaming")  # click: roaming=True
        return os.path.join(base, "zenml")
    if platform == "darwin":
        return os.path.join(home, "Library", "Application Support", "zenml")
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    return os.path.join(base, "zenml")
