"""Commands a container runs: ``docker|podman run [opts] IMAGE CMD`` (also ``docker container run``
and global options before the subcommand), ``--entrypoint zenml IMAGE ARGS`` (the image runs
``zenml ARGS``), ``docker compose [opts] run|exec [opts] SERVICE CMD`` and ``docker-compose``/
``podman-compose``, ``kubectl|oc run NAME ... -- CMD``. A run without a command (the image's own)
and other subcommands (``build``, ``pull``, ``compose up``) run nothing of ours."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SCRIPT = """#!/usr/bin/env bash
docker run -d --name api --network ml -p 8080:80 -v /data:/data trainer:1 zenml metadata-store describe
podman container run --rm -e A=1 --env-file .env localhost/ml zenml profile get
docker --context gpu run --rm --entrypoint=zenml ml:gpu profile delete gpu_profile
docker run --rm --entrypoint zenml ml:gpu stack copy a b --from x
docker run --rm --entrypoint /bin/bash ml:gpu -c true
docker compose -f ops/compose.yml --project-name ml run --rm -e X=1 worker zenml stack register w -m md -a a -o o
docker-compose exec -T --index 2 worker python -m zenml profile explain
podman-compose run worker sh -c "zenml metadata-store list"
kubectl -n ml run once --image=ml:1 --restart=Never --command -- zenml profile set k8s
oc run once --image=ml:1 -- zenml stack import s.yaml --decouple-stores
docker run --rm ml:1 zenml stack describe
docker run --rm -it ml:1
docker build -t zenml-profile-tools .
docker compose up -d zenml
kubectl run web --image=nginx
"""


def _found(text, filename="ops/containers.sh"):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_commands_run_in_containers():
    assert _found(SCRIPT) == [
        ("ZM951", 2), ("ZM950", 3), ("ZM950", 4), ("ZM950", 5), ("ZM952", 7), ("ZM950", 8), ("ZM951", 9), ("ZM950", 10),
        ("ZM954", 11), ("ZM952", 11),
    ]


def test_fix_in_a_container_command():
    out = fix_source(SCRIPT, "ops/containers.sh").text
    assert "docker compose -f ops/compose.yml --project-name ml run --rm -e X=1 worker zenml stack register w -a a -o o\n" in out
    assert "docker run --rm ml:1 zenml stack describe\n" in out
