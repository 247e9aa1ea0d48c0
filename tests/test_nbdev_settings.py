"""nbdev projects keep their requirements in ``settings.ini`` (``[DEFAULT]``: ``requirements``,
``pip_requirements``, ``dev_requirements``, blank-separated; nbdev's ``setup.py`` installs them):
a zenml pin there that allows no 0.20 release is reported and fixed like one in ``setup.cfg``."""

from tests.scan_helpers import migrate, write_tree

SETTINGS = (
    "[DEFAULT]\nlib_name = zen_lab\nnbs_path = nbs\n"
    "requirements = fastcore>=1.5 zenml==0.12.0 pandas  # pinned for the demo\n"
    "pip_requirements = zenml[server]~=0.13.0\n"
    "dev_requirements = nbdev zenml>=0.20\n"
    "[other]\nrequirements = zenml==0.11.0\n"
)


def test_zenml_pins_in_an_nbdev_settings_file_are_found_and_fixed(tmp_path):
    write_tree(tmp_path, {"settings.ini": SETTINGS})
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], tmp_path)
    lines = sorted(line.split(": ZM")[0] for line in run.out.splitlines() if ": ZM" in line)
    assert lines == ["settings.ini:4:30", "settings.ini:5:20"], run.out
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    text = (tmp_path / "settings.ini").read_text()
    assert "requirements = fastcore>=1.5 zenml==0.20.5 pandas  # pinned for the demo\n" in text, text
    assert "dev_requirements = nbdev zenml>=0.20\n" in text and "[other]\nrequirements = zenml==0.11.0\n" in text, text
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], tmp_path)
    assert again.code == 0, again.out
