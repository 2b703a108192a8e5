"""The sentences in wording.yml, filled in with figures."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

WORDING_PATH = Path(__file__).with_name("wording.yml")


@lru_cache(maxsize=1)
def load_wording() -> dict[str, dict[str, str]]:
    with open(WORDING_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def phrase(section: str, key: str, **values: Any) -> str:
    """One sentence (or two) from wording.yml, with single spaces and its {placeholders} filled."""
    template = " ".join(load_wording()[section][key].split())
    return template.format(**values)
