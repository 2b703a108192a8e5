"""Signpost's own Rasa NLU graph components (loaded by name from config.yml)."""
