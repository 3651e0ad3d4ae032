"""Shipped configuration: default policy, recognizer registry, lexicons, NLP settings."""

from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent
