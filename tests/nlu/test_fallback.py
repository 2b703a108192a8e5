"""nlu_fallback from Signpost's components has the FallbackClassifier's shape."""

from rasa.nlu.classifiers.fallback_classifier import undo_fallback_prediction
from rasa.shared.nlu.training_data.message import Message

from nlu.fallback import set_fallback


def test_fallback_goes_on_top_of_the_ranking_and_keeps_the_classifier_ranking():
    ranking = [{"name": "greet", "confidence": 0.7}, {"name": "thanks", "confidence": 0.3}]
    message = Message(data={"text": "hii", "intent": ranking[0], "intent_ranking": ranking})
    set_fallback(message)
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 0.7}
    assert [item["name"] for item in message.get("intent_ranking")] == ["nlu_fallback", "greet", "thanks"]
    set_fallback(message)  # twice (guard, then safety screen) still leaves one fallback entry
    assert [item["name"] for item in message.get("intent_ranking")] == ["nlu_fallback", "greet", "thanks"]


def test_rasa_evaluation_recovers_the_classifier_prediction():
    ranking = [{"name": "greet", "confidence": 0.7}, {"name": "thanks", "confidence": 0.3}]
    message = Message(data={"text": "hii", "intent": ranking[0], "intent_ranking": ranking})
    set_fallback(message)
    undone = undo_fallback_prediction({"intent": message.get("intent"),
                                       "intent_ranking": message.get("intent_ranking")})
    assert undone["intent"]["name"] == "greet"


def test_no_ranking_still_gives_a_fallback():
    message = Message(data={"text": "?"})
    set_fallback(message)
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("intent_ranking") == [{"name": "nlu_fallback", "confidence": 0.0}]
