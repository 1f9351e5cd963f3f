"""Herramientas del portal para el equipo editorial y el equipo técnico (python -m scripts)."""
