#!/usr/bin/env bash
# Create or refresh .venv when it is missing or when the pins changed.
# Idempotent and quick when nothing changed (a stamp keyed on the pin files' hash).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${SIGNPOST_PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)'; then
  echo "Signpost needs Python 3.11 (found: $("$PY" --version 2>&1)). Set SIGNPOST_PYTHON to its path." >&2
  exit 1
fi
want=$(cat requirements/*.txt | sha256sum | cut -c1-16)
stamp=.venv/.signpost-pins
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "==> Installing Signpost's Python packages into .venv (first run takes a few minutes)"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade "pip<25" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/pip install -q -r requirements/rasa-deps.txt -r requirements/project.txt \
  -r requirements/dev.txt -c requirements/rasa-constraints.txt 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/pip install -q --no-deps --ignore-requires-python rasa==3.6.21 rasa-sdk==3.6.2 \
  2>&1 | grep -v "^WARNING: Location" || true
# Fail loudly if anything but rasa's known matplotlib pin is broken.
if .venv/bin/pip check 2>&1 | grep -v "matplotlib" | grep -q .; then
  .venv/bin/pip check || true
  echo "pip check found a problem beyond rasa's known matplotlib pin" >&2
  exit 1
fi
.venv/bin/python -c 'import rasa, rasa_sdk, flask, sqlalchemy, spacy' || { echo "install incomplete" >&2; exit 1; }
echo "$want" > "$stamp"
