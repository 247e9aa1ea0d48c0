"""zenml command lines in more carriers: the AWS CLI's shorthand container overrides
(``command=zenml,stack,list``), ``pty.spawn``/``os.posix_spawnp`` argv lists in Python, Elastic
Beanstalk's ``Dockerrun.aws.json``, WDL and Nextflow task scripts, TeamCity's Kotlin DSL,
cargo-make's ``Makefile.toml``, HTML ``<pre>`` blocks, Pants/Bazel BUILD commands, cmd.exe
``%VAR%`` and PowerShell ``$var`` programs, zsh arrays, ``actions/github-script`` exec calls."""

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


def test_wdl_task_command_sections():
    wdl = ("version 1.0\ntask t {\n  command <<<\n    zenml orchestrator register k -t kubeflow\n    zenml stack set ~{stack}\n  >>>\n}\n"
           "task u {\n  command {\n    zenml server up\n    echo ${x} { a; }\n  }\n  runtime { docker: \"zenml\" }\n}\n")
    assert _lines(wdl, "wf/train.wdl") == [4, 10]
    assert "zenml orchestrator register k --flavor kubeflow" in fix_source(wdl, "wf/train.wdl").text


def test_nextflow_process_scripts():
    nf = ('process A {\n  script:\n  """\n  zenml profile set prod\n  zenml stack list\n  """\n}\n'
          "process B {\n  shell:\n  '''\n  zenml stack register s -m m -a a -o o\n  '''\n}\n"
          'process C {\n  exec:\n  println "zenml profile set x"\n  script:\n  "zenml metadata-store list"\n}\n')
    assert _lines(nf, "main.nf") == [4, 11, 18]
    fixed = fix_source(nf, "main.nf").text
    assert "  zenml stack register s -a a -o o\n" in fixed
    # a note inside the shell script is a shell comment, one in the Groovy code a ``//`` line
    assert "\n  # TODO(zenml-migrate): ZM950" in fixed and "\n  // # TODO(zenml-migrate): ZM951" in fixed


def test_teamcity_kotlin_steps():
    kts = ('object B : BuildType({\n  steps {\n    script {\n      scriptContent = "zenml stack register s -m m -a a -o o"\n    }\n'
           '    script {\n      scriptContent = """\n        zenml profile set tc\n        zenml stack list\n      """.trimIndent()\n    }\n'
           '    exec {\n      path = "zenml"\n      arguments = "stack set --global s"\n    }\n'
           '    exec {\n      path = "zenml"\n      arguments = "version"\n    }\n  }\n})\n')
    assert _lines(kts, ".teamcity/settings.kts") == [4, 8, 14]
    assert 'scriptContent = "zenml stack register s -a a -o o"' in fix_source(kts, ".teamcity/settings.kts").text
    assert _lines(kts, "build.gradle.kts") == []  # (Kotlin outside .teamcity: not TeamCity's DSL)


def test_cargo_make_tasks():
    toml = ('[tasks.setup]\ncommand = "zenml"\nargs = ["stack", "register", "s", "-m", "m", "-a", "a", "-o", "o"]\n\n'
            '[tasks.list]\ncommand = "zenml"\nargs = ["stack", "list"]\n\n'
            '[tasks.profile]\nscript = ["zenml profile create dev", "zenml stack describe"]\n\n'
            '[tasks.serve]\nscript = """\nzenml server up\nzenml up\n"""\n')
    assert _lines(toml, "Makefile.toml") == [3, 10, 14]
    assert 'args = ["stack", "register", "s", "-a", "a", "-o", "o"]' in fix_source(toml, "Makefile.toml").text


def test_html_pre_blocks():
    page = ("<html><body>\n<pre><code>zenml metadata-store list\nzenml stack register s -m m -a a -o o\nzenml stack list</code></pre>\n"
            '<pre><code class="language-bash">$ zenml profile create staging</code></pre>\n'
            "<pre><code>zenml init &amp;&amp; zenml stack set --global s</code></pre>\n"
            '<pre><code class="language-python">os.system("zenml profile set x")</code></pre>\n'
            "<p>Run <code>zenml profile set x</code> once.</p>\n</body></html>\n")
    assert _lines(page, "docs/setup.html") == [2, 3, 5, 6]
    fixed = fix_source(page, "docs/setup.html").text
    assert "zenml stack register s -a a -o o\n" in fixed and "TODO" not in fixed


def test_pants_and_bazel_build_commands():
    build = ('run_shell_command(\n    name="setup",\n    command="zenml stack register s -m m -a a -o o",\n)\n'
             'shell_command(name="list", command="zenml stack list > out.txt", tools=["zenml"])\n'
             'genrule(name="g", outs=["x"], cmd="zenml profile set ci > $@")\n'
             'python_sources(name="lib", sources=["zenml profile set x"])\n')
    assert _lines(build, "src/BUILD") == [3, 6]
    assert 'command="zenml stack register s -a a -o o"' in fix_source(build, "src/BUILD").text


def test_batch_variables_run_as_the_program():
    cmd = ("@echo off\r\nset ZENML=zenml\r\nset \"ZENML_CLI=python -m zenml.cli.cli\"\r\n"
           "%ZENML% stack register s -m d -a a -o o\r\n%ZENML% stack list\r\ncall %ZENML% profile set w\r\n"
           "%ZENML_CLI% metadata-store list\r\n%OTHER% profile set w\r\n")
    assert _lines(cmd, "setup.cmd") == [4, 6, 7]
    assert "%ZENML% stack register s -a a -o o\r\n" in fix_source(cmd, "setup.cmd").text


def test_powershell_variable_program():
    ps1 = '$zenml = "zenml"\n$other = "python"\n& $zenml stack list\n& $zenml profile set ps\n& $other profile set ps\n'
    assert _lines(ps1, "Deploy.ps1") == [4]


def test_zsh_array_arguments():
    script = ("#!/usr/bin/env zsh\nreg=(stack register s -m d -a a -o o)\nzenml $reg\nok=(stack list)\nzenml $ok\n"
              "typeset -a prof=(profile set z)\nzenml ${prof}\nzenml \"$prof\"\n")
    assert _lines(script, "setup.zsh") == [3, 7]
    assert _lines(script.replace("#!/usr/bin/env zsh", "#!/bin/bash"), "setup.sh") == []  # (bash: $reg is its first item)


def test_github_script_exec_calls():
    wf = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/github-script@v7\n        with:\n"
          "          script: |\n"
          "            await exec.exec('zenml', ['stack', 'set', '--global', 's'])\n"
          "            await exec.exec('zenml', ['stack', 'list'])\n"
          "            await exec.exec('zenml profile create ci')\n"
          "            await exec.getExecOutput(\"zenml\", [\"metadata-store\", name])\n"
          "            await exec.exec('zenml', ['stack', 'register', 's', '-m', 'm', '-a', 'a', '-o', 'o'])\n")
    assert _lines(wf, ".github/workflows/z.yml") == [9, 11, 12, 13]
    fixed = fix_source(wf, ".github/workflows/z.yml").text
    assert "['stack', 'register', 's', '-a', 'a', '-o', 'o']" in fixed
    assert "            // # TODO(zenml-migrate): ZM950" in fixed  # (a JavaScript comment)


def test_gocd_exec_tasks_yaml_and_xml():
    yaml = ("pipelines:\n  p:\n    stages:\n      - s:\n          jobs:\n            j:\n              tasks:\n"
            "                - exec:\n                    command: zenml\n                    arguments:\n"
            "                      - stack\n                      - register\n                      - s\n                      - -m\n                      - d\n"
            "                      - -a\n                      - a\n                      - -o\n                      - o\n"
            "                - exec:\n                    command: zenml\n                    arguments: [stack, list]\n"
            "                - script: |\n                    zenml profile set gocd\n")
    assert _lines(yaml, "ci/train.gocd.yaml") == [14, 24]
    assert "- -m\n" not in fix_source(yaml, "ci/train.gocd.yaml").text
    xml = ('<cruise>\n<tasks>\n<exec command="zenml">\n  <arg>metadata-store</arg>\n  <arg>list</arg>\n</exec>\n'
           '<exec command="zenml" args="stack list" />\n<exec command="zenml" args="stack register s -m d -a a -o o" />\n'
           '<exec command="/bin/bash">\n  <arg>-c</arg>\n  <arg>zenml server up</arg>\n</exec>\n'
           '<exec command="echo"><arg>zenml profile set x</arg></exec>\n</tasks>\n</cruise>\n')
    assert _lines(xml, "cruise-config.xml") == [3, 8, 11]
    fixed = fix_source(xml, "cruise-config.xml").text
    assert 'args="stack register s -a a -o o"' in fixed and "TODO" not in fixed


def test_cwl_command_line_tools():
    tool = ("cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: [zenml, stack, register]\ninputs:\n  name:\n    type: string\n"
            "    inputBinding:\n      position: 1\narguments:\n  - prefix: -m\n    valueFrom: default\n    position: 2\n"
            "  - prefix: -a\n    valueFrom: a\n    position: 3\n  - prefix: -o\n    valueFrom: o\n    position: 4\noutputs: []\n")
    assert _lines(tool, "tools/register.cwl") == [10]
    fixed = fix_source(tool, "tools/register.cwl").text  # (a binding is no command line: a note above baseCommand)
    assert fixed.startswith("cwlVersion: v1.2\nclass: CommandLineTool\n# TODO(zenml-migrate): ZM952") and "prefix: -m" in fixed
    ok = "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: zenml\narguments: [stack, list]\ninputs: []\noutputs: []\n"
    assert _lines(ok, "list.cwl") == []
    shell = ('cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: [sh, -c]\narguments:\n'
             '  - valueFrom: "zenml profile create ci && zenml stack list"\n    shellQuote: false\ninputs: []\noutputs: []\n')
    assert _lines(shell, "step.cwl") == [5]


def test_powershell_splatted_arrays():
    ps1 = ('$zenArgs = @("stack", "register", $Name, "-m", "default",\n    "-a", "a", "-o", "o")\n$okArgs = @("stack", "list")\n'
           "& zenml @zenArgs\nzenml @okArgs\n& zenml @unknown\n")
    assert _lines(ps1, "Deploy.ps1") == [4]
    fixed = fix_source(ps1, "Deploy.ps1").text  # (-m is in the array: a note, no edit)
    assert "# TODO(zenml-migrate): ZM952" in fixed and '"-m", "default"' in fixed
