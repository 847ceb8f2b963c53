"""The data contract in code: reading, validating and cleaning a force's exports (no Django)."""
