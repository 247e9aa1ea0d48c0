"""zenml behind more programs that run a command: secret and environment runners (``doppler run
--``, ``op run --``, ``aws-vault exec P --``, ``direnv exec DIR``), cluster launchers (SLURM
``srun``/``sbatch --wrap``, ``ray job submit --``), remote and terminal programs (``gcloud compute
ssh --command``, ``tmux``, ``screen``), zsh's ``noglob``, here-strings fed to a shell (``bash <<<
"LINE"``) and ``python -m zenml.cli.cli``; SLURM batch scripts (``.sbatch``/``.slurm``) are shell
scripts."""

import pytest

from zenml_migrate.api import scan_source


def _lines(text, filename="ops/run.sh"):
    return sorted({f.span.line for f in scan_source(text, filename) if f.code.startswith("ZM9")})


@pytest.mark.parametrize("line", [
    "doppler run -- zenml stack set shared --global",
    "doppler run --project ml --config prd -- zenml profile set shared",
    'doppler run --command "zenml profile create shared"',
    "op run --env-file=./prod.env -- zenml metadata-store list",
    "aws-vault exec research -- zenml stack set shared -g",
    "aws-vault exec --duration 1h research zenml profile delete shared",
    "direnv exec /srv/app zenml metadata-store describe",
    "srun -N 1 --gres=gpu:1 zenml stack set shared --global",
    'sbatch --partition=gpu --wrap="zenml profile set shared"',
    "sbatch --wrap 'zenml metadata-store up'",
    "ray job submit --address http://head:8265 --working-dir . -- zenml profile describe",
    'gcloud compute ssh trainer --zone=europe-west4-a --command="zenml stack set shared --global"',
    "tmux new-session -d -s train 'zenml metadata-store up'",
    'tmux send-keys -t train "zenml profile set shared" Enter',
    'screen -dmS train bash -c "zenml profile create shared"',
    "noglob zenml profile create shared",
    'bash <<< "zenml stack set shared --global"',
    "python -m zenml.cli.cli profile set shared",
])
def test_failing_commands_behind_programs_are_found(line):
    assert _lines("#!/bin/bash\n" + line + "\n") == [2]


@pytest.mark.parametrize("line", [
    "doppler run -- zenml stack set shared",
    "aws-vault exec research -- zenml stack list",
    "srun --ntasks=1 zenml stack describe",
    'sbatch --wrap="zenml pipeline runs list"',
    "ray job submit -- zenml stack list",
    "tmux new-session -d -s train 'zenml up --blocking'",
    'tmux send-keys -t train "zenml stack list" C-m',
    'cat <<< "zenml profile create shared"',
    'echo "zenml stack set shared --global" | tee notes.txt',
    "python -m zenml.cli.cli stack list",
    "python -m zenml_tools.cli profile create shared",
])
def test_commands_0_20_accepts_or_that_do_not_run_zenml_are_not(line):
    assert _lines("#!/bin/bash\n" + line + "\n") == []


def test_slurm_batch_scripts_are_shell_scripts():
    script = "#!/bin/bash\n#SBATCH --time=00:30:00\nsrun zenml profile set shared\nzenml stack list\n"
    assert _lines(script, "hpc/train.sbatch") == [3]
    assert _lines(script, "hpc/train.slurm") == [3]


@pytest.mark.parametrize("line", [
    "tini -s -- zenml profile set shared",
    "/sbin/tini -p SIGTERM -- zenml metadata-store list",
    "dumb-init --rewrite 15:2 -- zenml stack set shared --global",
    "catatonit -- zenml profile get",
    "gosu ml zenml profile delete shared",
    "su-exec ml:ml zenml stack update shared -m md",
    "kubectl create job once --image=acme/ml:1 -- zenml profile describe",
    "kubectl -n ml create cronjob nightly --image=acme/ml:1 --schedule='0 1 * * *' -- zenml metadata-store get",
])
def test_init_processes_user_switchers_and_kubectl_create(line):
    """A container's init process (tini, dumb-init, catatonit) and ``gosu``/``su-exec USER`` run the
    command after them; ``kubectl create job|cronjob|deployment ... -- CMD`` gives the pods CMD."""
    assert _lines(line + "\n") == [1]


def test_compose_entrypoint_behind_an_init_process():
    compose = 'services:\n  app:\n    image: acme/ml:1\n    entrypoint: ["dumb-init", "--", "zenml"]\n    command: ["profile", "get"]\n'
    assert _lines(compose, "docker-compose.yml") == [5]
    assert _lines("kubectl create secret generic s --from-literal=a=b\nkubectl get pods -- zenml profile get\n") == []
