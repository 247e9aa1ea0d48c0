"""ZM95x: the ``zenml`` command line, wherever users call it (notebook ``!zenml ...`` cells,
shell scripts, Makefiles, Dockerfiles, CI workflows, Markdown shell blocks).

Commands are read against the real command trees of 0.13.2, 0.20.0 and 0.20.5
(``rules/data/zenml_cli.json``, ``scripts/build_cli_trees.py``); reference section 1.9.
"""

from zenml_migrate.rules.base import Bad, Command, Fix, Good, Rule

CLI_PROFILES = Rule(
    code="ZM950",
    name="cli-profiles",
    message="ZenML 0.20 has no profiles: `zenml profile create/set/get/describe/delete/explain`, `--global` and `copy --from/--to` are gone",
    why="0.20 keeps everything in one store (local SQLite, or a ZenML server); only `zenml profile list` and "
    "`zenml profile migrate` remain, to read 0.13.2 profiles once.",
    instead="connect to a shared store with `zenml connect --url ...` (or stay on the local default store), separate work "
    "with projects (`zenml project create NAME`, `zenml project set NAME`); move the stacks of old profiles with "
    "`migrate profiles` (or `zenml profile migrate PATH`)",
    fix=Fix.NONE,
    match=(
        Command("profile create", "profile set", "profile get", "profile describe", "profile delete", "profile explain"),
        Command("stack copy", "* copy", options=("source_profile_name", "target_profile_name")),
        Command("stack set", options=("global_profile",)),
    ),
    todo="ZenML 0.20 has no profiles: use `zenml connect --url ...` for a shared store and `zenml project set NAME` to "
    "separate work; move old stacks with `migrate profiles`",
    fix_note="No rewrite: what a profile meant (a store, a place to keep stacks apart) has two different 0.20 answers.",
    bad=(
        Bad("zenml profile create staging\nzenml profile set staging\n", filename="setup.sh", count=2),
        Bad("zenml stack copy prod_stack prod_copy --from default --to staging\n", filename="setup.sh"),
        Bad("zenml stack set local_stack --global\n", filename="setup.sh"),
        Bad('import os\n\nos.system("zenml profile create staging && zenml profile set staging")\n', filename="bootstrap.py", count=2),
    ),
    good=(
        Good("zenml profile list\nzenml connect --url https://zenml.example.com\nzenml project set staging\n", filename="setup.sh"),
        Good("zenml stack copy prod_stack prod_copy\n", filename="setup.sh"),
        Good('import os\n\n\ndef system(line):\n    print(line)\n\n\nsystem("zenml profile create staging")\nos.system("echo zenml profile create")\n', filename="bootstrap.py"),
    ),
)

CLI_METADATA_STORE = Rule(
    code="ZM951",
    name="cli-metadata-store",
    message="`zenml metadata-store ...` is gone in ZenML 0.20: there is no metadata store component any more",
    why="0.20 keeps pipeline and run metadata in its own store; the metadata-store command group was removed.",
    instead="delete the command; register stacks without `-m` (0.20 tracks metadata itself)",
    fix=Fix.NONE,
    match=(Command("metadata-store", prefix=True),),
    todo="ZenML 0.20 has no metadata stores: delete this command (stacks are registered without `-m`)",
    fix_note="No rewrite: deleting a command can change what a script does next; a human decides.",
    bad=(
        Bad("zenml metadata-store register mysql_store --flavor=mysql --host=$HOST\n", filename="setup.sh"),
        Bad("setup:\n\tzenml metadata-store list\n", filename="Makefile"),
    ),
    good=(Good("zenml artifact-store register s3_store --flavor=s3 --path=s3://bucket\n", filename="setup.sh"),),
)

CLI_STACK_METADATA_STORE_OPTION = Rule(
    code="ZM952",
    name="cli-stack-metadata-store-option",
    message="`-m/--metadata-store` and `--decouple_stores` are gone from `zenml stack register/update/import` in ZenML 0.20",
    why="0.20 has no metadata store component: `zenml stack register NAME -m X ...` fails with 'no such option: -m'.",
    instead="the same command without `-m X` (and without `--decouple_stores`)",
    fix=Fix.SAFE,
    match=(
        Command("stack register", "stack update", options=("metadata_store_name", "decouple_stores")),
        Command("stack import", options=("decouple_stores",)),
    ),
    codemod="command_line:DropOption",
    fix_note="Safe: the metadata store has no 0.20 counterpart, every other option keeps its meaning.",
    bad=(
        Bad(
            "zenml stack register local_stack -m default -a default -o default --set\n",
            fixed="zenml stack register local_stack -a default -o default --set\n",
            filename="setup.sh",
        ),
        Bad(
            "zenml stack register kf_stack \\\n    --metadata-store=kubeflow_metadata \\\n    -a s3_store \\\n    -o kubeflow\n",
            fixed="zenml stack register kf_stack \\\n    -a s3_store \\\n    -o kubeflow\n",
            filename="setup.sh",
        ),
        Bad("zenml stack update local_stack --decouple_stores -o kubeflow\n", fixed="zenml stack update local_stack -o kubeflow\n", filename="setup.sh"),
        Bad(
            '[scripts]\nstack = "zenml stack register dev -m default -a default -o default --set"\n',
            fixed='[scripts]\nstack = "zenml stack register dev -a default -o default --set"\n',
            filename="Pipfile",
        ),
        Bad("RUN zenml stack import my_stack -f stack.yaml --decouple-stores\n", filename="Dockerfile"),
        # R code: ``system()`` runs a command line, ``system2()`` a program with a list of arguments
        Bad(
            'system2("zenml", c("stack", "register", "r_stack", "-m", "mlmd", "-a", "art", "-o", "orch"))\n',
            fixed='system2("zenml", c("stack", "register", "r_stack", "-a", "art", "-o", "orch"))\n',
            filename="refresh.R",
        ),
        Bad(
            'import subprocess\n\nsubprocess.run(["zenml", "stack", "register", "s", "-m", "default", "-a", "default", "-o", "default"], check=True)\n',
            fixed='import subprocess\n\nsubprocess.run(["zenml", "stack", "register", "s", "-a", "default", "-o", "default"], check=True)\n',
            filename="setup_stack.py",
        ),
        Bad(
            'import os\n\n\ndef register(name, store):\n    os.system(f"zenml stack register {name} -m {store} -a default -o default")\n',
            filename="setup_stack.py",
        ),
    ),
    good=(
        Good("zenml stack register local_stack -a default -o default --set\n", filename="setup.sh"),
        Good('import subprocess\n\nsubprocess.run(["zenml", "stack", "register", "s", "-a", "default", "-o", "default"])\n', filename="setup_stack.py"),
    ),
)

CLI_LEGACY_SERVER = Rule(
    code="ZM953",
    name="cli-legacy-server",
    message="`zenml server ...` (the 0.13.2 REST server) is gone in ZenML 0.20",
    why="0.20 replaced it with the ZenML server: `zenml up` starts a local one (port 8237), `zenml down` stops it, "
    "`zenml connect --url` uses a deployed one.",
    instead="`zenml up` / `zenml down` / `zenml status`, or `zenml connect --url https://...` for a deployed server",
    fix=Fix.NONE,
    match=(Command("server", prefix=True),),
    todo="the 0.13.2 REST server is gone: `zenml up` starts the 0.20 server locally, `zenml connect --url ...` uses a deployed one",
    fix_note="No rewrite: the 0.20 server is another service (port, authentication, deployment).",
    bad=(Bad("zenml server up --port 8000\n", filename="setup.sh"),),
    good=(Good("zenml up --port 8237\nzenml connect --url http://127.0.0.1:8237 --username default\n", filename="setup.sh"),),
)

CLI_STACK_EXPORT_IMPORT = Rule(
    code="ZM954",
    name="cli-stack-export-import",
    message="`zenml stack import` of a file written by ZenML 0.13.2 fails in ZenML 0.20 (new file format): check which release wrote it",
    why="0.20's import refuses a file whose `zenml_version` is another release ('Cannot import stacks from other ZenML "
    "versions'); with `--ignore-version-mismatch` it fails on 0.13.2's component entries (KeyError: 'id': 0.20 files "
    "carry ids, types and `configuration:` maps), and a metadata store has no 0.20 component. The command itself is "
    "kept, and a file ZenML 0.20 exported imports (`zenml stack export` is no finding: on 0.20 it writes 0.20 files; "
    "a 0.13.2 export file in the project is ZM511).",
    instead="export again with ZenML 0.20, or move the stacks with `migrate profiles --bundle DIR` (0.20 import files)",
    fix=Fix.NONE,
    match=(Command("stack import"),),
    todo="stack files of 0.13.2 do not import in 0.20: re-export with 0.20 or write them with `migrate profiles --bundle DIR`",
    fix_note="No rewrite: the command still exists; the file it reads changed.",
    bad=(Bad("zenml stack import prod_stack -f prod.yaml\n", filename="setup.sh"),),
    good=(Good("zenml stack describe prod_stack\nzenml stack export prod_stack prod.yaml\n", filename="setup.sh"),),
)

CLI_COMPONENT_TYPE_OPTION = Rule(
    code="ZM956",
    name="cli-component-type-option",
    message="`-t/--type` of `zenml <component> register` is gone in ZenML 0.20: it is `--flavor`",
    why="0.13.2 kept `--type` as a deprecated spelling of `--flavor`; 0.20 removed it ('no such option: -t').",
    instead="`--flavor X` (or `-f X`)",
    fix=Fix.SAFE,
    match=(Command("* register", options=("old_flavor",)),),
    codemod="command_line:RenameOption",
    fix_args=(("option", "--flavor"),),
    fix_note="Safe: 0.13.2 read `--type X` exactly as `--flavor X`.",
    bad=(
        Bad("zenml orchestrator register kf -t kubeflow\n", fixed="zenml orchestrator register kf --flavor kubeflow\n", filename="setup.sh"),
        Bad("zenml artifact-store register s3 --type=s3 --path=s3://b\n", fixed="zenml artifact-store register s3 --flavor=s3 --path=s3://b\n", filename="setup.sh"),
        Bad(
            'import subprocess\n\nsubprocess.check_call("zenml orchestrator register kf -t kubeflow", shell=True)\n',
            fixed='import subprocess\n\nsubprocess.check_call("zenml orchestrator register kf --flavor kubeflow", shell=True)\n',
            filename="setup_stack.py",
        ),
    ),
    good=(Good("zenml orchestrator register kf --flavor kubeflow\n", filename="setup.sh"),),
)

CLI_UNKNOWN_COMMAND = Rule(
    code="ZM957",
    name="cli-unknown-command",
    message="this `zenml` command exists in no ZenML 0.20 release (nor in 0.13.2)",
    why="a command of an older ZenML (`zenml served-models`, 0.8-0.12) or a typo fails on every 0.20 release with "
    "'No such command'; the command trees of 0.13.2, 0.20.0 and 0.20.5 come from the real CLIs.",
    instead="the 0.20 command the finding names (the closest command path of 0.20), or `zenml --help` of 0.20",
    fix=Fix.NONE,
    match=(Command(unknown=True),),
    fix_note="No rewrite: the closest command is a guess from its name; a human checks what it does.",
    bad=(
        Bad("zenml served-models list\nzenml served-models describe 1234\n", filename="serve.sh", count=2),
        Bad("zenml stak list\n", filename="setup.sh"),
        Bad("deploy:\n\tzenml model-deployer model list\n", filename="Makefile"),
    ),
    good=(
        Good("zenml model-deployer models list\nzenml connect --url https://zenml.example.com\nzenml up\n", filename="serve.sh"),
        Good("zenml model-deployer models describe 1234\nzenml project list\n", filename="serve.sh"),
    ),
)

CLI_FLAVOR_SOURCE = Rule(
    code="ZM958",
    name="cli-flavor-register-source",
    message="`zenml <type> flavor register` takes a Flavor class in ZenML 0.20, not the component class",
    why="0.13.2 registered the component class (its `FLAVOR` named the flavor); 0.20 imports the class and reads "
    "`name`, `config_class` and `implementation_class` from it: a component class fails to register. ZM409's port "
    "of a 0.13.2 component class `X` writes `XFlavor` next to it. (On 0.20.0 the command fails for every custom "
    "flavor, a ZenML bug fixed in 0.20.5; `migrate profiles --bundle` registers them with register_flavor.py.)",
    instead="register `<module>.<X>Flavor` (port the class first: `migrate code --fix --unsafe-fixes` on its module)",
    fix=Fix.SAFE,
    match=(Command("* flavor register", flavor_source=True),),
    codemod="command_line:FlavorSource",
    fix_note="Per occurrence, from the scan's project index: when ZM409 ports the class in the same run (or it "
    "already has `<X>Flavor`), the path becomes `<module>.<X>Flavor` at the level of that port (safe for an exact "
    "port, unsafe when the port leaves TODOs); when the class is not in the project or its port is not written by "
    "this run, the finding has no fix and its TODO says what to register. With `--target 0.20.0` (or the config's "
    "`target`) every `flavor register` line of a class path also gets a finding no fix removes, on the command: "
    "0.20.0's CLI registers no custom flavor (checked on the real 0.20.0), `python register_flavor.py TYPE NAME "
    "SOURCE` of `migrate profiles --bundle` does (the TODO names TYPE, the command's, and NAME, the flavor's name "
    "when the class spells it); the scan and the fix read the same decision.",
    todo="ZenML 0.20 registers the Flavor class: change the path to the `<X>Flavor` class of the ported component",
    bad=(Bad("zenml alerter flavor register team.alerter.TeamsAlerter\n", filename="register.sh"),),
    good=(
        Good("zenml alerter flavor register team.alerter.TeamsAlerterFlavor\n", filename="register.sh"),
        Good('zenml orchestrator flavor register "$FLAVOR_SOURCE"\n', filename="register.sh"),
    ),
)

CLI_REMOVED = Rule(
    code="ZM959",
    name="cli-removed",
    message="this `zenml` command or option of 0.13.2 does not exist in ZenML 0.20",
    why="ZenML 0.20 rebuilt its CLI around the new store; the commands and options listed here come from the real "
    "command trees of 0.13.2, 0.20.0 and 0.20.5.",
    instead="see `zenml <command> --help` of ZenML 0.20 for the new way",
    fix=Fix.NONE,
    match=(Command(removed=True),),
    fix_note="No rewrite: each removed command needs its own decision.",
    bad=(
        Bad("zenml project unset\n", filename="setup.sh"),
        Bad("zenml orchestrator register kf --flavor kubeflow -i\n", filename="setup.sh"),
        Bad("zenml user set alice\n", filename="setup.sh"),
    ),
    good=(
        Good("zenml stack list\nzenml orchestrator register kf --flavor kubeflow\nzenml integration install sklearn -y\n", filename="setup.sh"),
        Good("zenml stack set local_stack\nzenml example pull quickstart\n", filename="setup.sh"),
    ),
)

CLI_UNKNOWN_OPTION = Rule(
    code="ZM960",
    name="cli-unknown-option",
    message="this option is not an option of the `zenml` command in ZenML 0.20",
    why="click rejects an option the command does not define ('No such option', or 'Got unexpected extra arguments' "
    "where the command passes unknown options on): an option of an older ZenML, `_` for `-` (`--artifact_store`), "
    "an option of another command. The options of 0.20.0 and 0.20.5 come from the real CLIs "
    "(`scripts/build_cli_trees.py`); what 0.13.2 had and 0.20 dropped is ZM959's (or the rule's that explains it).",
    instead="the 0.20 spelling the finding names, or `zenml <command> --help` of 0.20",
    fix=Fix.SAFE,
    match=(Command(unknown_option=True),),
    codemod="command_line:Respell",
    todo="use the option of the 0.20 command this finding names, or drop it (`zenml <command> --help` of 0.20)",
    fix_note="Per occurrence: an option typed with `_` for `-` (or in another case) whose name both 0.20 releases "
    "have on that command is respelled (`--artifact_store` -> `--artifact-store`: the same option, value untouched); "
    "so is an attribute `--key=value` of `zenml <component> register NAME --flavor F` typed with `-` that is one key "
    "of the 0.20 flavor (`--kubernetes-context=x` -> `--kubernetes_context=x`, ZM962's catalog). "
    "Any other unknown option has no sure meaning: no rewrite, the finding names the closest 0.20 spelling when there is one.",
    bad=(
        Bad("zenml connect --url https://zenml.example.com --user default\n", filename="setup.sh"),
        Bad(
            "zenml stack register local_stack --artifact_store default -o default\n",
            fixed="zenml stack register local_stack --artifact-store default -o default\n",
            filename="setup.sh",
        ),
        Bad(
            'import subprocess\n\nsubprocess.run(["zenml", "stack", "register", "s", "--artifact_store=default", "--orchestrator", "default"])\n',
            fixed='import subprocess\n\nsubprocess.run(["zenml", "stack", "register", "s", "--artifact-store=default", "--orchestrator", "default"])\n',
            filename="setup_stack.py",
        ),
        Bad("zenml stack register s --metadata_store local -a default -o default\n", filename="setup.sh"),
        Bad(
            "zenml orchestrator register kf -f kubeflow --kubernetes-context=kind-ctx\n",
            fixed="zenml orchestrator register kf -f kubeflow --kubernetes_context=kind-ctx\n",
            filename="setup.sh",
        ),
        Bad("zenml stack list --json\nzenml stack describe -v\n", filename="setup.sh", count=2),
        Bad("zenml up --docker --port 8237 --detach\n", filename="setup.sh"),
    ),
    good=(
        Good(
            "zenml stack register local_stack -a default -o default -x mlflow_tracker --set\n"
            "zenml orchestrator register kf --flavor=kubeflow --kubernetes_context=ctx --synchronous=True\n"
            "zenml artifact-store register s3 -f s3 --path=s3://bucket\n"
            "zenml connect --url https://zenml.example.com --username default --password=\"$PW\" --no-verify-ssl\n"
            "zenml up --docker --port 8237\nzenml integration install sklearn mlflow -y\n"
            "zenml stack list\nzenml pipeline runs list --pipeline $ID\nzenml stack export s s.yaml\n",
            filename="setup.sh",
        ),
        Good("zenml secrets-manager secret register aws_secret -s aws --aws_access_key_id=$KEY\nzenml stack describe \"$STACK\"\n", filename="setup.sh"),
    ),
)

CLI_MISSING_REQUIRED_OPTION = Rule(
    code="ZM961",
    name="cli-missing-required-option",
    message="the `zenml` command lacks an option that ZenML 0.20 requires",
    why="click fails with 'Missing option' before the command runs when a required option is not given: "
    "`zenml stack register` needs `-a` and `-o`, and every `zenml <component> register` needs `--flavor` in 0.20.0 and 0.20.5 "
    "(0.13.2 failed without them too, at its own checks, but scripts carried such lines, and `-m` dropped from a line "
    "leaves what else it lacked). The required options come from the real CLIs (`scripts/build_cli_trees.py`).",
    instead="give the option the finding names (`zenml <command> --help` of 0.20)",
    fix=Fix.NONE,
    match=(Command(missing_required=True),),
    todo="add the option this finding names (`zenml <command> --help` of 0.20 lists the required ones)",
    fix_note="No rewrite: the value (which orchestrator, which flavor) is the user's choice.",
    bad=(
        Bad("zenml stack register local_stack -a default\n", filename="setup.sh"),
        Bad("zenml orchestrator register local_orchestrator\n", filename="setup.sh"),
        Bad('import subprocess\n\nsubprocess.run(["zenml", "artifact-store", "register", "store", "--path=/tmp/zenml"])\n', filename="setup_stack.py"),
        # a quoted variable is one word (the stack's name); ``{name}`` in a notebook's ``!`` line too
        Bad('zenml stack register "$STACK_NAME" -a default\n', filename="setup.sh"),
    ),
    good=(
        Good(
            "zenml stack register local_stack -a default -o default\n"
            "zenml orchestrator register kf --flavor=kubeflow --kubernetes_context=ctx\n"
            "zenml artifact-store register s3 -f s3 --path=s3://bucket\n"
            "zenml stack register local_stack --help\n",
            filename="setup.sh",
        ),
        # a variable is the value of the option before it; an unquoted one elsewhere may hold the options
        Good('zenml stack register "$STACK_NAME" -a $ARTIFACT_STORE -o "$ORCHESTRATOR"\nzenml stack register s -a default $EXTRA_FLAGS\n', filename="setup.sh"),
    ),
)

CLI_COMPONENT_ATTRIBUTE = Rule(
    code="ZM962",
    name="cli-component-attribute",
    message="this `--key=value` attribute is not a key of the component's flavor in ZenML 0.20",
    why="0.20.0 and 0.20.5 build the flavor's config class from the `--key=value` attributes of "
    "`zenml <component> register NAME --flavor F` and `zenml <component> update NAME`, and the config rejects "
    "any other key (ValidationError 'extra fields not permitted'): a key of an older ZenML (`--uuid`, "
    "`--docker_parent_image`, which moved to the pipeline's DockerSettings), of another flavor, or a typo. The keys "
    "each built-in and integration flavor accepts, and the deprecated ones 0.20 still takes "
    "(`--custom_docker_base_image_name` of the orchestrators, `--base_image` of the step operators), come from the "
    "real releases (`scripts/build_flavor_catalog.py`). An `update` is checked when the same file registered the "
    "component; a flavor 0.20 does not have (a custom flavor) is not checked.",
    instead="the key the finding names (the flavor's keys: `zenml <component> flavor describe F` of 0.20), or drop "
    "the attribute",
    fix=Fix.SAFE,
    match=(Command("* register", "* update", component_keys=True),),
    codemod="command_line:Respell",
    todo="use a key of the component's 0.20 flavor that this finding names, or drop the attribute",
    fix_note="Per occurrence: a key that is one of the flavor's keys typed in another case or without `_` "
    "(`--kubernetesContext=` -> `--kubernetes_context=`) is respelled, the value untouched. Any other key has no "
    "sure meaning: no rewrite, the finding names the closest key of the flavor or what 0.20 did with it.",
    bad=(
        Bad("zenml artifact-store register local_store --flavor local --root=/data/zenml\n", filename="setup.sh"),
        Bad(
            "zenml orchestrator register kf --flavor=kubeflow --kubernetesContext=kind-ctx --synchronous=True\n",
            fixed="zenml orchestrator register kf --flavor=kubeflow --kubernetes_context=kind-ctx --synchronous=True\n",
            filename="setup.sh",
        ),
        Bad("zenml step-operator register sm -f sagemaker --role=$ROLE --docker_parent_image=my/image:1\n", filename="setup.sh"),
        Bad("zenml orchestrator register local_orch --flavor local --uuid=1234\nzenml orchestrator update local_orch --name=local\n", filename="setup.sh", count=2),
    ),
    good=(
        Good(
            "zenml orchestrator register kf --flavor=kubeflow --kubernetes_context=kind-ctx --custom_docker_base_image_name=img\n"
            "zenml step-operator register sm -f sagemaker --role=$ROLE --instance_type=ml.m5.large --base_image=img\n"
            "zenml artifact-store register s3 -f s3 --path=s3://bucket --key=$KEY\n",
            filename="setup.sh",
        ),
        # a custom flavor, a flavor from a variable, an update of a component registered elsewhere
        Good("zenml alerter register teams --flavor teams --webhook=$HOOK\nzenml orchestrator register o --flavor $FLAVOR --anything=1\n"
             "zenml orchestrator update prod_orch --anything=1\n", filename="setup.sh"),
    ),
)

CLI_RENAMED_FLAVOR = Rule(
    code="ZM963",
    name="cli-renamed-flavor",
    message="this flavor has another name in ZenML 0.20",
    why="0.20 renamed two 0.13.2 integration flavors: the GCP secrets manager `gcp_secrets_manager` is `gcp`, the "
    "Azure Key Vault secrets manager `azure_key_vault` is `azure`. `zenml secrets-manager register NAME --flavor "
    "gcp_secrets_manager` fails on 0.20.0 and 0.20.5 ('No flavor with name ...'). The names come from 0.13.2's "
    "integration registry and the 0.20 flavors (`scripts/build_flavor_catalog.py`).",
    instead="the 0.20 name of the flavor (`--flavor gcp`, `--flavor azure`)",
    fix=Fix.SAFE,
    match=(Command("* register", renamed_flavor=True),),
    codemod="command_line:FlavorName",
    fix_note="Safe: the same integration's only flavor of that type, under its 0.20 name; the attributes are the same keys.",
    bad=(
        Bad(
            "zenml secrets-manager register gsm --flavor gcp_secrets_manager --project_id=acme-ml\n",
            fixed="zenml secrets-manager register gsm --flavor gcp --project_id=acme-ml\n",
            filename="setup.sh",
        ),
        Bad(
            'zenml secrets-manager register kv -f "azure_key_vault" --key_vault_name=acme-kv\n',
            fixed='zenml secrets-manager register kv -f "azure" --key_vault_name=acme-kv\n',
            filename="setup.sh",
        ),
    ),
    good=(Good("zenml secrets-manager register gsm --flavor=gcp --project_id=acme-ml\nzenml artifact-store register a --flavor=gcp --path=gs://b\n", filename="setup.sh"),),
)
