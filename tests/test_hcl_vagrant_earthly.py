"""Terraform/HCL (``.tf``, ``.hcl``): ``command`` of ``local-exec`` provisioners (a string or a
here-document), ``remote-exec`` ``inline`` lists, a Nomad task's ``command = "zenml"`` with its
``args``, a container's ``command = [...]`` list with its block's ``args`` (kubernetes, Cloud Run, ECS
``jsonencode``), and Databricks ``pypi { package = ... }`` pins; Vagrantfile shell provisioners (``inline:``
strings and here-documents); Earthfile ``RUN`` lines (read as a Dockerfile)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

TF = '''resource "null_resource" "bootstrap" {
  provisioner "local-exec" {
    command = "zenml profile describe && echo ok"
  }
  provisioner "local-exec" {
    command = <<EOF
zenml stack update ml -m ml_store
EOF
  }
  provisioner "remote-exec" {
    inline = ["sudo pip install zenml==0.12.0", "zenml profile get"]
  }
}

resource "databricks_cluster" "c" {
  library {
    pypi {
      package = "zenml[server]==0.13.1"
    }
  }
}
'''

NOMAD = '''job "nightly" {
  group "g" {
    task "t" {
      config {
        args    = ["metadata-store", "list"]
        command = "zenml"
      }
    }
  }
}
'''

VAGRANT = '''Vagrant.configure("2") do |config|
  config.vm.provision "shell", inline: "zenml profile create box"
  config.vm.provision "shell" do |s|
    s.inline = <<~SCRIPT
      zenml stack update box -m box_store
    SCRIPT
  end
end
'''


def _found(text, filename):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_kinds():
    assert kind_of("infra/main.tf") == kind_of("jobs/x.nomad.hcl") == "hcl"
    assert kind_of("Vagrantfile") == "vagrantfile"
    assert kind_of("build/Earthfile") == "dockerfile"


def test_terraform():
    assert _found(TF, "infra/main.tf") == [("ZM950", 3), ("ZM952", 7), ("ZM970", 11), ("ZM950", 11), ("ZM970", 18)]
    out = fix_source(TF, "infra/main.tf").text
    assert "zenml stack update ml\nEOF" in out and 'package = "zenml[server]==0.20.5"' in out
    assert '  provisioner "local-exec" {\n    # TODO(zenml-migrate): ZM950 ' in out


def test_nomad_args():
    assert _found(NOMAD, "jobs/nightly.nomad.hcl") == [("ZM951", 6)]  # at the zenml word


def test_vagrantfile():
    assert _found(VAGRANT, "Vagrantfile") == [("ZM950", 2), ("ZM952", 5)]
    assert "      zenml stack update box\n" in fix_source(VAGRANT, "Vagrantfile").text


def test_earthfile():
    text = "VERSION 0.8\nbuild:\n    FROM python:3.9\n    RUN pip install zenml==0.13.2 && zenml profile get\n"
    assert _found(text, "Earthfile") == [("ZM970", 4), ("ZM950", 4)]


CONTAINERS_TF = '''resource "kubernetes_job" "migrate" {
  spec {
    template {
      spec {
        container {
          name    = "m"
          args    = ["stack", "update", "k8s", "-m", "k8s_md"]
          command = ["zenml"]
        }
      }
    }
  }
}

resource "aws_ecs_task_definition" "t" {
  container_definitions = jsonencode([{ name = "t", image = "ml:1", command = ["zenml", "profile", "describe"] }])
}

resource "google_cloud_run_v2_job" "ok" {
  template {
    template {
      containers {
        command = ["zenml", "stack", "list"]
      }
    }
  }
}
'''


def test_container_command_lists_with_their_args():
    """A container's ``command = [...]`` list in Terraform (kubernetes, Cloud Run, ECS jsonencode) is
    one argv with the ``args`` list of its block (written before or after it)."""
    found = [(f.code, f.span.line) for f in scan_source(CONTAINERS_TF, "infra/jobs.tf") if f.code.startswith("ZM9")]
    assert found == [("ZM952", 7), ("ZM950", 16)]
    fixed = fix_source(CONTAINERS_TF, "infra/jobs.tf").text
    assert 'args    = ["stack", "update", "k8s"]' in fixed


ECHO_TF = '''resource "kubernetes_cron_job" "nightly" {
  spec {
    job_template {
      spec {
        template {
          spec {
            container {
              name    = "note"
              image   = "alpine:3"
              command = ["printf", "%s\\n", "zenml stack register k8s -m kubeflow_meta -a gcs -o kf"]
            }
            container {
              name    = "register"
              image   = "ml:1"
              command = ["/bin/sh", "-c", "zenml stack register k8s -m kubeflow_meta -a gcs"]
            }
          }
        }
      }
    }
  }
}
'''


def test_an_argv_item_is_a_command_line_only_when_a_shell_runs_it():
    """``command = ["printf", "%s\\n", "zenml ..."]`` prints text: no finding, nothing rewritten (review22
    G5: a ZM952 and a TODO on the echoed words); ``["/bin/sh", "-c", LINE]`` runs LINE."""
    assert sorted(_found(ECHO_TF, "infra/cron.tf")) == [("ZM952", 15), ("ZM961", 15)]  # (no -o: true)
    fixed = fix_source(ECHO_TF, "infra/cron.tf").text
    assert "\"zenml stack register k8s -m kubeflow_meta -a gcs -o kf\"]" in fixed


WRAPPED_SHELL_TF = '''resource "google_cloud_run_v2_job" "train" {
  template {
    template {
      containers {
        image   = "ml:2"
        command = ["/usr/bin/env", "bash", "-c", "zenml profile set gcp"]
      }
      containers {
        image   = "ml:2"
        command = ["dumb-init", "--", "/bin/sh", "-c", "zenml stack register gcp -m sql_meta -a gcs -o vertex"]
      }
      containers {
        image   = "ml:2"
        command = ["env", "PYTHONUNBUFFERED=1", "echo", "zenml profile set gcp"]
      }
    }
  }
}
'''


def test_a_shell_run_behind_env_or_an_init_process_runs_its_line():
    """``["/usr/bin/env", "bash", "-c", LINE]`` and ``["dumb-init", "--", "sh", "-c", LINE]`` hand LINE to a
    shell as ``["sh", "-c", LINE]`` does (review23 G1: 0925d2a asked only whether the first word was a
    shell); ``env VAR=1 echo ...`` still prints text."""
    assert sorted(_found(WRAPPED_SHELL_TF, "infra/jobs.tf")) == [("ZM950", 6), ("ZM952", 10)]
    fixed = fix_source(WRAPPED_SHELL_TF, "infra/jobs.tf").text
    assert '"zenml stack register gcp -a gcs -o vertex"]' in fixed
    assert 'command = ["env", "PYTHONUNBUFFERED=1", "echo", "zenml profile set gcp"]' in fixed
