"""The safety phrase screen: many phrasings that must trigger, and everyday ones that must not."""

from __future__ import annotations

import pytest

from bot import safety
from bot.councils import get_council
from tests.bot import safety_cases

EMERGENCY = [
    "my mum is not breathing",
    "He's not breathing!!",
    "she isnt breathing properly",
    "dad has stopped breathing",
    "I can't breathe",
    "she cant breath",
    "he is struggling to breathe",
    "gasping for air",
    "his lips have gone blue",
    "she's choking",
    "my husband has collapsed",
    "Mum collapsed in the kitchen",
    "dad keeled over",
    "she has fallen and can't get up",
    "I've fallen and I can't get up",
    "mum fell and cant get up off the floor",
    "he's been on the floor for hours",
    "I cant get her up off the floor",
    "she is lying on the floor",
    "my dad has chest pain",
    "chest pains",
    "he has a crushing pain in his chest",
    "I think he's having a heart attack",
    "pain in my chest and my arm",
    "I think she's having a stroke",
    "her face is drooping",
    "his speech is slurred",
    "she's slurring her words and can't lift her arm",
    "he is unconscious",
    "mum is unresponsive",
    "I can't wake him up",
    "she won't wake up",
    "she passed out",
    "he fainted and hit the floor",
    "there's a fire in the kitchen",
    "the house is on fire",
    "I can smell gas",
    "the room is full of smoke",
    "he's bleeding heavily",
    "she is bleeding a lot from her head",
    "it won't stop bleeding",
    "there is blood everywhere",
    "he is having a seizure",
    "she's having a fit",
    "severe allergic reaction, her throat is swelling",
    "someone is breaking in",
    "it's an emergency",
    "please call an ambulance",
    "I need an ambulance",
    "I think my dad is dead",
    "found her on the floor",
    "he is bleeeeding heavily",
    "she collapsd",
    "mum has COLLAPSED",
    "he is unconcious",
    "\u200bmy wife is not breathing",
    "my dad is turning blue",
    "granddad fell over and we cant lift him",
    "dad is very confused and slurring",
    "there's smoke coming from the kitchen",
    "the chip pan is on fire",
    "he has hit his head and is unconscious",
]

SUICIDE = [
    "I want to kill myself",
    "i wanna kill myself",
    "I'm going to kill myself",
    "kil myself",
    "I want to kiiiiill myself",
    "thinking of killing myself",
    "I feel suicidal",
    "I'm having suicidal thoughts",
    "sucide",
    "I've been feeling sucidal",
    "thoughts of suicide",
    "I want to die",
    "I just want to die",
    "i wanna die",
    "I wish I was dead",
    "I wish I wasn't here",
    "I don't want to live",
    "I don't want to live anymore",
    "I do not want to be here any more",
    "I don't want to wake up",
    "I want to end my life",
    "I'm going to end it all",
    "I want to end it",
    "thinking about ending it all",
    "I'm going to take my own life",
    "there's no point living",
    "no point in going on",
    "no reason to live",
    "what's the point of living",
    "life isn't worth living",
    "nothing to live for",
    "I can't go on",
    "I can't go on like this",
    "I cant take it anymore",
    "everyone would be better off without me",
    "they'd be better off without me",
    "my family would be better off if I was dead",
    "no one would miss me",
    "I self harm",
    "I've been self-harming",
    "I keep cutting myself",
    "I want to hurt myself",
    "I've been harming myself",
    "I took an overdose",
    "she's taken an overdose",
    "I've taken all my tablets",
    "he swallowed a whole packet of paracetamol",
    "I've been stockpiling my pills",
    "my dad says he wants to die",
    "mum keeps saying she wants to end it",
    "he's threatening to kill himself",
    "she talks about killing herself",
    "I'm going to jump off a bridge",
    "I've written a suicide note",
    "I want to go to sleep and never wake up",
    "kms",
    "I want to unalive myself",
    "I am tired of living",
    "I'm suicidal",
    "Feeling SUICIDAL tonight",
    "i dont see the point in living",
    "Honestly I just don't want to be here anymore",
    "i took 30 paracetamol",
    "I feel like ending it",
    "I wish I could just disappear",
    "I might as well be dead",
    "I want to die in my sleep",
    "I can't do this anymore",
    "I can't go on living like this",
    "suiside",
    "having siucide thoughts",
    "I took an overdoze",
]

ABUSE = [
    "my carer hits me",
    "her carer hits her",
    "my son hits me",
    "he hits her when he's drunk",
    "my husband beats me",
    "I'm being hit",
    "she's been slapped by a carer",
    "the carers are rough with her",
    "he pushed me over",
    "my daughter shouts at me all the time and hits me",
    "I'm scared of my carer",
    "mum is frightened of her son",
    "I'm afraid of my husband",
    "she is terrified of the carers",
    "I don't feel safe at home",
    "my son is stealing my money",
    "her grandson stole her pension",
    "someone has been taking her money without asking",
    "my nephew has emptied my bank account",
    "I think dad is being financially abused",
    "mum's been scammed",
    "they made her sign over the house",
    "she is locked in her room",
    "he locks me in",
    "they won't let me out",
    "she's not being fed",
    "nobody is feeding her",
    "he's been left in dirty pads all day",
    "she was left without food",
    "my mum is being neglected",
    "I think this is neglect",
    "elder abuse",
    "my dad is being abused in his care home",
    "abusive partner",
    "she has unexplained bruises",
    "he has bruises all over his arms",
    "I'm being bullied by my neighbour",
    "my son threatens me",
    "domestic violence",
    "sexual abuse",
    "the carer touched her inappropriately",
    "modern slavery",
    "he's being exploited",
    "she is being mistreated",
    "my brother is controlling my money and won't let me have any",
    "I am being abused",
    "abused",
    "negelct",
    "they keep taking her pension and she has no food",
    "my daughter takes all my money",
    "mum is left on her own in soiled sheets",
    "they don't feed her",
    "he threatened to hurt me",
    "someone is taking advantage of my dad",
    "my carer steals from me",
    "money keeps going missing from her purse",
]

NEGATIVE = [
    "killing time while I wait",
    "I'm dying to know what a day centre costs",
    "my phone died",
    "the battery is dead",
    "my mum died last year and now dad is on his own",
    "she had a stroke two years ago and needs help washing",
    "he had a heart attack in 2019",
    "mum fell last week",
    "she fell in the bathroom",
    "she can't get up the stairs",
    "I cant get up early",
    "she fell and hit her head last month",
    "help with cooking and cleaning",
    "what is a needs assessment",
    "my mum is getting forgetful and lonely",
    "I'm not suicidal, just lonely",
    "I don't want to die alone",
    "he is not abusive",
    "there is no chest pain",
    "alcohol abuse services",
    "drug abuse support",
    "fire safety check",
    "can the fire service fit a smoke alarm",
    "I'd kill for a cup of tea",
    "bored to death",
    "end of life care",
    "she pushes her walker",
    "he pushes himself too hard",
    "how do I cut my nails",
    "I cut myself a slice of cake",
    "emergency respite",
    "what happens in an emergency",
    "the lunch club is killing it",
    "the garden is neglected",
    "can she get help with washing and dressing",
    "my dad wants to stay at home",
    "is there a day centre in Preston",
    "my back is killing me",
    "I'm worried about paying for care",
    "she's dead tired after the hospital",
    "she gets short of breath on the stairs",
    "looking for a carer who can take her shopping",
    "my son takes my pension out for me",
    "the heating doesn't work",
    "she's scared of falling",
    "my dad's afraid of going into a care home",
    "I hit the wrong button",
    "she hits the buzzer when she needs help",
    "he beats me at chess",
    "I want to dye my hair",
    "can I get help with the bins",
    "the council will oversee the provider",
    "I can't carry on caring for mum on my own without help",
    "she can't keep going to the shops",
    "she wants to die at home when the time comes",
    "she got hit by the cost of living",
    "I take 2 tablets a day",
    "she took 2 paracetamol for her headache",
    "my daughter uses my bank card to do my shopping",
    "I don't feel safe driving any more",
    "my mum passed away last year",
    "he fell asleep in the chair",
    "my dad had a stroke last year",
    "I cannot cope with the paperwork",
    "",
    "   ",
]


@pytest.mark.parametrize("text", EMERGENCY + safety_cases.EMERGENCY)
def test_emergency_phrases_trigger(text):
    match = safety.screen(text)
    assert match is not None, text
    assert match.kind == "emergency", (text, match)


@pytest.mark.parametrize("text", SUICIDE + safety_cases.SUICIDE)
def test_suicide_phrases_trigger(text):
    match = safety.screen(text)
    assert match is not None, text
    assert match.kind == "suicide", (text, match)


@pytest.mark.parametrize("text", ABUSE + safety_cases.ABUSE)
def test_abuse_phrases_trigger(text):
    match = safety.screen(text)
    assert match is not None, text
    assert match.kind == "abuse", (text, match)


@pytest.mark.parametrize("text", NEGATIVE + safety_cases.NEGATIVE)
def test_everyday_phrases_do_not_trigger(text):
    assert safety.screen(text) is None, (text, safety.screen(text))


def test_case_counts_meet_the_brief():
    assert len(EMERGENCY) + len(SUICIDE) + len(ABUSE) >= 100
    assert len(NEGATIVE) >= 40


@pytest.mark.parametrize("text", [
    "I don't want to live",
    "I do not want to live any more",
    "I'm not sure I want to live",
    "I'm not ok, I want to die",
    "no, I'm suicidal",
])
def test_negation_never_hides_a_wish_to_die(text):
    match = safety.screen(text)
    assert match is not None and match.kind == "suicide", text


def test_negation_only_suppresses_the_negated_phrase():
    match = safety.screen("I'm not suicidal but I keep cutting myself")
    assert match is not None and match.kind == "suicide"


def test_priority_and_also():
    match = safety.screen("my carer hit me and now I can't breathe")
    assert match.kind == "emergency"
    assert "abuse" in match.also
    every = safety.screen_all("my carer hit me and now I can't breathe")
    assert [m.kind for m in every] == ["emergency", "abuse"]


@pytest.mark.parametrize("value", [None, 123, "x" * 50_000, "💥" * 100, "\x00\x01", "<script>alert(1)</script>",
                                   "'; DROP TABLE services; --"])
def test_odd_input_never_raises(value):
    assert safety.screen(value) is None or safety.screen(value).kind in safety.KINDS


def test_huge_message_with_danger_at_the_end_still_triggers():
    text = "hello " * 3000 + "I want to kill myself"
    assert safety.screen(text[:20_000]).kind == "suicide"


def test_normalise_unifies_spelling_and_punctuation():
    assert safety.normalise("I CAN'T   breathe!!!") == "i cant breathe"
    assert safety.normalise("Ｉ ｗａｎｔ ｔｏ ｄｉｅ") == "i want to die"  # full-width (NFKC)
    assert "suicide" in safety.normalise("thoughts of sucide")
    assert safety.normalise("sooooo lonely") == "soo lonely"


def test_match_to_dict_is_a_safety_payload():
    payload = safety.screen("I want to die").to_dict()
    assert payload["type"] == "safety" and payload["kind"] == "suicide"


class TestResponse:
    def test_emergency_says_call_999_first(self):
        lines = safety.response(safety.screen("he's not breathing"), "lancashire")
        assert "999" in lines[0]

    def test_suicide_gives_999_samaritans_and_111(self):
        text = " ".join(safety.response(safety.screen("I want to die"), "lancashire"))
        assert "999" in text
        assert "116 123" in text and "Samaritans" in text
        assert "111" in text and "option 2" in text
        assert "85258" not in text  # not in our checked sources

    def test_abuse_gives_999_and_the_councils_safeguarding_page(self):
        lines = safety.response(safety.screen("my carer hits me"), "lancashire")
        assert "999" in lines[0]
        assert any("safeguarding-adults" in line for line in lines)

    @pytest.mark.parametrize("slug", ["leicestershire", "north-east-lincolnshire", "bath-and-north-east-somerset"])
    def test_abuse_without_a_sourced_route_points_to_the_council_website(self, slug):
        council = get_council(slug)
        text = " ".join(safety.response("abuse", council))
        assert council.website.value in text
        assert "safeguarding" in text
        assert "01472 325500" not in text  # NEL's drugs and alcohol line is not a safeguarding route

    def test_abuse_uses_default_council_when_none_given(self, default_council_env):
        default_council_env("bath-and-north-east-somerset")
        text = " ".join(safety.response("abuse", None))
        assert "bathnes.gov.uk" in text

    def test_abuse_with_unknown_council_uses_national_route(self):
        text = " ".join(safety.response("abuse", "atlantis"))
        assert "council where the person lives" in text

    def test_staff_mode_is_a_guided_script(self):
        lines = safety.response(safety.screen("I want to die"), "lancashire", mode="staff")
        assert any("procedure" in line for line in lines)
        assert any("116 123" in line for line in lines)

    def test_also_kinds_are_covered_without_repeating_999(self):
        match = safety.screen("my carer hit me and now I can't breathe")
        lines = safety.response(match, "lancashire")
        assert sum("999" in line for line in lines) == 1
        assert any("safeguarding" in line for line in lines)

    def test_unknown_kind_is_rejected(self):
        with pytest.raises(ValueError):
            safety.response("bored", "lancashire")

    @pytest.mark.parametrize("kind", safety.KINDS)
    def test_messages_are_short(self, kind):
        for line in safety.response(kind, "lancashire"):
            assert len(line.split()) <= 30, line


def test_fuzzy_spelling_fixes_leave_real_words_alone():
    """Near-miss correction must not turn ordinary words into danger words ("oversee" -> "overdose")."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = [*root.glob("bot/content/*.yml"), *root.glob("bot/data/*.yml"), *root.glob("directory/data/*.yml")]
    files = [path for path in files if path.name != "safety.yml"]  # its regexes hold word stems
    words = set()
    for path in files:
        words |= set(re.findall(r"[a-z]{6,}", path.read_text(encoding="utf-8").lower()))
    screen = safety._screen()
    changed = {w: safety._fix_word(w, screen) for w in words if safety._fix_word(w, screen) != w}
    assert set(changed) <= set(screen.misspellings), changed


def test_staff_abuse_response_uses_the_staff_safeguarding_script():
    lines = safety.response(safety.screen("my carer hits me"), "leicestershire", mode="staff")
    text = " ".join(lines)
    assert "raise a safeguarding concern" in text and "The caller does not need proof" in text
    assert "You do not need proof" not in text
