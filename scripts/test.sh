#!/usr/bin/env bash
# Every check and test; any failure makes this exit non-zero. Called by
# `make test` (and so by .ci/run). The last stage is one pytest run over every
# test (unit, Rasa test stories, end-to-end, browser), so the output ends with
# pytest's summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export RASA_TELEMETRY_ENABLED=false PYTHONWARNINGS=ignore TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
failed=()
stage() {  # stage NAME COMMAND...: run one stage, time it, remember a failure
  local name=$1; shift
  local start=$SECONDS
  echo "==> $name"
  if "$@"; then echo "==> $name: ok ($((SECONDS - start)) s)"
  else echo "==> $name: FAILED ($((SECONDS - start)) s)"; failed+=("$name"); fi
}
stage "lint (ruff)" .venv/bin/ruff check .
stage "rasa data validate" .venv/bin/rasa data validate --fail-on-warnings \
  --domain domain.yml --data data --config config.yml
stage "train if needed" $PY -m scripts.train
if [ ${#failed[@]} -gt 0 ]; then
  echo "==> FAILED before the tests: ${failed[*]} (the tests run anyway; the result is a failure)"
fi
echo "==> pytest: unit, Rasa test stories, end-to-end and browser tests"
$PY -m pytest -p no:cacheprovider --durations=10
code=$?
[ "$code" -ne 0 ] && exit "$code"
[ ${#failed[@]} -gt 0 ] && exit 1
exit 0
