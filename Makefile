# Signpost: the two commands are `make run` and `make test` (see README).
.DEFAULT_GOAL := help
PY := .venv/bin/python
export PYTHONWARNINGS := ignore
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

help:
	@echo "make run    install what is missing, train if needed, start Signpost"
	@echo "make test   install what is missing, then run every check and test"

venv:
	@bash scripts/bootstrap.sh

setup: venv
	@$(PY) -m directory init
	@$(PY) -m scripts.retention
	@$(PY) -m scripts.train

train: venv
	@$(PY) -m scripts.train

run: setup
	@$(PY) -m honcho -f Procfile start

test: venv
	@bash scripts/test.sh

bench: setup
	@$(PY) scripts/bench_directory.py
	@$(PY) scripts/bench_chat.py

.PHONY: help venv setup train run test bench
