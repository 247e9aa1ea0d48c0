"""LibCST codemods behind the rules' fixes (see ``base.py`` for the contract)."""
