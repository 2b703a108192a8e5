"""Loading the YAML data files that ship inside the ``bot`` package.

Every data file (safety phrases, council profiles, triage questions, message
templates, content) is read through ``load_yaml`` so that it is parsed once
per process and a broken file fails loudly with its path in the message.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

BOT_DIR = Path(__file__).resolve().parent
DATA_DIR = BOT_DIR / "data"
CONTENT_DIR = BOT_DIR / "content"


class DataFileError(RuntimeError):
    """A shipped data file is missing or malformed (a packaging bug, not user input)."""


@cache
def load_yaml(path: str | Path) -> Any:
    """Parse the YAML file at ``path`` (absolute, or relative to ``bot/data``), cached per process.

    Raises ``DataFileError`` naming the file if it is missing or is not valid YAML.
    Callers must treat the returned object as read-only: it is shared.
    """
    full = Path(path)
    if not full.is_absolute():
        full = DATA_DIR / full
    try:
        with full.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise DataFileError(f"Data file not found: {full}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"Data file is not valid YAML: {full}: {exc}") from exc
