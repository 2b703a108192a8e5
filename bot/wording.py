"""Resident and staff wording: one place for the assistant's message templates.

Templates live in ``bot/data/wording.yml``. Each key has a ``resident`` wording (plain
English for the public) and a ``staff`` wording, a guided script for contact-centre
advisers ("Ask the caller: ..."). Triage questions have their own wording in
``bot/data/triage.yml``; ``bot.triage.question`` uses the same ``mode`` values.

Public API::

    say(key, mode="resident", **values) -> str
    normalise_mode(mode) -> "resident" | "staff"
    keys() -> list[str]
"""

from __future__ import annotations

import logging
import string
from typing import Any

from bot.datafiles import load_yaml

WORDING_FILE = "wording.yml"
MODES = ("resident", "staff")

logger = logging.getLogger(__name__)


class UnknownMessage(KeyError):
    """There is no message template with this key (a programming error, caught by the tests)."""


class _Blank(dict):
    """Fills a missing placeholder with "" (and logs it) rather than crashing a reply."""

    def __init__(self, values: dict[str, Any], key: str):
        super().__init__(values)
        self.key = key

    def __missing__(self, name: str) -> str:
        logger.warning("wording %s: no value for {%s}", self.key, name)
        return ""


def normalise_mode(mode: object) -> str:
    """ "staff" when ``mode`` says staff (any case), otherwise "resident"."""
    return "staff" if str(mode or "").strip().lower() == "staff" else "resident"


def _messages() -> dict[str, dict[str, str]]:
    return load_yaml(WORDING_FILE)["messages"]


def keys() -> list[str]:
    """Every message key, in file order."""
    return list(_messages())


def template(key: str, mode: str = "resident") -> str:
    """The raw template for ``key`` in ``mode`` (resident wording if there is no staff one)."""
    try:
        entry = _messages()[key]
    except KeyError as exc:
        raise UnknownMessage(key) from exc
    return entry.get(normalise_mode(mode)) or entry["resident"]


def placeholders(key: str, mode: str = "resident") -> set[str]:
    """The {names} the template for ``key`` in ``mode`` expects."""
    return {name for _, name, _, _ in string.Formatter().parse(template(key, mode)) if name}


def say(key: str, mode: str = "resident", **values: Any) -> str:
    """The message ``key`` in resident or staff wording, with ``values`` filled in.

    Raises ``UnknownMessage`` for an unknown key. A missing value becomes "" (and is logged),
    so a reply is never lost. Extra spaces left by empty values are tidied.
    """
    text = template(key, mode).format_map(_Blank(values, key))
    return " ".join(text.split())
