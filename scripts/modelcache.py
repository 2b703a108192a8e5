"""Which trained Rasa model matches the current training inputs.

A model is named ``signpost-<hash>.tar.gz`` under ``models/``, where the hash
covers everything that changes what training produces: config.yml, domain.yml,
data/, and the inputs of the generated spaCy pipeline. Training runs only when
no model with the current hash exists.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "models"
PREFIX = "signpost-"

# Files and folders whose content decides the trained model.
INPUTS = [
    "config.yml",
    "domain.yml",
    "domain",
    "data",
    "nlu",
    "scripts/build_spacy_model.py",
    "directory/data/places.csv",
    "directory/data/categories.yml",
]


def _files() -> list[Path]:
    found: list[Path] = []
    for name in INPUTS:
        path = ROOT / name
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and "__pycache__" not in p.parts)
    return found


def training_hash() -> str:
    digest = hashlib.sha256()
    for path in _files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_name(hash_: str | None = None) -> str:
    return f"{PREFIX}{hash_ or training_hash()}"


def current_model() -> Path:
    return MODELS_DIR / f"{model_name()}.tar.gz"


def stale_models(keep: Path) -> list[Path]:
    return [p for p in MODELS_DIR.glob(f"{PREFIX}*.tar.gz") if p != keep]
