"""Commands and pins in Ansible playbooks/tasks files (``shell``/``command``/``raw`` modules: a line,
a block, ``cmd:`` or ``argv:``; the ``pip`` module's ``name``/``version``) and in cloud-init user data
(``#cloud-config`` ``runcmd``/``bootcmd`` items: a line or a list of words). Reported with TODO
notes; the YAML fix does not rewrite them (each finding says so)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

PLAY = """---
- name: Provision the trainer
  hosts: gpu
  vars:
    zenml_home: /opt/zenml
  tasks:
    - name: Python deps
      ansible.builtin.pip:
        name: ["scikit-learn", "zenml[server]==0.12.1"]
        virtualenv: /opt/venv
    - name: Pinned zenml
      ansible.builtin.pip:
        name: zenml
        version: "0.13.0"
    - name: The stack
      ansible.legacy.shell: >
        zenml stack update gpu_stack
        -m gpu_store
    - name: Profile
      command:
        cmd: zenml profile set gpu
        chdir: "{{ zenml_home }}"
    - name: Store
      ansible.builtin.command:
        argv:
          - zenml
          - metadata-store
          - delete
          - old_store
    - name: Fine on 0.20
      raw: zenml stack list
"""

TASKS = """- name: From a role
  shell: |
    set -e
    zenml profile describe
"""

USER_DATA = """#cloud-config
bootcmd:
  - [ sh, -c, "zenml profile get || true" ]
runcmd:
  - python3 -m pip install 'zenml==0.11.0'
  - |
    cd /srv
    zenml metadata-store list
write_files:
  - path: /etc/motd
    content: run zenml profile set box
"""


def _found(text, filename):
    return [(f.code, f.span.line, f.fix) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_playbook():
    assert _found(PLAY, "site.yml") == [
        ("ZM970", 9, None), ("ZM970", 14, None), ("ZM952", 18, None), ("ZM950", 21, None), ("ZM951", 26, None),
    ]
    findings = [f for f in scan_source(PLAY, "site.yml") if f.code == "ZM952"]
    assert "the commands of an Ansible playbook are not rewritten: edit it by hand" in findings[0].message


def test_tasks_file_and_fix_notes():
    assert _found(TASKS, "roles/trainer/tasks/main.yml") == [("ZM950", 4, None)]
    out = fix_source(TASKS, "roles/trainer/tasks/main.yml").text
    assert "# TODO(zenml-migrate): ZM950" in out and "    zenml profile describe\n" in out


def test_cloud_init():
    assert kind_of("vm/user-data") == "yaml"
    assert _found(USER_DATA, "vm/user-data") == [("ZM950", 3, None), ("ZM970", 5, None), ("ZM951", 8, None)]
    assert _found(USER_DATA.replace("#cloud-config\n", "# notes\n"), "vm/config.yaml") == []


# a playbook whose ``docker_container`` task has ``image`` and ``command`` (a container spec): still a
# playbook, its ``shell``/``command`` tasks and the container's word list are read
PLAY_WITH_CONTAINER = """- name: Serve
  hosts: all
  become: true
  tasks:
    - name: Old stack
      ansible.builtin.shell: zenml stack set serving --global
    - name: Fine
      ansible.builtin.command:
        cmd: zenml stack describe
    - name: Runner
      community.docker.docker_container:
        name: runner
        image: "registry.local/ml:latest"
        command:
          - zenml
          - profile
          - create
          - serving
    - name: Runner 2
      docker_container:
        name: runner2
        image: ml
        command: ['zenml', 'metadata-store', 'describe']
"""


def test_playbook_with_a_docker_container_task():
    assert _found(PLAY_WITH_CONTAINER, "deploy/serve.yml") == [
        ("ZM950", 6, None), ("ZM950", 15, None), ("ZM951", 23, None),
    ]
