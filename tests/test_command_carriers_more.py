"""zenml command lines in more carriers: the AWS CLI's shorthand container overrides
(``command=zenml,stack,list``), ``pty.spawn``/``os.posix_spawnp`` argv lists in Python, Elastic
Beanstalk's ``Dockerrun.aws.json`` (v2 container definitions, v1's ``Command`` line)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _lines(text, filename):
    return sorted({f.span.line for f in scan_source(text, filename) if f.code.startswith("ZM9")})


def test_aws_shorthand_container_overrides():
    script = ("aws batch submit-job --job-name j --job-queue q --job-definition d --container-overrides command=zenml,metadata-store,list\n"
              "aws batch submit-job --job-name j --job-queue q --job-definition d \\\n"
              "  --container-overrides 'command=zenml,stack,set,--global,s,vcpus=2'\n"
              "aws batch submit-job --job-name j --job-queue q --job-definition d --container-overrides command=zenml,stack,list,memory=2048\n"
              "aws batch submit-job --job-name j --job-queue q --job-definition d --container-overrides \"vcpus=4,command=[zenml,stack,register,s,-m,d,-a,a,-o,o]\"\n"
              "aws batch submit-job --job-name j --job-queue q --job-definition d --container-overrides command=zenml,pipeline,run,x.py,-c,c.yaml\n")
    assert _lines(script, "ops/submit.sh") == [1, 3, 5]
    fixed = fix_source(script, "ops/submit.sh").text
    assert "command=[zenml,stack,register,s,-a,a,-o,o]" in fixed  # the item dropped inside the list
    assert "command=zenml,stack,list,memory=2048" in fixed


def test_pty_spawn_and_posix_spawn_argv():
    code = ("import os\nimport pty\nfrom pty import spawn\n\n"
            'pty.spawn(["zenml", "stack", "register", "s", "-m", "d", "-a", "a", "-o", "o"])\n'
            'pty.spawn(["zenml", "stack", "list"])\n'
            'spawn(("zenml", "profile", "set", "x"))\n'
            'os.posix_spawnp("zenml", ["zenml", "metadata-store", "list"], os.environ)\n'
            'os.posix_spawnp("zenml", ["zenml", "stack", "list"], os.environ)\n')
    assert _lines(code, "tty.py") == [5, 7, 8]
    assert 'pty.spawn(["zenml", "stack", "register", "s", "-a", "a", "-o", "o"])' in fix_source(code, "tty.py").text


def test_elastic_beanstalk_dockerrun():
    v2 = ('{"AWSEBDockerrunVersion": 2, "containerDefinitions": [\n'
          ' {"name": "a", "image": "zenml:0.13.2", "command": ["zenml", "stack", "set", "--global", "s"]},\n'
          ' {"name": "b", "image": "zenml:0.13.2", "command": ["sh", "-c", "zenml metadata-store describe"]},\n'
          ' {"name": "c", "image": "zenml:0.20.5", "entryPoint": ["zenml"], "command": ["up", "--port", "8237"]},\n'
          ' {"name": "d", "image": "zenml:0.20.5", "command": ["zenml", "stack", "register", "s", "-m", "x", "-a", "a", "-o", "o"]}\n'
          "]}\n")
    assert _lines(v2, "Dockerrun.aws.json") == [2, 3, 5]
    assert '"command": ["zenml", "stack", "register", "s", "-a", "a", "-o", "o"]' in fix_source(v2, "Dockerrun.aws.json").text
    v1 = ('{"AWSEBDockerrunVersion": "1", "Image": {"Name": "zenml:0.13.2"},\n'
          ' "Command": "zenml server up --port 8080"}\n')
    assert _lines(v1, "deploy/Dockerrun.aws.json") == [2]
    assert _lines(v1.replace("server up --port 8080", "up --port 8080"), "Dockerrun.aws.json") == []
