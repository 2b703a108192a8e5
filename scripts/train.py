"""Train the Rasa model only when its inputs changed (see scripts/modelcache.py).

Usage: python -m scripts.train [--force]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from scripts.modelcache import MODELS_DIR, ROOT, current_model, model_name, stale_models


def build_spacy_pipeline() -> None:
    builder = ROOT / "scripts" / "build_spacy_model.py"
    if builder.exists():
        subprocess.run([sys.executable, str(builder)], cwd=ROOT, check=True)


def train(force: bool = False) -> int:
    target = current_model()
    build_spacy_pipeline()  # quick; the runtime model needs it even when training is skipped
    if target.exists() and not force:
        print(f"==> Rasa model is up to date ({target.name})")
        return 0
    print(f"==> Training the Rasa model ({target.name}); this takes a few minutes")
    started = time.monotonic()
    cmd = [
        str(ROOT / ".venv" / "bin" / "rasa"), "train",
        "--fixed-model-name", model_name(),
        "--out", str(MODELS_DIR),
        "--domain", "domain.yml",
        "--config", "config.yml",
        "--data", "data",
    ]
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}  # nothing leaves the machine
    result = subprocess.run(cmd, cwd=ROOT, env=env)
    if result.returncode != 0 or not target.exists():
        print("==> Rasa training failed: see the messages above", file=sys.stderr)
        return result.returncode or 1
    for old in stale_models(keep=target):
        old.unlink(missing_ok=True)
    print(f"==> Trained in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(train(force="--force" in sys.argv[1:]))
