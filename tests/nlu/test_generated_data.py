"""The generated NLU lookups and synonyms and the spaCy pipeline come from the directory data."""

import spacy

from scripts import build_spacy_model, gen_nlu_lookups


def test_generated_nlu_files_are_up_to_date():
    for path, text in gen_nlu_lookups.outputs().items():
        assert path.read_text(encoding="utf-8") == text, f"run python scripts/gen_nlu_lookups.py ({path.name})"


def test_synonyms_map_everyday_words_to_slugs():
    text = gen_nlu_lookups.render_synonyms()
    telecare = text.split("- synonym: telecare\n", 1)[1].split("- synonym:", 1)[0]
    for word in ("pendant alarm", "lifeline"):
        assert f"- {word}\n" in telecare.lower()


def test_spacy_pipeline_finds_places_categories_and_postcodes(tmp_path):
    nlp = spacy.load(build_spacy_model.build(tmp_path / "signpost_en"))

    def ents(text):
        return [(e.label_, e.text, e.ent_id_) for e in nlp(text).ents]

    assert ents("I want a pendant alarm in Chorley") == [
        ("CATEGORY", "pendant alarm", "telecare"), ("PLACE", "Chorley", "Chorley")]
    assert ("POSTCODE", "pr1 2he", "") in ents("day centres near pr1 2he")
    assert ents("I can't get in the bath") == []  # everyday words count only when capitalised
    assert ("PLACE", "Bath", "Bath") in ents("lunch clubs in Bath")


def test_generated_variants_are_up_to_date():
    from scripts import gen_nlu_variants

    assert gen_nlu_variants.OUT.read_text(encoding="utf-8") == gen_nlu_variants.render(), (
        "run python scripts/gen_nlu_variants.py")


def test_variants_never_repeat_an_example_or_carry_a_danger_phrase():
    from bot import safety
    from scripts import gen_nlu_variants

    texts = [gen_nlu_variants.plain(line.strip()[2:]).lower()
             for line in gen_nlu_variants.render().splitlines() if line.startswith("      - ")]
    assert len(texts) == len(set(texts))
    assert not [text for text in texts if safety.screen(text) is not None]


def test_variants_spread_over_every_opener_and_ending():
    from scripts import gen_nlu_variants

    chosen = gen_nlu_variants.variants(["a", "b", "c"], [" x", " y", " z", " w"], taken=set(), count=4)
    assert {text[0] for text in chosen} == {"a", "b", "c"}
    assert len({text[2:] for text in chosen}) >= 3
