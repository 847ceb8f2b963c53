"""The monitoring engine: explain every access, score what cannot be explained, raise alerts (no Django)."""
