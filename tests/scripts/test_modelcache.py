"""The model cache key changes exactly when training inputs change."""

from __future__ import annotations

import scripts.modelcache as mc


def test_hash_changes_with_training_data(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "config.yml").write_text("language: en\n")
    (tmp_path / "data" / "nlu.yml").write_text("version: '3.1'\n")
    monkeypatch.setattr(mc, "ROOT", tmp_path)
    first = mc.training_hash()
    assert mc.training_hash() == first
    (tmp_path / "data" / "nlu.yml").write_text("version: '3.1'\nnlu: []\n")
    assert mc.training_hash() != first


def test_unrelated_files_do_not_change_the_hash(tmp_path, monkeypatch):
    (tmp_path / "config.yml").write_text("language: en\n")
    monkeypatch.setattr(mc, "ROOT", tmp_path)
    first = mc.training_hash()
    (tmp_path / "README.md").write_text("hello")
    assert mc.training_hash() == first


def test_stale_models_keep_the_current_one(tmp_path, monkeypatch):
    monkeypatch.setattr(mc, "MODELS_DIR", tmp_path)
    keep = tmp_path / "signpost-aaaa.tar.gz"
    old = tmp_path / "signpost-bbbb.tar.gz"
    keep.write_text("x")
    old.write_text("x")
    assert mc.stale_models(keep) == [old]
