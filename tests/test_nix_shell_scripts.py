"""Nix files: a ``mkShell``'s ``shellHook``, devenv's ``enterShell`` and ``scripts.NAME.exec``, a
derivation's phases, ``writeShellScriptBin``: their strings are shell scripts."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

FLAKE = """{
  outputs = { self, nixpkgs }: let pkgs = nixpkgs.legacyPackages.x86_64-linux; in {
    devShells.x86_64-linux.default = pkgs.mkShell {
      packages = [ pkgs.python39 ];
      shellHook = ''
        export ZENML_HOME=${toString ./.}/.zen
        zenml profile create flake
        zenml stack list
      '';
    };
    packages.x86_64-linux.zen = pkgs.writeShellScriptBin "zen-up" ''
      zenml stack set flake --global
    '';
    # shellHook = ''zenml profile list'';
  };
}
"""


def _lines(text, name):
    return [(f.code, f.span.line) for f in scan_source(text, name) if f.code.startswith("ZM9")]


def test_flake_shell_hook_and_shell_script():
    assert _lines(FLAKE, "flake.nix") == [("ZM950", 7), ("ZM950", 12)]


def test_devenv_scripts_and_the_fix():
    devenv = '{ pkgs, ... }: {\n  scripts.zen-reg.exec = "zenml stack register dev -m meta -a default -o default";\n  enterShell = \'\'\n    zenml stack update dev -m meta\n  \'\';\n}\n'
    assert _lines(devenv, "devenv.nix") == [("ZM952", 2), ("ZM952", 4)]
    fixed = fix_source(devenv, "devenv.nix").text
    assert fixed == devenv.replace(" -m meta", "")
