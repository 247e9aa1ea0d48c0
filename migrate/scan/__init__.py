"""The scan: discovery -> read once -> detect (stdlib ast, all rules, one walk) -> findings."""
