"""Rasa's own end-to-end test stories (tests/stories/*.yml) against the trained model."""

from __future__ import annotations

import os
import subprocess

import pytest

from scripts.modelcache import ROOT, current_model

pytestmark = [pytest.mark.rasa, pytest.mark.slow]

STORIES = ROOT / "tests" / "stories"


def test_story_files_exist():
    assert sorted(STORIES.glob("test_*.yml")), "no Rasa test stories in tests/stories/"


def test_rasa_test_stories_pass(tmp_path):
    model = current_model()
    if not model.exists():
        if os.environ.get("CI"):
            pytest.fail(f"no trained model {model.name}")
        pytest.skip(f"no trained model {model.name}: run `make train`")
    out = tmp_path / "results"
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rasa"), "test", "core", "--stories", str(STORIES),
         "--model", str(model), "--out", str(out),
         "--fail-on-prediction-errors", "--no-plot"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"},
    )
    failed = out / "failed_test_stories.yml"
    detail = failed.read_text()[-6000:] if failed.exists() else proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.returncode == 0, f"rasa test failed:\n{detail}"
    if failed.exists():
        assert "None of the test stories failed" in failed.read_text(), detail
