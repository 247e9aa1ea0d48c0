"""Legacy profile readers, the migration plan and the 0.20 targets (issue 4)."""
