"""The synthetic police force generator and the evaluation harness (no Django)."""
