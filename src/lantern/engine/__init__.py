"""The monitoring engine (no Django).

Explains every access, scores what cannot be explained and raises alerts.
"""
