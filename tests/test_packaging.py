"""`pip install -e .` (the README's first command) builds without setuptools warnings: a current
pip shows the build backend's warnings to a new user, who reads them as a broken install."""

import os
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _pyproject() -> dict:
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as fh:
        return tomllib.load(fh)


def _folder(package: str, package_dir: dict) -> str:
    """The source folder of a dotted package name, through ``package-dir``."""
    parts = package.split(".")
    for n in range(len(parts), 0, -1):
        mapped = package_dir.get(".".join(parts[:n]))
        if mapped is not None:
            return os.path.join(ROOT, mapped, *parts[n:])
    return os.path.join(ROOT, *parts)


def test_every_folder_of_package_data_is_a_listed_package():
    """setuptools warns "Package 'zenml_migrate.output.templates' is absent from the `packages`
    configuration ... would be ignored" for each data folder that is not listed (the data is
    still installed: the warning is noise, four blocks of it)."""
    setup = _pyproject()["tool"]["setuptools"]
    packages, package_dir = set(setup["packages"]), setup["package-dir"]
    missing = []
    for package, patterns in setup["package-data"].items():
        for pattern in patterns:
            sub = pattern.split("/")[0]
            if "*" in sub or "/" not in pattern:
                continue
            if os.path.isdir(os.path.join(_folder(package, package_dir), sub)) and f"{package}.{sub}" not in packages:
                missing.append(f"{package}.{sub}")
    assert not missing, f"list these data folders in [tool.setuptools] packages: {missing}"
    for package in packages:
        assert os.path.isdir(_folder(package, package_dir)), f"{package} is listed but has no folder"


def test_license_is_an_spdx_string():
    """A TOML table (`license = { text = ... }`) is deprecated: setuptools prints its warning three
    times per install; the string form needs setuptools 77, which the build requires."""
    project = _pyproject()
    assert isinstance(project["project"]["license"], str)
    assert any(r.replace(" ", "").startswith("setuptools>=") and int(r.split(">=")[1].split(".")[0]) >= 77
               for r in project["build-system"]["requires"])
