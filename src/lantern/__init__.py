"""Lantern: proactive counter-corruption monitoring for police forces."""

__version__ = "0.1.0"
