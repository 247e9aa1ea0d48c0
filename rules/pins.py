"""ZM970: the ZenML version a project installs. After ``migrate code --fix`` the code needs
ZenML 0.20; a requirement that still pins 0.13 (``zenml==0.13.2`` in requirements.txt, setup.cfg,
pyproject.toml, environment.yml, a Dockerfile's ``RUN pip install``, a notebook's ``%pip
install``, a Pipfile, a hatch environment, a lock file, ZenML's image ``zenmldocker/zenml:0.13.2``) installs a ZenML the migrated code fails on.
Requirements are read by ``migrate/scan/pins.py`` (PEP 508, Poetry, Pipfile and conda spellings)."""

from zenml_migrate.rules.base import Bad, Command, Fix, Good, Rule, snippet as _c

# the version an exact pin moves to: the last 0.20 release (see ``fix_note``); tests/test_pins.py
# checks it is the version of the real ZenML the real-ZenML tier installs (.cache/venvs/v0205)
TARGET = "0.20.5"

ZENML_VERSION_PIN = Rule(
    code="ZM970",
    name="zenml-version-pin",
    message="This zenml requirement allows no ZenML 0.20 release",
    why="`migrate code --fix` rewrites the code for ZenML 0.20 (0.20.0 to 0.20.5): a requirement that only allows "
    "older releases (`zenml==0.13.2`, `zenml<0.14`, Poetry `^0.13.2`) still installs 0.13, and the migrated code "
    "fails to import with it. A requirement without a version, or a range that allows a 0.20 release "
    "(`zenml>=0.13`), is fine; one that names only versions from 0.20 on is not this rule's business.",
    instead="pin ZenML 0.20 (`zenml==0.20.5`, extras and markers as they were), or widen the range to allow it "
    "(`zenml>=0.20,<0.21`)",
    fix=Fix.SAFE,
    match=(Command(pins=True),),
    codemod="command_line:PinVersion",
    fix_args=(("target", TARGET),),
    todo="allow ZenML 0.20 in this requirement (e.g. `zenml==0.20.5`): the migrated code fails on older releases",
    fix_note="Safe where the spelling is exact, and only there: a pin of one version (`==X`, `===X`, a bare Poetry "
    "`X`, conda `=X`) becomes `==0.20.5`, a compatible release (`~=X.Y.Z`, Poetry `^X`/`~X`) keeps its operator "
    "with 0.20.5, a wildcard `==0.13.*` becomes `==0.20.*`; extras, markers, comments and the rest of the file "
    "are kept. 0.20.5 is the last 0.20 release: every rewrite of `migrate code` is checked to import on it (and on "
    "0.20.0), and it fixes 0.20.0's failure to register custom flavors (ZM958). A range (`<0.14`, "
    "`>=0.10,<0.14`, `!=`), a hash-checked requirements file (`--hash`: the hashes would no longer match) or a "
    "quoted/escaped word gets a TODO instead: which 0.20 versions to allow there is a choice. Another pin of the "
    "file that ZenML 0.20.5 cannot be installed with fails loudly in pip's resolver, never silently. A version "
    "given by a variable the file sets to one value (`ARG ZENML_VERSION=0.13.2` + `pip install zenml==${ZENML_VERSION}`) "
    "is judged by that value and gets a TODO (set it there: the variable may serve more than this line); one set "
    "elsewhere (CI, the environment) is not judged. A requirement given as a URL (`zenml @ URL`, "
    "`git+...#egg=zenml`, `-e git+...`) whose wheel file name, VCS tag or branch or archive names a release "
    "before 0.20 gets a TODO: which URL (or PyPI's `zenml==0.20.5`) replaces it is a choice; a URL that names no "
    "version (a branch like `develop`) is not judged (`pip install -e URL` too). A ZenML image (`zenmldocker/zenml:0.13.2`, "
    "`zenmldocker/zenml-server:0.13.2` in a Dockerfile's `FROM`, a compose or CI `image:`, the `parent_image=` of "
    "`DockerSettings`/`DockerConfiguration`, a `docker`/`podman`/`kubectl` command's image word, the `\"image\"` of an "
    "ECS task definition or a devcontainer.json) gets the 0.20.5 tag where its tag is exactly a version, and the "
    "client image's `0.13.2-py3.9` gets `0.20.5-py3.9` (the same Python: 0.20's own default image is tagged so); another "
    "tag (`0.13.2-cuda`) gets a TODO; a Kubernetes manifest's container `image:` and a Helm values file's "
    "`repository: zenmldocker/zenml-server` with the `tag:` beside it get a TODO (manifests are not rewritten). The zenml items of the `requirements=[...]` list of "
    "`DockerSettings`, `DockerConfiguration` and 0.13's `@pipeline` are requirements like any other (a string there "
    "is a file's path, read where the file is). A conda spec that names its channel (`conda-forge::zenml=0.13.2`) "
    "gets a TODO: which ZenML builds that channel has is not known here. A lock file (`Pipfile.lock`, `poetry.lock`, "
    "`pdm.lock`, `uv.lock`, rye's `requirements.lock`) is reported and never edited, not even with a TODO line: its "
    "tool regenerates it (hashes and the rest of the resolution go with the version), and the finding names the "
    "command (`pipenv lock`, `poetry lock`, ...).",
    bad=(
        Bad(
            "# pipelines\nzenml[server]==0.13.2  # pinned for the demo\nscikit-learn==1.0.2\n",
            fixed="# pipelines\nzenml[server]==0.20.5  # pinned for the demo\nscikit-learn==1.0.2\n",
            filename="requirements.txt",
        ),
        Bad(
            'zenml==0.13.2; python_version < "3.10"\nmlflow\n',
            fixed='zenml==0.20.5; python_version < "3.10"\nmlflow\n',
            filename="requirements-dev.txt",
        ),
        Bad("zenml>=0.10,<0.14\n", filename="constraints.txt"),  # a range: a TODO above it
        # a URL that names a release before 0.20 (a VCS tag or branch, a wheel's file name): a TODO
        # (which URL, or PyPI's `zenml==0.20.5`, is the project's choice)
        Bad(
            _c("""
                git+https://github.com/zenml-io/zenml.git@0.13.2#egg=zenml
                zenml @ https://files.pythonhosted.org/packages/py3/z/zenml/zenml-0.13.2-py3-none-any.whl
                -e git+https://github.com/zenml-io/zenml.git@release/0.13.2#egg=zenml
                """),
            filename="requirements.txt",
            count=3,
        ),
        Bad(
            _c("""
                FROM python:3.9-slim
                RUN pip install --no-cache-dir "zenml[server]==0.13.2" mlflow
                """),
            fixed=_c("""
                FROM python:3.9-slim
                RUN pip install --no-cache-dir "zenml[server]==0.20.5" mlflow
                """),
            filename="Dockerfile",
        ),
        # ZenML's images hold that ZenML (the 0.20 images: `zenmldocker/zenml:0.20.5`, `zenmldocker/zenml-server:0.20.5`)
        Bad("FROM zenmldocker/zenml:0.13.2\nRUN pip install mlflow\n", fixed="FROM zenmldocker/zenml:0.20.5\nRUN pip install mlflow\n", filename="Dockerfile"),
        Bad("FROM zenmldocker/zenml:0.13.2-py3.9\n", fixed="FROM zenmldocker/zenml:0.20.5-py3.9\n", filename="Dockerfile"),  # the same Python
        Bad("FROM zenmldocker/zenml:0.13.2-cuda\n", filename="Dockerfile"),  # a tag with more than the version: a TODO
        Bad(
            "services:\n  zenml:\n    image: zenmldocker/zenml-server:0.13.2\n",
            fixed="services:\n  zenml:\n    image: zenmldocker/zenml-server:0.20.5\n",
            filename="docker-compose.yml",
        ),
        Bad(  # an ECS task definition's container
            '{"family": "train", "containerDefinitions": [{"name": "train", "image": "zenmldocker/zenml:0.13.2"}]}\n',
            fixed='{"family": "train", "containerDefinitions": [{"name": "train", "image": "zenmldocker/zenml:0.20.5"}]}\n',
            filename="taskdef.json",
        ),
        # ZenML's Docker options: 0.20 builds a remote step's image FROM `parent_image` with `requirements` in it
        Bad(
            _c("""
                from zenml.config import DockerSettings

                docker = DockerSettings(parent_image="zenmldocker/zenml:0.13.2", requirements=["zenml[server]==0.13.2", "torch"])
                """),
            fixed=_c("""
                from zenml.config import DockerSettings

                docker = DockerSettings(parent_image="zenmldocker/zenml:0.20.5", requirements=["zenml[server]==0.20.5", "torch"])
                """),
            filename="pipelines/settings.py",
            count=2,
        ),
        Bad(  # an image a container command runs
            "docker run --rm -v \"$PWD:/app\" zenmldocker/zenml:0.13.2 python /app/run.py\n",
            fixed="docker run --rm -v \"$PWD:/app\" zenmldocker/zenml:0.20.5 python /app/run.py\n",
            filename="run_in_docker.sh",
        ),
        Bad("python -m pip install -U zenml~=0.13.2\n", fixed="python -m pip install -U zenml~=0.20.5\n", filename="setup.sh"),
        # the interpreter held by a variable (a notebook's ``!{sys.executable} -m pip`` too)
        Bad('"${PYTHON:-python3}" -m pip install zenml==0.13.2\n', fixed='"${PYTHON:-python3}" -m pip install zenml==0.20.5\n', filename="setup.sh"),
        Bad("FROM python:3.9\nARG ZENML_VERSION=0.13.2\nRUN pip install zenml==${ZENML_VERSION}\n", filename="Dockerfile"),  # a TODO
        Bad(
            _c("""
                [project]
                name = "demo"
                dependencies = [
                    "zenml[server]==0.13.2",
                    "pandas",
                ]

                [project.optional-dependencies]
                dev = ["zenml==0.13.*"]
                """),
            fixed=_c("""
                [project]
                name = "demo"
                dependencies = [
                    "zenml[server]==0.20.5",
                    "pandas",
                ]

                [project.optional-dependencies]
                dev = ["zenml==0.20.*"]
                """),
            filename="pyproject.toml",
            count=2,
        ),
        Bad(
            _c("""
                [tool.poetry.dependencies]
                python = ">=3.8,<3.11"
                zenml = { version = "^0.13.2", extras = ["server"] }
                """),
            fixed=_c("""
                [tool.poetry.dependencies]
                python = ">=3.8,<3.11"
                zenml = { version = "^0.20.5", extras = ["server"] }
                """),
            filename="pyproject.toml",
        ),
        Bad(
            _c("""
                [tool.hatch.envs.default]
                dependencies = ["zenml[server]==0.13.2", "pytest"]
                """),
            fixed=_c("""
                [tool.hatch.envs.default]
                dependencies = ["zenml[server]==0.20.5", "pytest"]
                """),
            filename="pyproject.toml",
        ),
        Bad(
            _c("""
                [packages]
                zenml = {extras = ["server"], version = "==0.13.2"}
                pandas = "*"

                [dev-packages]
                zenml = "~=0.13.1"
                """),
            fixed=_c("""
                [packages]
                zenml = {extras = ["server"], version = "==0.20.5"}
                pandas = "*"

                [dev-packages]
                zenml = "~=0.20.5"
                """),
            filename="Pipfile",
            count=2,
        ),
        Bad(
            _c("""
                [options]
                install_requires =
                    zenml==0.13.2
                    pandas>=1.3
                """),
            fixed=_c("""
                [options]
                install_requires =
                    zenml==0.20.5
                    pandas>=1.3
                """),
            filename="setup.cfg",
        ),
        Bad(
            _c("""
                name: demo
                dependencies:
                  - python=3.9
                  - pip
                  - pip:
                      - zenml==0.13.2
                """),
            fixed=_c("""
                name: demo
                dependencies:
                  - python=3.9
                  - pip
                  - pip:
                      - zenml==0.20.5
                """),
            filename="environment.yml",
        ),
        # a channel's build: which ZenML versions it has is not known here (a TODO)
        Bad("name: demo\ndependencies:\n  - conda-forge::zenml=0.13.2\n", filename="environment.yml"),
        Bad(
            _c("""
                from setuptools import setup

                setup(name="demo", install_requires=["zenml[server]==0.13.2", "pandas"], extras_require={"dev": ["zenml~=0.13.2"]})
                """),
            fixed=_c("""
                from setuptools import setup

                setup(name="demo", install_requires=["zenml[server]==0.20.5", "pandas"], extras_require={"dev": ["zenml~=0.20.5"]})
                """),
            filename="setup.py",
            count=2,
        ),
        # a lock file is regenerated by its tool, never edited (no TODO line either): the finding
        # says what to run
        Bad(
            _c("""
                [[package]]
                name = "zenml"
                version = "0.13.2"
                description = "ZenML: Write production-ready ML code."
                optional = false
                python-versions = ">=3.7.1,<3.11"
                """),
            filename="poetry.lock",
        ),
        Bad('{\n    "default": {\n        "zenml": {\n            "hashes": [],\n            "version": "==0.13.1"\n        }\n    }\n}\n', filename="Pipfile.lock"),
        Bad(
            'import subprocess\n\nsubprocess.check_call(["pip", "install", "zenml==0.13.2"])\n',
            fixed='import subprocess\n\nsubprocess.check_call(["pip", "install", "zenml==0.20.5"])\n',
            filename="install.py",
        ),
    ),
    good=(
        Good("zenml[server]==0.20.5\nzenml>=0.13\n", filename="requirements.txt"),
        Good(
            "zenml\nzenml @ https://example.com/zenml-0.20.5-py3-none-any.whl\nzenml==${ZENML_VERSION}\n"
            "git+https://github.com/zenml-io/zenml.git@develop#egg=zenml\n",
            filename="requirements.txt",
        ),
        Good("pip install zenml>=0.13 'mlflow==1.2.0'\npip install -r requirements.txt\n", filename="setup.sh"),
        Good('[tool.poetry.dependencies]\nzenml = "^0.20"\n', filename="pyproject.toml"),
        Good("FROM zenmldocker/zenml:0.20.5-py3.9\nFROM python:3.9-slim\nFROM zenmldocker/zenml:latest\n", filename="Dockerfile"),
        Good('[packages]\nzenml = "*"\n\n[scripts]\nserve = "zenml up --port 8237"\n\n[requires]\npython_version = "3.8"\n', filename="Pipfile"),
        Good('from setuptools import setup\n\nsetup(name="demo", install_requires=["zenml>=0.13"], description="zenml==0.13.2")\n', filename="setup.py"),
        Good("zenml-helpers==0.1.0\n", filename="requirements.txt"),
        # the lock's zenml is a 0.20 release; a package that depends on zenml is not zenml
        Good(
            '[[package]]\nname = "zenml"\nversion = "0.20.5"\n\n[[package]]\nname = "zenml-plugins"\nversion = "0.13.2"\n\n'
            '[package.dependencies]\nzenml = "0.13.2"\n',
            filename="poetry.lock",
        ),
    ),
)
