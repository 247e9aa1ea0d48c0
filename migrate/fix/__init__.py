"""The fixer: findings of the scan in, rewritten files out (one LibCST parse, one combined transform)."""
