"""A conda match spec that names its channel (``conda-forge::zenml=0.13.2``, in an
environment.yml or a ``conda install`` line) was not judged at all (held-out 11 drift_detection
environment.yml): it is a ZM970 pin now, without a fix (a TODO): which ZenML builds the channel
has is not known here, so writing 0.20.5 there could promise a package that does not exist."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

ENV = "name: ml\nchannels: [conda-forge]\ndependencies:\n  - python=3.9\n  - conda-forge::zenml=0.12.0\n  - 'conda-forge::zenml 0.13.1'\n  - conda-forge::zenml>=0.13\n  - conda-forge::pandas=1.4\n"


def test_a_channel_spec_is_judged_without_a_fix():
    found = [(f.code, f.span.line, f.fix) for f in scan_source(ENV, "environment.yml")]
    assert found == [("ZM970", 5, None), ("ZM970", 6, None)]
    assert all("conda channel `conda-forge`" in f.message for f in scan_source(ENV, "environment.yml"))
    fixed = fix_source(ENV, "environment.yml").text
    assert fixed.count("# TODO(zenml-migrate): ZM970") == 2
    assert "  - conda-forge::zenml=0.12.0\n" in fixed and "  - 'conda-forge::zenml 0.13.1'\n" in fixed


def test_a_channel_spec_in_an_install_command():
    text = "conda install -y 'conda-forge::zenml=0.11.0' numpy\n"
    assert [(f.code, f.fix) for f in scan_source(text, "setup.sh")] == [("ZM970", None)]
