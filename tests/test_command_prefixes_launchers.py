"""zenml behind more programs that run a command: secret and environment runners (``doppler run
--``, ``op run --``, ``aws-vault exec P --``, ``direnv exec DIR``), cluster launchers (SLURM
``srun``/``sbatch --wrap``, ``ray job submit --``), remote and terminal programs (``gcloud compute
ssh --command``, ``tmux``, ``screen``), zsh's ``noglob``, here-strings fed to a shell (``bash <<<
"LINE"``) and ``python -m zenml.cli.cli``; HPC containers and schedulers (``singularity|apptainer
exec``, LSF ``bsub``, SGE ``qsub -b y``), dev shells (``vagrant ssh -c``, ``nix-shell --run``, ``nix
develop -c``), cloud CLIs given the command as options (``az``, ``gcloud run jobs``, AWS container
overrides); SLURM and PBS batch scripts (``.sbatch``/``.slurm``/``.pbs``) are shell scripts, and
PowerShell modules (``.psm1``) PowerShell."""

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
    # HPC containers and schedulers, dev shells, cloud CLIs given a command line or argv as options
    "singularity exec --bind /scratch:/scratch zen.sif zenml profile set shared",
    "apptainer exec --nv -B /data zen.sif zenml stack update shared -m md",
    'bsub -q long -W 1:00 "zenml metadata-store describe"',
    "bsub -n 2 -o out.%J zenml stack set shared --global",
    "qsub -cwd -b y -N once zenml profile describe",
    'vagrant ssh trainer -c "zenml profile create shared"',
    "vagrant ssh --command='zenml metadata-store up'",
    "nix-shell shell.nix --run 'zenml stack set shared -g'",
    "nix develop .#gpu --command zenml profile delete shared",
    "az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts 'zenml metadata-store list'",
    "az container create -g rg -n once --image acme/ml:1 --command-line 'zenml profile get'",
    "gcloud run jobs deploy once --image=acme/ml:1 --command=zenml --args=profile,delete,shared",
    'gcloud run jobs create once --image acme/ml:1 --command zenml --args "stack,set,shared,--global"',
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
    "singularity exec zen.sif zenml stack list",
    "singularity run zen.sif profile set shared",
    "qsub -cwd jobs/profile_set.sh",
    'bsub -q long "zenml stack describe"',
    "vagrant ssh -c 'zenml stack list'",
    "nix develop -c zenml stack set shared",
    "gcloud run jobs deploy once --image=acme/ml:1 --command=zenml --args=stack,list",
    "gcloud run jobs deploy once --image=acme/ml:1 --command=python --args=profile,set,shared",
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


def test_pbs_batch_scripts_and_powershell_modules_are_read():
    assert _lines("#!/bin/bash\n#PBS -l walltime=1:00:00\nzenml profile set shared\nzenml stack list\n", "hpc/job.pbs") == [3]
    module = "function Set-Zen {\n    zenml profile set shared\n}\nExport-ModuleMember -Function Set-Zen\n"
    assert _lines(module, "tools/Zen.psm1") == [2]


def test_aws_container_overrides_json():
    script = ("#!/bin/bash\n"
              "aws ecs run-task --cluster c --task-definition t \\\n"
              "  --overrides '{\"containerOverrides\": [{\"name\": \"app\", \"command\": [\"zenml\", \"stack\", \"update\", \"s\", \"-m\", \"md\"]}]}'\n"
              "aws batch submit-job --job-name j --job-queue q --job-definition d --container-overrides '{\"command\": [\"zenml\", \"profile\", \"describe\"]}'\n"
              "aws batch submit-job --job-name j --job-queue q --job-definition d --container-overrides '{\"command\": [\"zenml\", \"stack\", \"list\"]}'\n")
    assert _lines(script) == [3, 4]  # (at the words in the JSON)
    from zenml_migrate.fix.fixer import fix_source

    assert '"command": ["zenml", "stack", "update", "s"]}' in fix_source(script, "ops/run.sh").text
