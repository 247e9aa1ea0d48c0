"""LibCST codemods behind the rules' fixes; the contract is in ``migrate/fix/codemod.py``."""
