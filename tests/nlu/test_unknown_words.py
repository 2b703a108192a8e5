"""Words the assistant has never seen go to the fallback, not to a confident wrong intent."""

import pytest

from nlu.unknown_words import looks_unknown, words

VOCABULARY = set(words("is there a day centre near preston i need help at home for my mum telecare"))


def test_gibberish_is_unknown():
    assert looks_unknown("asdfgh qwerty zxcv", VOCABULARY, 0.34)
    assert looks_unknown("jjjjjjjj", VOCABULARY, 0.34)


def test_everyday_messages_with_a_typo_are_known():
    assert not looks_unknown("is ther a dey centre near preston", VOCABULARY, 0.34)
    assert not looks_unknown("telecair for my mum", VOCABULARY, 0.34)


def test_payloads_short_words_and_numbers_are_left_alone():
    assert not looks_unknown("/find_service", VOCABULARY, 0.34)
    assert not looks_unknown("ok", VOCABULARY, 0.34)
    assert not looks_unknown("30000", VOCABULARY, 0.34)
    assert not looks_unknown("£20,000", VOCABULARY, 0.34)


@pytest.mark.parametrize("text", ["?", "???", "...", "\U0001F44D", "\U0001F622\U0001F622", " ! "])
def test_messages_with_no_letters_or_digits_are_unknown(text):
    assert looks_unknown(text, VOCABULARY, 0.34)


def test_component_sends_unknown_words_to_the_fallback_unless_an_entity_was_found():
    from rasa.shared.nlu.training_data.message import Message

    from nlu.unknown_words import UnknownWordsGuard

    guard = UnknownWordsGuard({"min_known": 0.34}, None, None, VOCABULARY)
    gibberish = Message(data={"text": "asdfgh qwerty", "intent": {"name": "find_service", "confidence": 1.0}})
    place = Message(data={"text": "Skegness", "intent": {"name": "find_service", "confidence": 0.9},
                          "entities": [{"entity": "place", "value": "Skegness", "start": 0, "end": 8}]})
    known = Message(data={"text": "day centre", "intent": {"name": "find_service", "confidence": 0.9}})
    guard.process([gibberish, place, known])
    assert gibberish.get("intent")["name"] == "nlu_fallback"
    assert place.get("intent")["name"] == "find_service"
    assert known.get("intent")["name"] == "find_service"


def test_an_entity_from_diet_alone_on_unknown_words_does_not_count():
    from rasa.shared.nlu.training_data.message import Message

    from nlu.unknown_words import UnknownWordsGuard

    guard = UnknownWordsGuard({"min_known": 0.34}, None, None, VOCABULARY | {"preston"})
    diet = {"entity": "place", "extractor": "DIETClassifier"}
    gibberish = Message(data={"text": "asdfgh qwerty zxcv", "intent": {"name": "find_service", "confidence": 0.7},
                              "entities": [{**diet, "value": "zxcv", "start": 14, "end": 18}]})
    known = Message(data={"text": "xqzt Preston", "intent": {"name": "find_service", "confidence": 0.7},
                          "entities": [{**diet, "value": "Preston", "start": 5, "end": 12}]})
    guard.process([gibberish, known])
    assert gibberish.get("intent")["name"] == "nlu_fallback"
    assert known.get("intent")["name"] == "find_service"
