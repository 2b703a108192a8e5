"""The cross-validation report splits held-out examples into hand-written and generated."""

import json

from scripts import cross_validate


def test_sources_and_split_figures(tmp_path):
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    (nlu / "chat.yml").write_text('nlu:\n  - intent: greet\n    examples: |\n      - hello\n      - hiya\n')
    (nlu / "generated_variants.yml").write_text(
        'nlu:\n  - intent: find_service\n    examples: |\n      - [day centre](category) in [Bath](place)\n')
    sources = cross_validate.example_sources(nlu)
    assert sources == {"hello": "hand-written", "hiya": "hand-written", "day centre in bath": "generated"}

    def row(text, intent, predicted):
        return {"text": text, "intent": intent, "intent_prediction": {"name": predicted, "confidence": 0.9}}

    (tmp_path / "intent_successes.json").write_text(json.dumps(
        [row("hello", "greet", "greet"), row("day centre in Bath", "find_service", "find_service")]))
    (tmp_path / "intent_errors.json").write_text(json.dumps([row("hiya", "greet", "find_service")]))
    split = cross_validate.by_source(tmp_path, sources)
    assert split["generated"][:2] == (1, 1.0)
    assert split["hand-written"][0] == 2 and split["hand-written"][1] == 0.5
    text = cross_validate.render({"weighted avg": {"f1-score": 0.9}, "macro avg": {"f1-score": 0.9},
                                  "greet": {"precision": 1, "recall": 0.5, "f1-score": 0.67, "support": 2}},
                                 5, 60.0, split)
    assert "| hand-written | 2 | 0.500 |" in text
