"""0.13.2 component types, flavors and config keys -> ZenML 0.20 (reference section 4d).

``translate(component)`` turns one legacy component into its 0.20 flavor and configuration
and lists every change with the reason; the 0.20 catalog (keys, required keys, secret keys,
Flavor class per flavor) is ``data/flavors_020.json``, generated from the real 0.20.0 and
0.20.5 by ``scripts/build_flavor_catalog.py``.
"""

import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from zenml_migrate.profiles import config_types
from zenml_migrate.redact import looks_secret, masked, secret_keys

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "flavors_020.json")

#: 0.13.2 component types that 0.20 no longer has
DROPPED_TYPES = ("metadata_store",)

_DOCKER = "pipeline settings: settings={'docker': DockerSettings(parent_image=...)}"
_DOCKER_ALIAS = "deprecated alias of docker_parent_image; " + _DOCKER

#: (type, flavor) -> keys holding the NAME of a ZenML secret, not a credential, though they look like one:
#: the seldon and kserve model deployers' ``secret`` ("the name of a ZenML secret containing the credentials",
#: 0.13.2 and 0.20) and the 0.13.2 mysql metadata store's ``secret`` ("The name of a ZenML secret that holds
#: credentials"). The same key of the s3 artifact store is its AWS secret key: masked.
SECRET_NAME_KEYS: Dict[Tuple[str, str], Tuple[str, ...]] = {
    ("model_deployer", "seldon"): ("secret",),
    ("model_deployer", "kserve"): ("secret",),
    ("metadata_store", "mysql"): ("secret",),
}


def name_keys(type_: str, flavor: str) -> Tuple[str, ...]:
    """The keys of a component of this built-in flavor that hold a secret's name (shown, not masked)."""
    return SECRET_NAME_KEYS.get((type_, flavor), ())


#: legacy (type, flavor) -> {removed key: where it went}
REMOVED_KEYS: Dict[Tuple[str, str], Dict[str, str]] = {}
for _f in ("local_docker", "tekton"):
    REMOVED_KEYS[("orchestrator", _f)] = {"docker_parent_image": _DOCKER}
for _f in ("kubeflow", "kubernetes", "vertex", "github"):
    REMOVED_KEYS[("orchestrator", _f)] = {"docker_parent_image": _DOCKER, "custom_docker_base_image_name": _DOCKER_ALIAS}
REMOVED_KEYS[("orchestrator", "airflow")] = {"airflow_home": "derived by ZenML 0.20 itself (nothing to set)"}
for _f in ("sagemaker", "vertex"):
    REMOVED_KEYS[("step_operator", _f)] = {"docker_parent_image": _DOCKER, "base_image": _DOCKER_ALIAS}
REMOVED_KEYS[("step_operator", "azureml")] = {"docker_parent_image": _DOCKER, "docker_base_image": _DOCKER_ALIAS}
REMOVED_KEYS[("step_operator", "spark-kubernetes")] = {"docker_parent_image": _DOCKER}
for _f in ("seldon", "kserve"):
    REMOVED_KEYS[("model_deployer", _f)] = {"docker_parent_image": _DOCKER}
REMOVED_KEYS[("container_registry", "github")] = {
    "automatic_token_authentication": "rejected by 0.20 (the github flavor validates with "
    "BaseContainerRegistryConfig); log in with `docker login ghcr.io` or use authentication_secret"
}

#: flavors of releases before 0.13.2 that 0.13.2 and 0.20 no longer have: (type, flavor) -> (0.20 flavor, why it is the same)
OLDER_FLAVORS: Dict[Tuple[str, str], Tuple[str, str]] = {
    ("container_registry", "gitlab"): (
        "default", "ZenML 0.10's gitlab flavor (gone from 0.12 on) was the base container registry under another name"),
}

#: a secrets manager a ZenML before 0.11 registered has no ``scope`` key: 0.13.2 reads its secrets
#: unscoped (``scope_initializer``: an existing component without a scope), 0.20 would give the
#: flavors that support scoping component scope, under which the stored secrets are not found
UNSCOPED = "none"
SCOPING_SECRETS_MANAGERS = ("aws", "azure", "gcp", "vault")  # SUPPORTS_SCOPING in 0.20.0 and 0.20.5 (0.20 names)
UNSCOPED_NOTE = ("scope set to none: a ZenML before 0.11 registered it (no scope recorded) and 0.13.2 reads its secrets "
                 "unscoped; ZenML 0.20 would default to component scope and not find the secrets stored so far")

#: credentials 0.20 does not mark as sensitive (bundle files holding them are mode 0600 too);
#: any key that looks like a credential (``redact.looks_secret``) is treated as one as well
EXTRA_SECRET_KEYS: Dict[Tuple[str, str], Tuple[str, ...]] = {("secrets_manager", "vault"): ("token",)}

#: 0.13.2 keys holding paths under ``<config>/local_stores/<uuid>`` that 0.13.2 derived when unset
LOCAL_STORE_PATHS: Dict[Tuple[str, str], Tuple[str, str]] = {
    ("artifact_store", "local"): ("path", ""),
    ("secrets_manager", "local"): ("secrets_file", "secrets.yaml"),
    # the config, PID and log files of the model servers it started (0.20's MLFlowModelDeployer.local_path)
    ("model_deployer", "mlflow"): ("service_path", ""),
}

#: what a LOCAL_STORE_PATHS path holds, by component type: (said when the config dir moved, said when it is missing)
LOCAL_STORE_DATA: Dict[str, Tuple[str, str]] = {
    "artifact_store": ("its artifacts are", "the artifacts of past runs are"),
    "secrets_manager": ("the secrets file is", "the stored secrets are"),
    "model_deployer": ("the records of its model servers are",
                       "the records (config, PID and log files) of the model servers it started are"),
}


def component_dir(type_: str) -> str:
    """Folder of a component type in the 0.13.2 YAML store (``container_registries``...)."""
    return "container_registries" if type_ == "container_registry" else type_ + "s"


_catalog: Optional[Dict[str, Dict[str, dict]]] = None
_renamed: Dict[str, Dict[str, str]] = {}


def catalog() -> Dict[str, Dict[str, dict]]:
    """0.20 type -> flavor -> {keys, required, secret, source, integration}."""
    global _catalog
    if _catalog is None:
        global _renamed
        with open(_DATA, encoding="utf-8") as f:
            data = json.load(f)
        _catalog, _renamed = data["flavors"], data.get("renamed_013", {})
    return _catalog


def renamed_013() -> Dict[str, Dict[str, str]]:
    """0.20 type -> {0.13.2 flavor name: 0.20 name of the same flavor} (``renamed_013``)."""
    catalog()
    return _renamed


def builtin(type_: str, flavor: str) -> Optional[dict]:
    return catalog().get(type_, {}).get(flavor)


def component_types() -> List[str]:
    return sorted(catalog())


@dataclass
class Translation:
    """A component's 0.20 flavor and configuration, with what changed and what was dropped."""

    flavor: str
    config: Dict[str, object]
    notes: List[str] = field(default_factory=list)
    removed: Dict[str, object] = field(default_factory=dict)
    secret_keys: List[str] = field(default_factory=list)
    name_keys: Tuple[str, ...] = ()  # keys holding a secret's name (``SECRET_NAME_KEYS``): shown
    unknown_keys: List[str] = field(default_factory=list)  # not a 0.13.2 nor a 0.20 key: bad input
    missing_required: List[str] = field(default_factory=list)
    wrong_types: Dict[str, str] = field(default_factory=dict)  # key -> what 0.20 expects there
    custom: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.notes)


def translate(type_: str, flavor: str, config: Dict[str, object], custom_flavors=(), custom_secrets=()) -> Translation:
    """0.20 flavor and configuration of one legacy component.

    ``custom_flavors``: names of the profile's custom flavors of this type (their configs are
    carried as they are; only their Flavor class has to be written for 0.20); ``custom_secrets``:
    the fields its source marks ``SecretField()``.
    Null values are left out (0.20 then uses the field's default, as 0.13.2 did).
    """
    values = {k: v for k, v in config.items() if v is not None}
    if flavor in custom_flavors:
        return Translation(flavor=flavor, config=values, custom=True, secret_keys=secret_keys(values, custom_secrets))
    older = OLDER_FLAVORS.get((type_, flavor))
    new_flavor = older[0] if older else renamed_013().get(type_, {}).get(flavor, flavor)
    out = Translation(flavor=new_flavor, config={}, name_keys=name_keys(type_, new_flavor))
    if older:
        out.notes.append(f"flavor {flavor} -> {new_flavor}: {older[1]}")
    elif new_flavor != flavor:
        out.notes.append(f"flavor renamed {flavor} -> {new_flavor} (0.20 name of the same flavor)")
    removed = REMOVED_KEYS.get((type_, flavor), {})
    spec = builtin(type_, new_flavor)
    known = set(spec["keys"]) if spec else set()
    for key in sorted(values):
        value = values[key]
        if key in removed:
            out.removed[key] = value
            out.notes.append(f"removed {key}={masked(value, looks_secret(key))!r}: {removed[key]}")
        elif spec is not None and key not in known:
            out.unknown_keys.append(key)
        else:
            out.config[key] = value
    if type_ == "secrets_manager" and new_flavor in SCOPING_SECRETS_MANAGERS and "scope" not in config and spec is not None:
        out.config["scope"] = UNSCOPED
        out.notes.append(UNSCOPED_NOTE)
    # removed keys that were null: nothing to tell, nothing to carry
    if spec is not None:
        out.missing_required = [k for k in spec["required"] if k not in out.config]
        types = spec.get("types", {})
        out.wrong_types = {k: config_types.describe(types[k]) for k in config_types.wrong_types(types, out.config)}
        marked = [*spec["secret"], *EXTRA_SECRET_KEYS.get((type_, new_flavor), ())]
        out.secret_keys = secret_keys(out.config, marked, out.name_keys)
    else:
        out.secret_keys = secret_keys(out.config, (), out.name_keys)
    return out
