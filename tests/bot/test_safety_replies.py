"""The safety screen's own replies (QA S1 to S6): someone not seen for days, medicine taken by
mistake, a carer at breaking point, self-neglect, and money taken by someone's carer. Each rule has
phrasings that must fire and near misses that must not; each reply uses only numbers already in
our sources (999, NHS 111, Samaritans 116 123), never 101."""

from __future__ import annotations

import re

import pytest

from bot import safety
from bot.councils import get_council

# -- S1: someone not seen for days: call 999 (the police) ---------------------------------------------
WELFARE = [
    "my neighbour hasnt been seen for 4 days, her curtains are shut and theres milk on the step, shes 90",
    "not seen my neighbour for days and her curtains are still shut, shes elderly and lives alone",
    "my neighbour hasn't been seen for 4 days",
    "nobody has seen mrs jones since monday",
    "I haven't heard from my dad since Friday and he's not answering his phone",
    "her curtains have been closed for three days",
    "the curtains havent been opened all week",
    "theres milk on the doorstep and post piling up behind the door",
    "his milk hasn't been taken in",
    "there are three bottles of milk on the step",
    "I've knocked on her door and there's no answer",
    "no answer at the door and her lights have been on all night",
    "she's not answering the door",
    "my neighbour isnt answering her phone or the door",
    "I'm worried she might have fallen inside",
    "the old man next door hasn't been seen in a week",
    "havent heard from me nan for 3 days",
    # QA round 3: a sign that the person has not been seen or is not answering, for a time
    "I haven't heard from my dad since Tuesday and he's not answering his phone, he lives on his own in Grimsby",
    "mums not answering her phone since yesterday",
    "her curtains are shut and the milk is piling up, nobody has seen her for days",
    "her curtains have been closed for three days and she isnt answering the door",
    "no answer at the door and the milk is still on the step",
    "her curtains have been closed for three days and im worried because shes 90",
]
NOT_WELFARE = [
    "my mum hasn't been out for days",
    "I haven't seen my mum for a week because I've been ill",
    "I haven't seen dad since he went into hospital",
    "she keeps her curtains closed because of the light",
    "I close the curtains at night for mum",
    "the milkman leaves milk on the step every morning",
    "we leave her shopping on the doorstep",
    "her post is piling up because she can't read it",
    "she doesn't answer the door to strangers",
    "mum is not answering the phone properly anymore",
    "dad is not answering the door to the carers",
    "I haven't seen my grandson for weeks",
    "she's not been seen by a doctor for months",
    "he hasnt been seen by the GP",
    # QA round 3 (N2): curtains or milk alone, with a reason, or with the person described as there
    "mum keeps her curtains shut all day since dad died, she's very low and won't go out",
    "mum has her curtains shut all day because the sun hurts her eyes, what can help with light sensitivity",
    "she can't get to the door so the milk gets left on the step, can someone help",
    "dad keeps the curtains closed all day, he says the light gives him headaches",
    "her curtains have been shut for days because she's depressed, she won't go out",
    "since mum died dad keeps the blinds shut all day",
    "the milk gets left on the doorstep and she can't reach it",
    "her post piles up on the mat because she can't bend down to pick it up",
    "theres milk on the doorstep",
    "she likes the curtains closed all week when it's hot",
    "my nan is very low, her curtains are shut all day and she won't go out",
]

# -- S4: medicine taken twice or by mistake: NHS 111, or 999 if they are unwell ----------------------
ACCIDENTAL_OVERDOSE = [
    "mum has taken too many of her tablets by mistake i think she took the whole days dose twice",
    "dad accidentally took his tablets twice this morning what do i do",
    "he's taken too many tablets by accident",
    "she took her morning tablets twice",
    "I think nan took a double dose of her pills",
    "my husband doubled up on his blood pressure tablets",
    "she forgot she had taken her tablets and took them again",
    "dad took mums tablets by mistake",
    "he took someone elses medication",
    "the carer gave her the wrong tablets",
    "she has accidentally overdosed on paracetamol",
    "he took an overdose by accident",
    "I gave dad his insulin twice by mistake",
]
#: medicines taken as usual: no safety reply at all
NOT_OVERDOSE = [
    "she takes too many tablets a day for her heart",
    "she's taking too many tablets a day for her heart",
    "he takes his tablets twice a day",
    "she has her tablets twice daily",
    "dad took mums tablets to the chemist",
    "she took 2 paracetamol for her headache",
    "she needs help to remember her tablets",
]
#: an overdose on purpose stays the suicide reply
DELIBERATE_OVERDOSE = [
    "I took an overdose",
    "I've taken all my tablets",
    "I took all my tablets and it wasnt by mistake",
    "she's taken an overdose",
    "been saving up my tablets. dont see the point anymore",
]

# -- S5: a carer at breaking point, or afraid of hurting the person ----------------------------------
CARER = [
    "I'm scared I'm going to snap and hurt my mum, I'm so tired",
    "im scared i'll hurt her",
    "I'm worried I might lash out at my husband",
    "I'm afraid I could hit him",
    "I feel like I'm going to snap",
    "I'm so tired I could snap",
    "I nearly hit mum today",
    "I came close to shaking him last night",
    "I feel like hitting him sometimes",
    "im scared im going to hit my mum",
]
CARER_BREAKING_POINT = [
    "I'm at breaking point",
    "im at breaking point with mum",
    "I've reached breaking point looking after dad",
    "I'm at breaking point caring for my husband",
    "i'm at breaking point with him",
    "im at breaking point with caring and the council wont help",
]
NOT_CARER = [
    "I'm tired of the paperwork",
    "I'm scared I'll hurt her when I lift her",
    "I'm worried I'll hurt her feelings",
    "I'm afraid I might hurt my back lifting him",
    "I'm going to snap a picture of the form",
    "the care system is at breaking point",
    "I'm at the end of my tether with it all",
    "I snap at mum sometimes and feel guilty",
    "my dad is going to snap if the carers are late again",
    "I'm scared of falling",
    "I'm so tired",
    "I am exhausted looking after my husband",
    # QA round 3 (N6): frustration with an organisation, not with caring
    "I'm at breaking point with the council, they keep losing our forms",
    "I'm at breaking point with the hospital",
    "im at breaking point with the paperwork",
    "I am at breaking point with the phone queue",
    "I've reached breaking point with social services, nobody rings back",
]

# -- S6: self-neglect and hoarding: the safeguarding route, gently ------------------------------------
SELF_NEGLECT = [
    "my brother is 60 and lives in lancaster, his house is full of rubbish floor to ceiling, hes stopped "
    "washing and wont let anyone in",
    "my mum has stopped eating and washing and won't let anyone help, the house is filthy",
    "his house is full of rubbish floor to ceiling",
    "he's stopped washing and won't let anyone in",
    "the house is filthy and she refuses help",
    "she hasnt washed in weeks and wont let the carers in",
    "he's a hoarder and the house is a health hazard",
    "my uncle is living in squalor",
    "I think my dad is self neglecting",
    "this is self-neglect",
    "the flat is infested with rats",
    "he won't let anyone in and the house stinks of urine",
]
NOT_SELF_NEGLECT = [
    "the house is a bit of a mess",
    "mum has stopped eating",
    "dad won't accept help from carers",
    "she refuses help with washing",
    "the loft is full of junk",
    "she needs help keeping the house clean",
    "he doesnt want help with washing",
    "she hoards carrier bags",
    "mums house is cluttered",
]

# -- S2: money taken by someone's carer: the abuse route ----------------------------------------------
MONEY = [
    "my friends carer has been using her bank card, she told me but made me promise not to tell anyone",
    "my friend's carer has been using her bank card without asking",
    "my friends carer has been using her bank card",
    "mums carer keeps taking her pension",
    "the carer is using her card without asking",
    "her carer has been taking money from her purse",
    "the carer has been taking money from my mums purse, she lives in loughborough",
    "I think the carer is taking her money",
    "my nans carer has been spending her money",
    "the cleaner has been taking cash from his wallet",
    "dads carer took his bank card",
    "her son has been using her bank card for himself",
    "the carer took £50 from her purse",
    "carer has been using her bank card",
]
NOT_MONEY = [
    "my carer helps with my bank",
    "my carer is using my card to do my shopping",
    "the carer takes her pension to the post office for her",
    "my daughter uses my bank card to do my shopping",
    "the carer takes mum to the bank",
    "her carer is using her walking frame",
    "my son takes my pension out for me",
    "the carer is taking her pension out for her",
    "my carer is using my bank card with my permission",
]


def _reply(text: str) -> tuple[str, str] | None:
    match = safety.screen(text)
    return (match.kind, match.reply) if match else None


#: each case and the (kind, reply) it must get
CASES = [
    *[(text, ("emergency", "welfare_check")) for text in WELFARE],
    *[(text, ("emergency", "accidental_overdose")) for text in ACCIDENTAL_OVERDOSE],
    *[(text, ("suicide", "suicide")) for text in DELIBERATE_OVERDOSE],
    *[(text, ("carer", "carer")) for text in CARER],
    *[(text, ("carer", "carer_breaking_point")) for text in CARER_BREAKING_POINT],
    *[(text, ("abuse", "self_neglect")) for text in SELF_NEGLECT],
    *[(text, ("abuse", "abuse")) for text in MONEY],
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_case_gets_its_own_reply(text, expected):
    assert _reply(text) == expected, text


@pytest.mark.parametrize("text", NOT_WELFARE + NOT_OVERDOSE + NOT_CARER + NOT_SELF_NEGLECT + NOT_MONEY)
def test_near_misses_get_no_safety_reply(text):
    assert safety.screen(text) is None, (text, safety.screen(text))


def test_the_carer_rule_covers_the_abuse_words_inside_it():
    """"scared I'm going to hit my mum" is a carer at breaking point, not a report of abuse; abuse
    named elsewhere in the message still counts."""
    assert [m.kind for m in safety.screen_all("im scared im going to hit my mum")] == ["carer"]
    both = safety.screen("my husband hits me and im scared ill hit him one day")
    assert both.kind == "carer" and both.also == ("abuse",) and both.also_replies == ("abuse",)


def test_an_accidental_overdose_covers_the_overdose_words_inside_it():
    assert [m.kind for m in safety.screen_all("mum has taken too many of her tablets by mistake")] == ["emergency"]
    # "I want to die" in the same message is still a suicide reply
    both = safety.screen("I took too many tablets by mistake and honestly I want to die")
    assert both.kind == "emergency" and "suicide" in both.also


def test_a_carer_at_the_end_of_their_rope_and_suicidal_gets_both():
    """QA a09: the suicide reply first, then the carer's help, without repeating 999 or Samaritans."""
    match = safety.screen("i cant do this anymore. looking after mum 24/7 with her dementia, i havent slept "
                          "properly in weeks and i feel like im going to snap. nobody helps")
    assert (match.kind, match.also, match.also_replies) == ("suicide", ("carer",), ("carer",))
    lines = safety.response(match, "lancashire")
    assert sum("999" in line for line in lines) == 1 and sum("116 123" in line for line in lines) == 1
    assert any("carer's assessment" in line for line in lines)


def test_the_payload_names_the_reply():
    payload = safety.screen("dad accidentally took his tablets twice").to_dict()
    assert payload == {"type": "safety", "kind": "emergency", "rule": "accidental-overdose", "also": [],
                       "reply": "accidental_overdose"}
    assert safety.screen("I want to die").to_dict()["reply"] == "suicide"


def test_every_rule_reply_belongs_to_a_kind():
    assert safety.reply_kind("welfare_check") == "emergency"
    assert safety.reply_kind("accidental_overdose") == "emergency"
    assert safety.reply_kind("carer_breaking_point") == "carer"
    assert safety.reply_kind("self_neglect") == "abuse"
    assert safety.reply_kind("carer") == "carer"
    with pytest.raises(ValueError):
        safety.reply_kind("bored")


# -- the words ---------------------------------------------------------------------------------------

def _said(text: str, council: str = "lancashire", mode: str = "resident") -> str:
    return "\n".join(safety.response(safety.screen(text), council, mode=mode))


def test_welfare_check_says_999_and_the_police_first_and_no_101():
    lines = safety.response(safety.screen(WELFARE[0]), "lancashire")
    assert "999" in lines[0] and "police" in lines[0] and "Do not wait" in lines[0]
    said = "\n".join(lines)
    assert not re.search(r"\b101\b", said)  # not in our checked sources
    assert "Lancashire County Council's adult social care team" in said
    assert "Samaritans" not in said and "talk it through" not in said.lower()


def test_accidental_overdose_says_111_or_999_not_the_suicide_words():
    lines = safety.response(safety.screen("dad accidentally took his tablets twice this morning"), "lancashire")
    said = "\n".join(lines)
    assert "999" in lines[0] and "drowsy" in lines[0] and "breathe" in lines[0]
    assert "NHS 111" in said and "packets" in said
    assert "option 2" not in said and "Samaritans" not in said and "feeling like this" not in said


def test_carer_reply_gives_999_samaritans_and_the_councils_urgent_route():
    said = _said("I'm scared I'm going to snap and hurt my mum, I'm so tired")
    assert "999" in said and "116 123" in said and "do not have to be suicidal" in said
    assert "urgent help with care" in said and "Lancashire County Council's adult social care team" in said
    assert "step away" in said and "carer's assessment" in said
    assert "safeguarding concern" not in said  # a carer asking for help is not reported by the bot


def test_carer_at_breaking_point_is_not_told_about_hurting_anyone():
    said = _said("I'm at breaking point caring for my husband", "north-east-lincolnshire")
    assert "hurt" not in said and "116 123" in said and "North East Lincolnshire Council" in said


def test_carer_reply_uses_the_councils_out_of_hours_route_when_it_has_one():
    import dataclasses

    from bot.councils import Route, Sourced

    council = dataclasses.replace(get_council("lancashire"), out_of_hours=Route(
        phone=Sourced(value="0000 000 0000", source="", year=None, note="", is_sample=True)))
    said = "\n".join(safety.response(safety.screen("I'm at breaking point"), council))
    assert "0000 000 0000" in said and said.count("999") == 1


def test_self_neglect_is_worded_gently_with_the_safeguarding_route():
    said = _said("his house is full of rubbish floor to ceiling", "leicestershire")
    assert "self-neglect" in said and "even if the person does not want help" in said
    assert "safeguarding" in said and "leics.gov.uk" in said and "999" in said


def test_asked_not_to_tell_adds_a_line_to_the_abuse_reply():
    match = safety.screen(MONEY[0])
    assert match.notes == ("asked_not_to_tell",)
    lines = safety.response(match, "bath-and-north-east-somerset")
    assert lines[-1].startswith("If you were asked not to tell")
    assert any("bathnes.gov.uk" in line for line in lines)
    assert safety.screen("my carer hits me").notes == ()
    # only with a concern of that kind: a secret on its own is not a safety message
    assert safety.screen("she made me promise not to tell anyone about her birthday") is None


@pytest.mark.parametrize("reply", ["welfare_check", "accidental_overdose", "carer", "carer_breaking_point",
                                   "self_neglect"])
@pytest.mark.parametrize("mode", ["resident", "staff"])
def test_replies_are_short_and_use_only_sourced_numbers(reply, mode):
    for line in safety.response(reply, "lancashire", mode=mode):
        assert len(line.split()) <= 30, line
        for number in re.findall(r"\b\d[\d ]{1,}\d\b", line):
            assert number.strip() in ("999", "111", "116 123"), line


def test_staff_replies_speak_to_the_adviser():
    said = _said("I'm scared I'm going to snap and hurt my mum", mode="staff")
    assert "caller" in said and "safeguarding procedure" in said and "You do not" not in said
    assert "tell the caller to call 999" in _said("dad accidentally took his tablets twice", mode="staff")
