"""Every write: one transaction each, rules checked, audited inside."""
