"""F7: the Wales single-limit note states the figure, its year and its source, as English figures are."""

from bot.funding.estimator import estimate
from bot.funding.thresholds import describe_nation


def test_wales_summary_gives_the_single_limit_with_year_and_source():
    sentence = describe_nation("wales", "2025/26")["sentence"]
    assert "Wales has one savings limit for care homes: £50,000 (2025/26, GOV.WALES)." in sentence


def test_wales_estimate_note_gives_the_single_limit():
    data = {"nation": "wales", "care_setting": "care_home", "savings": 10000, "year": "2025/26"}
    notes = {note["topic"]: note["text"] for note in estimate(data)["notes"]}
    assert "£50,000 (2025/26, GOV.WALES)" in notes["single_limit"]
