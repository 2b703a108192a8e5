"""Paying for care: a short form that gathers what bot.funding.estimate needs (every
question allows "Not sure" and "I'd rather not say"), then the estimate explained.

What people say in passing is used, not asked again (bot.funding.understand): savings, owning the
home or someone still living there, in the first message or in any answer; a country or a place
that corrects the country ("sorry no England, he lives in Bath"); signs of State Pension age
("she gets her state pension", "mum is 84") for the estimate. A "yes" straight after the offer of
an estimate ("Would you like a rough idea of what you might pay?") starts the questions
(``ActionAffirm``)."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    SAFETY_INTENTS,
    LeavesFormOnNewRequest,
    SignpostAction,
    SlotQuestion,
    bot_turn_before,
    button,
    entity_values,
    guide,
    intent_payload,
    keep_none,
    latest_intent,
    latest_text,
    menu_buttons,
)
from actions.routes import (
    QUESTION_START,
    answer_between_questions,
    answer_in_passing,
    explain_the_assessment,
    not_understood,
    what_next,
)
from actions.triage import CARRY_ON
from actions.understand import named_place
from bot import amounts, funding
from bot.funding import understand
from bot.funding.rules import rules_for
from bot.text import fold
from directory import places

FORM_SLOTS = (
    "funding_nation",
    "funding_setting",
    "funding_savings",
    "funding_joint_savings",
    "funding_owns_home",
    "funding_home_value",
    "funding_partner_in_home",
    "funding_income",
)
HOME_SLOTS = ("funding_home_value", "funding_partner_in_home")
NOT_SURE, DECLINE = "not_sure", "decline"
UNSURE_BUTTONS = (("Not sure", "/not_sure"), ("I'd rather not say", "/decline"))

NATIONS = {"england": "england", "english": "england", "wales": "wales", "welsh": "wales",
           "scotland": "scotland", "scottish": "scotland", "northern ireland": "northern_ireland",
           "ni": "northern_ireland", "n ireland": "northern_ireland"}
CARE_HOME_WORDS = ("care home", "nursing", "residential", "carehome", "home for", "move into a home")
HOME_WORDS = ("at home", "own home", "in my home", "in her home", "in his home", "home care", "stay home",
              "staying at home", "in the home", "carers coming", "at their home")
YES_WORDS = {"yes", "y", "yeah", "yep", "yup", "i do", "we do", "she does", "he does", "they do", "correct"}
NO_WORDS = {"no", "n", "nope", "nah", "i don't", "she doesn't", "he doesn't", "they don't", "rent", "renting",
            "we rent", "council house", "no one", "nobody"}
#: "no" on its own is not an amount ("what is the home worth?" "no"): the question is asked again
JUST_NO = {"no", "n", "nope", "nah", "no thanks", "no thank you", "/deny"}
#: an answer to "what is the home worth?" that says there is no home to count
NO_HOME = re.compile(
    r"\b(?:no (?:home|house|property|flat)|(?:don'?t|doesn'?t|do not|does not) own|not (?:own|theirs|ours|mine|hers|his)"
    r"|rent(?:s|ing|ed)?|tenants?|council (?:house|flat)|housing association|sold (?:it|the (?:house|home|flat)))\b",
    re.IGNORECASE,
)
NO_HOME_BUTTON = ("They don't own a home", "they don't own a home")
YES_NO_SLOTS = ("funding_owns_home", "funding_partner_in_home")
#: an amount per week, month or year is not savings or a home's value: (resident, staff) wording
NOT_PER_PERIOD = {
    "funding_home_value": (
        "{amount} a {period} sounds like income or rent, not what the home is worth. Roughly what would the "
        "home sell for? A guess is fine, like 200k. I'll ask about income later.",
        "{amount} a {period} sounds like income or rent. Ask the caller roughly what the home would sell for.",
    ),
    "funding_savings": (
        "{amount} a {period} sounds like income. For savings, give the total in the bank and investments "
        "now, like 12000. I'll ask about income later.",
        "{amount} a {period} sounds like income. Ask the caller for the total savings now; income comes later.",
    ),
    "funding_joint_savings": (
        "{amount} a {period} sounds like income. For shared savings, give the total in joint accounts now, "
        "like 5000, or choose \"None\".",
        "{amount} a {period} sounds like income. Ask the caller for the total in joint accounts now.",
    ),
}
#: how the check of a very large weekly income starts (found again to read a "yes")
INCOME_CHECK = "Just to check:"
INCOME_CHECK_STAFF = "Staff guide. Check the income:"
#: what to say when a bare "no" answers an amount question (joint savings: "no" means none)
JUST_NO_AGAIN = {
    "funding_savings": "If there are no savings, choose \"None\". Otherwise type a rough figure like 12000, "
                       "or choose \"Not sure\".",
    "funding_home_value": f"If they don't own a home, choose \"{NO_HOME_BUTTON[0]}\". Otherwise a rough guess is "
                          "fine, like 200k, or choose \"Not sure\".",
    "funding_income": "Type a rough figure for their income, like £250 a week, or choose \"Not sure\".",
}

#: Questions: resident wording, staff wording, extra buttons (title, payload).
QUESTIONS: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {
    "funding_nation": (
        "Which country does the person who needs care live in?",
        "Ask the caller which country the person who needs care lives in.",
        (("England", "England"), ("Wales", "Wales"), ("Scotland", "Scotland"),
         ("Northern Ireland", "Northern Ireland")),
    ),
    "funding_setting": (
        "Is this about care in a care home, or care at home?",
        "Ask the caller: is this about care in a care home, or care at home?",
        (("A care home", "care home"), ("Care at home", "care at home")),
    ),
    "funding_savings": (
        "Roughly how much is in savings and investments in their own name? Don't count the home. "
        "A rough figure is fine, like \"30k\" or \"about £12,000\".",
        "Ask the caller roughly how much the person has in savings and investments in their own name, "
        "not counting the home. A rough figure is fine.",
        (("None", "nothing"),),
    ),
    "funding_joint_savings": (
        "Is there any money in joint accounts or shared savings? Only half of it counts. Roughly how much "
        "is in them altogether?",
        "Ask the caller about joint accounts or shared savings (only half counts). Roughly how much altogether?",
        (("None", "nothing"),),
    ),
    "funding_owns_home": (
        "Do they own their home (on their own or with someone else)?",
        "Ask the caller whether the person owns their home, alone or jointly.",
        (("Yes", "/affirm"), ("No", "/deny")),
    ),
    "funding_home_value": (
        "Roughly what is the home worth? A guess is fine.",
        "Ask the caller roughly what the home is worth. A guess is fine.",
        (NO_HOME_BUTTON,),
    ),
    "funding_partner_in_home": (
        "Does a partner, or a relative who is 60 or over or disabled, live in the home?",
        "Ask the caller whether a partner, or a relative aged 60 or over or disabled, lives in the home.",
        (("Yes", "/affirm"), ("No", "/deny")),
    ),
    "funding_income": (
        "Last one: roughly how much income do they get each week, from pensions and benefits? "
        "You can say a month or a year instead, like \"£900 a month\".",
        "Ask the caller roughly how much weekly income the person has from pensions and benefits.",
        (),
    ),
}


def setting_from_text(text: str) -> str | None:
    """"care_home" or "home" when ``text`` says which kind of care, else None."""
    text = text.lower().strip()
    if text in ("care_home", "home"):
        return text
    if any(word in text for word in CARE_HOME_WORDS):
        return "care_home"
    if any(word in text for word in HOME_WORDS):
        return "home"
    return None


def savings_from_text(text: str) -> str | None:
    """An amount of savings mentioned in passing ("I've got 30k saved", "she has 14 grand"), else None."""
    value = understand.savings_said(text)
    return str(value) if value is not None else None


def unsure_is_an_answer(method):
    """For ``validate_<slot>``: "Not sure" and "I'd rather not say" are stored as they are."""

    @functools.wraps(method)
    async def wrapper(self, value, dispatcher, tracker, domain):
        unsure = _unsure(tracker)
        if unsure:
            return {method.__name__.removeprefix("validate_"): unsure}
        return await method(self, value, dispatcher, tracker, domain)

    return wrapper


def _unsure(tracker: Tracker) -> str | None:
    intent = latest_intent(tracker)
    if intent == "not_sure":
        return NOT_SURE
    if intent == "decline":
        return DECLINE
    return None


def _amount(value: Any, tracker: Tracker) -> tuple[str | None, str]:
    """(stored value, reason if not understood) for an amount answer."""
    unsure = _unsure(tracker)
    if unsure:
        return unsure, ""
    answer = amounts.parse_amount(value)
    if answer.status in (NOT_SURE, DECLINE):
        return answer.status, ""
    if answer.is_amount and answer.value is not None:
        return str(answer.value), ""
    return None, answer.reason or "I couldn't read that as an amount of money."


def weekly(value: Decimal, text: str) -> Decimal:
    """An income said per fortnight, month or year, as a weekly figure."""
    return understand.as_weekly(value, text)


def _just_no(value: Any) -> bool:
    """A bare "no" (not "no savings", "none" or "nothing", which are amounts of £0)."""
    return " ".join(str(value or "").lower().split()).strip(" .!") in JUST_NO


def _yes_no(value: Any, tracker: Tracker) -> str | None:
    unsure = _unsure(tracker)
    if unsure:
        return unsure
    text = " ".join(str(value or "").lower().replace("\u2019", "'").split())
    if not text.startswith("/") and amounts.parse_amount(text).status == NOT_SURE:
        return NOT_SURE  # "don't know", "I'd have to ask my son": unknown, not "no"
    intent = latest_intent(tracker)
    if intent == "affirm":
        return "yes"
    if intent == "deny":
        return "no"
    if text in YES_WORDS or text.startswith("yes"):
        return "yes"
    if text in NO_WORDS or text.startswith("no ") or any(word in text for word in ("rent", "council house")):
        return "no"
    return None


#: a question about the savings limits themselves: answered at once, before the questions
ASKS_FOR_THE_LIMITS = re.compile(
    r"\b(?:capital (?:limits?|thresholds?)|(?:upper|lower) (?:capital )?(?:limit|threshold)s?|savings (?:limits?|thresholds?)"
    r"|how much (?:money |savings )?(?:can|could|do|should|are) (?:you|i|we|she|he|they|people) (?:have|keep|allowed)"
    r"|before the council (?:pays|will pay|helps|will help|starts paying))\b",
    re.IGNORECASE,
)


# -- what was said before or in passing ----------------------------------------------------------

ENGLAND = "england"


def _nation_key(nation: str | None) -> str | None:
    return nation.replace("-", "_") if nation else None


def nation_in(text: str, entities: list[str] | None = None) -> tuple[str | None, places.Place | None]:
    """(the nation, the place) a message names: a country ("Wales") or a place we know ("Bath")."""
    place = named_place(text, entities or ())
    named = understand.nation_named(text) if not text.startswith("/") else None
    if named:
        return named, place
    return (_nation_key(place.nation) if place else None), place


def facts_in_passing(text: str) -> dict[str, str]:
    """Answers to later questions given in passing ("she has 14 grand and owns her house", "mum still
    lives in the house"), as slot values."""
    if not text or text.startswith("/"):
        return {}
    facts: dict[str, str] = {}
    savings = understand.savings_said(text)
    if savings is not None:
        facts["funding_savings"] = str(savings)
    owns = understand.owns_home_from_text(text)
    if owns:
        facts["funding_owns_home"] = owns
    if understand.partner_in_home_from_text(text):
        facts["funding_partner_in_home"] = "yes"
    return facts


def _noted(tracker: Tracker, facts: dict[str, str]) -> str | None:
    """ "I've noted ..." for facts taken in passing, so the person knows why a question is skipped."""
    parts = []
    if "funding_savings" in facts:
        parts.append(f"savings of about {amounts.format_amount(Decimal(facts['funding_savings']))}")
    if facts.get("funding_owns_home") == "yes":
        parts.append("they own their home")
    elif facts.get("funding_owns_home") == "no":
        parts.append("they don't own a home")
    if "funding_partner_in_home" in facts:
        parts.append("someone still lives in the home")
    if not parts:
        return None
    said = "; ".join(parts)
    return guide(tracker, f"I've noted: {said}.", f"Staff guide. Recorded: {said}.")


def user_texts(tracker: Tracker) -> list[str]:
    """What the person typed in this conversation (since the last restart), oldest first; button
    payloads left out."""
    texts = []
    for event in tracker.events_after_latest_restart():
        if event.get("event") == "user":
            text = str(event.get("text") or "")
            if text and not text.startswith("/"):
                texts.append(text)
    return texts


OFFER_WORDS = "rough idea of what"


def offered_an_estimate(tracker: Tracker) -> bool:
    """True when Signpost's last turn was the offer of an estimate ("Would you like a rough idea of
    what you might pay?", first button /paying_for_care; actions.routes.offer_estimate)."""
    bots, _ = bot_turn_before(tracker)
    for event in bots:
        buttons = (event.get("data") or {}).get("buttons") or []
        first = buttons[0].get("payload") if buttons and isinstance(buttons[0], dict) else None
        if first == "/paying_for_care" and OFFER_WORDS in str(event.get("text") or ""):
            return True
    return False


def _says_yes(tracker: Tracker) -> bool:
    text = " ".join(latest_text(tracker).lower().replace("\u2019", "'").split()).strip(" .!")
    return latest_intent(tracker) == "affirm" or text in YES_WORDS or text.startswith(("yes", "yeah", "ok", "please"))


class ActionStartFunding(SignpostAction):
    """Clear old answers; the nation is known when the place is in a council we cover or is named."""

    action_name = "action_start_funding"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        accepted_offer = offered_an_estimate(tracker) and _says_yes(tracker)
        text = latest_text(tracker)
        if accepted_offer:
            # "yes please" to "Would you like a rough idea of what you might pay?": the questions, with
            # what the message before the offer said ("do I have to pay for a care home for my mum")
            _, text = bot_turn_before(tracker)
            text, entities = text or "", []
        else:
            # "is it free?" after a search for day centres, "will they make me sell my house?", "can I pay
            # my daughter with it?", "does the council have to assess my mother?": answered, not the form
            answered = answer_in_passing(dispatcher, tracker)
            if answered is None:
                answered = explain_the_assessment(dispatcher, tracker)
            if answered is not None:
                return [*answered, FollowupAction("action_listen")]
            entities = entity_values(tracker, "place", "postcode")
        nation, place = nation_in(text, entities)
        if nation and nation != ENGLAND:
            # "I live in Edinburgh, do I pay for personal care?": how that nation differs, from rules.yml
            difference = funding.describe_nation(nation)["sentence"]
            if place is not None and _nation_key(place.nation) == nation and place.council_name:
                difference += f" {place.name} is covered by {place.council_name}."
            dispatcher.utter_message(text=guide(tracker, difference, f"Staff guide. Tell the caller: {difference}"))
        elif not accepted_offer and ASKS_FOR_THE_LIMITS.search(text[:500]):
            # "what is the upper capital limit?": the answer first, then the offer of an estimate
            dispatcher.utter_message(text=funding.describe_thresholds(nation or ENGLAND)["sentence"])
        dispatcher.utter_message(
            text=guide(
                tracker,
                "I can give you a rough idea of where you stand. I'll ask up to 8 short questions. "
                "You can choose \"Not sure\" or \"I'd rather not say\" for any of them.",
                "Staff guide. Tell the caller you will ask up to 8 short questions to give a rough idea "
                "of who pays for care. Each one can be skipped.",
            )
        )
        events = [SlotSet(slot, None) for slot in FORM_SLOTS]
        council = tracker.get_slot("council")
        if nation:
            events.append(SlotSet("funding_nation", nation))
        elif council in places.COVERED_COUNCILS:
            events.append(SlotSet("funding_nation", ENGLAND))
        if not text.startswith("/"):  # what the first message already says is not asked again
            setting = setting_from_text(text)
            if setting:
                events.append(SlotSet("funding_setting", setting))
            facts = facts_in_passing(text)
            events += [SlotSet(name, value) for name, value in facts.items()]
            noted = _noted(tracker, facts)
            if noted:
                dispatcher.utter_message(text=noted)
        return events


class ActionAffirm(SignpostAction):
    """ "Yes" on its own (the rule "yes with nothing to say yes to"). Straight after the offer of an
    estimate it starts the paying-for-care questions; otherwise `utter_affirm_unclear` (OK, what next?)."""

    action_name = "action_affirm"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if offered_an_estimate(tracker):
            return [*ActionStartFunding().respond(dispatcher, tracker), FollowupAction("funding_form")]
        if len(latest_text(tracker).split()) > 4 and entity_values(tracker, "category", "place", "postcode", "topic"):
            # "ma da lives in glasgow and he needs a carer coming in, can ye help" taken for "yes": acted
            # on as the fallback does (the kind of service and the place it names)
            return not_understood(dispatcher, tracker)
        dispatcher.utter_message(response="utter_affirm_unclear")
        return []


class ActionAskFunding(SlotQuestion):
    """Asks one funding question; the subclasses below name the slot."""

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        resident, staff, extra = QUESTIONS[self.slot]
        buttons = [button(title, payload) for title, payload in (*extra, *UNSURE_BUTTONS)]
        return guide(tracker, resident, f"Staff guide. {staff}"), buttons


class ActionAskFundingNation(ActionAskFunding):
    slot = "funding_nation"


class ActionAskFundingSetting(ActionAskFunding):
    slot = "funding_setting"


class ActionAskFundingSavings(ActionAskFunding):
    slot = "funding_savings"


#: after "yes" (with no amount) to the joint-accounts question: how much, then
JOINT_HOW_MUCH = (
    "Roughly how much is in the joint accounts altogether? A rough figure is fine, like \"10k\". "
    "Only half of it counts.",
    "Ask the caller roughly how much is in the joint accounts altogether (only half counts).",
)


def _yes_without_amount(value: Any, tracker: Tracker) -> bool:
    """ "yes", "yes joint with her": a yes to "Is there any money in joint accounts...?" with no figure."""
    return _yes_no(value, tracker) == "yes" and not amounts.parse_amount(value).is_amount


class ActionAskFundingJointSavings(ActionAskFunding):
    slot = "funding_joint_savings"

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        bots, _ = bot_turn_before(tracker)
        asked = any("joint accounts" in str(event.get("text") or "") for event in bots)
        if asked and _yes_without_amount(latest_text(tracker), tracker):
            resident, staff = JOINT_HOW_MUCH
            return guide(tracker, resident, f"Staff guide. {staff}"), [button(*b) for b in UNSURE_BUTTONS]
        return super().question(tracker)


class ActionAskFundingOwnsHome(ActionAskFunding):
    slot = "funding_owns_home"


class ActionAskFundingHomeValue(ActionAskFunding):
    slot = "funding_home_value"


class ActionAskFundingPartnerInHome(ActionAskFunding):
    slot = "funding_partner_in_home"


class ActionAskFundingIncome(ActionAskFunding):
    slot = "funding_income"


#: the reply to a question inside the paying-for-care questions that Signpost cannot answer in passing
QUESTION_INSIDE_THE_FORM = (
    "I can't answer that here. These questions give a rough guide to paying for care, so please answer "
    "the question below, choose \"Not sure\", or say \"stop\" to leave the questions and ask something else.")
#: "what about my daughter", "how do i apply": a question, not an answer
WHAT_ABOUT = re.compile(r"^\W*(?:(?:and|but|so|ok|okay|sorry)\W+)*(?:what|how)\W+about\b")


def asks_a_question(text: str) -> bool:
    """True when ``text`` asks something ("how do i apply", "what about my daughter, she lives with
    me") rather than answering."""
    folded = fold(text[:500])
    return bool(QUESTION_START.match(folded) or WHAT_ABOUT.match(folded) or text.rstrip().endswith("?"))


class ValidateFundingForm(LeavesFormOnNewRequest, FormValidationAction):
    def name(self) -> str:
        return "validate_funding_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if not means_tested(tracker.get_slot("funding_nation"), tracker.get_slot("funding_setting")):
            # care at home in Scotland or Northern Ireland: money does not change the answer
            return [slot for slot in domain_slots if slot in ("funding_nation", "funding_setting")]
        if tracker.get_slot("funding_owns_home") == "yes":
            return list(domain_slots)
        return [slot for slot in domain_slots if slot not in HOME_SLOTS]

    def _again(self, dispatcher: CollectingDispatcher, message: str, slot: str,
               buttons: list[dict[str, str]] | None = None) -> dict[str, Any]:
        dispatcher.utter_message(text=message, buttons=buttons or [])
        return {slot: None}

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """The answer to the question asked, plus what the message says in passing: a different
        country ("sorry no England, he lives in Bath") and answers to later questions."""
        text = latest_text(tracker)
        requested = tracker.get_slot("requested_slot")
        if not requested or text.startswith("/"):
            return await super().get_validation_events(dispatcher, tracker, domain)
        if latest_intent(tracker) not in SAFETY_INTENTS and CARRY_ON.match(fold(text)):
            # "ok carry on" (even when taken for stop): the same question again
            return [SlotSet(requested, None)]
        corrected = None
        if requested != "funding_nation":
            named, place = nation_in(text, entity_values(tracker, "place", "postcode"))
            current = tracker.get_slot("funding_nation")
            corrected = named if named and named != current else None
        if corrected is None:
            scratch = CollectingDispatcher()
            events = await super().get_validation_events(scratch, tracker, domain)
            unanswered = any(event.get("name") == requested and event.get("value") is None for event in events)
            if unanswered and asks_a_question(text):
                # "how do i apply", "what about my daughter, she lives with me": not an answer to the
                # question; answered in passing if Signpost can, else the question explained, then asked again
                if answer_between_questions(dispatcher, tracker) is None:
                    dispatcher.utter_message(text=guide(
                        tracker, QUESTION_INSIDE_THE_FORM,
                        "Staff guide. That is a different question. Answer the question below for the rough "
                        "guide, or say 'stop' to leave the questions."))
                return [SlotSet(requested, None)]
            dispatcher.messages.extend(scratch.messages)
        else:
            # a correction, not an answer: keep only a clear answer to the question asked ("care home"),
            # otherwise ask it again without "please choose..."
            scratch = CollectingDispatcher()
            events = await super().get_validation_events(scratch, tracker, domain)
            for event in events:
                if event.get("name") == requested and (requested in YES_NO_SLOTS or event.get("value") is None):
                    event["value"] = None
                elif event.get("name") == requested:
                    dispatcher.messages.extend(scratch.messages)
            name = funding.describe_thresholds(corrected)["nation_name"]
            said = f"OK, I've changed the country to {name}."
            if corrected != ENGLAND:
                said += " " + funding.describe_nation(corrected)["sentence"]
            dispatcher.utter_message(text=guide(tracker, said, f"Staff guide. {said}"))
            events.append(SlotSet("funding_nation", corrected))
        answered = {event.get("name"): event.get("value") for event in events if event.get("event") == "slot"}
        facts = {slot: value for slot, value in facts_in_passing(text).items()
                 if slot != requested and tracker.get_slot(slot) is None and answered.get(slot) is None}
        events += [SlotSet(slot, value) for slot, value in facts.items()]
        noted = _noted(tracker, facts)
        if noted:
            dispatcher.utter_message(text=noted)
        return events

    @keep_none
    @unsure_is_an_answer
    async def validate_funding_nation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = " ".join(str(value or "").lower().replace(".", " ").split())
        for word, nation in NATIONS.items():
            if word == text or f" {word} " in f" {text} ":
                return {"funding_nation": nation}
        nation, _ = nation_in(str(value or ""), entity_values(tracker, "place", "postcode"))
        if nation:  # "he lives in Bath", "Cardiff"
            return {"funding_nation": nation}
        return self._again(dispatcher, "Please choose England, Wales, Scotland or Northern Ireland.",
                           "funding_nation")

    @keep_none
    @unsure_is_an_answer
    async def validate_funding_setting(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        setting = setting_from_text(str(value or ""))
        if setting:
            return {"funding_setting": setting}
        return self._again(dispatcher, "Please choose \"A care home\" or \"Care at home\".", "funding_setting")

    async def _validate_amount(self, slot: str, value: Any, dispatcher, tracker) -> dict[str, Any]:
        if _just_no(value) and slot in JUST_NO_AGAIN:
            return self._again(dispatcher, f"\"No\" is not an amount. {JUST_NO_AGAIN[slot]}", slot)
        stored, reason = _amount(value, tracker)
        if stored is None:
            return self._again(dispatcher, f"{reason} You can type a number like 12000 or \"12k\", "
                               "or choose \"Not sure\".", slot)
        period = understand.period_of(str(value or "")) if stored not in (NOT_SURE, DECLINE) else None
        if period and slot in NOT_PER_PERIOD:
            # "about 1500 a month" is income (or rent), not what a home is worth or what is saved
            amount = amounts.format_amount(Decimal(stored))
            resident, staff = NOT_PER_PERIOD[slot]
            return self._again(dispatcher, guide(tracker, resident.format(amount=amount, period=period),
                                                 "Staff guide. " + staff.format(amount=amount, period=period)), slot)
        return {slot: stored}

    @keep_none
    async def validate_funding_savings(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return await self._validate_amount("funding_savings", value, dispatcher, tracker)

    @keep_none
    async def validate_funding_joint_savings(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if _yes_no(value, tracker) == "no":
            return {"funding_joint_savings": "0"}
        if _yes_without_amount(value, tracker):
            # "yes", "yes joint with her": not an amount yet; the question asks how much (JOINT_HOW_MUCH)
            return {"funding_joint_savings": None}
        return await self._validate_amount("funding_joint_savings", value, dispatcher, tracker)

    @keep_none
    async def validate_funding_home_value(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if NO_HOME.search(str(value or "")) and not amounts.parse_amount(value).is_amount:
            # "they rent", "they don't own a home": the home questions no longer apply
            dispatcher.utter_message(text=guide(tracker, "OK, I'll leave the home out.",
                                                "Staff guide. Noted: the person does not own a home."))
            return {"funding_owns_home": "no", **dict.fromkeys(HOME_SLOTS)}
        return await self._validate_amount("funding_home_value", value, dispatcher, tracker)

    @keep_none
    async def validate_funding_income(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        checked = _income_being_checked(tracker)
        if checked is not None and _says_yes(tracker):
            return {"funding_income": str(checked)}  # "yes, that's right" to "is £180,000 a week right?"
        result = await self._validate_amount("funding_income", value, dispatcher, tracker)
        stored = result.get("funding_income")
        if stored and stored not in (NOT_SURE, DECLINE):
            per_week = weekly(Decimal(stored), str(value or ""))
            result["funding_income"] = str(per_week)
            said_again = checked is not None and (per_week == checked or understand.period_of(str(value or "")))
            if understand.implausible_weekly_income(per_week) and not said_again:
                # "180k": far more than pensions and benefits pay a week; most likely a year, or savings
                amount = amounts.format_amount(per_week)
                return self._again(dispatcher, guide(
                    tracker,
                    f"{INCOME_CHECK} {amount} a week is a lot of income. If that is right, choose \"Yes, that's "
                    f"right\". If it is for a month or a year, say so, like \"{amounts.format_amount(Decimal(stored))}"
                    " a year\". Otherwise type the weekly amount again.",
                    f"{INCOME_CHECK_STAFF} {amount} a week is far more than pensions and benefits pay. Check it with "
                    "the caller: is it for a week, a month or a year? Choose \"Yes, that's right\" if the "
                    "caller confirms the weekly amount.",
                ), "funding_income", [button("Yes, that's right", "/affirm"), *map(lambda b: button(*b), UNSURE_BUTTONS)])
        return result

    @keep_none
    async def validate_funding_owns_home(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        answer = _yes_no(value, tracker) or understand.owns_home_from_text(str(value or ""))
        if answer is None:
            return self._again(dispatcher, "Please choose Yes or No, or \"Not sure\".", "funding_owns_home")
        return {"funding_owns_home": answer}

    @keep_none
    async def validate_funding_partner_in_home(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        answer = _yes_no(value, tracker)
        if answer is None:
            return self._again(dispatcher, "Please choose Yes or No, or \"Not sure\".", "funding_partner_in_home")
        return {"funding_partner_in_home": answer}


def _known(value: Any) -> bool:
    return value not in (None, "", NOT_SURE, DECLINE)


def means_tested(nation: Any, setting: Any) -> bool:
    """False when the rules say money does not decide the charge (care at home in Scotland or
    Northern Ireland); True otherwise, including when the nation or setting is not known yet."""
    if not _known(nation) or setting not in funding.SETTINGS or nation not in funding.NATIONS:
        return True
    return rules_for(nation).setting(setting).get("charging", "means_tested") == "means_tested"


def _income_being_checked(tracker: Tracker) -> Decimal | None:
    """The weekly income Signpost has just asked the person to confirm ("is £180,000 a week right?")."""
    bots, previous = bot_turn_before(tracker)
    if previous is None or not any(str(event.get("text") or "").startswith((INCOME_CHECK, INCOME_CHECK_STAFF))
                                   for event in bots):
        return None
    answer = amounts.parse_amount(previous)
    return weekly(answer.value, previous) if answer.is_amount and answer.value is not None else None


def estimate_input(tracker: Tracker) -> dict[str, Any]:
    """The calculator's input from the form's answers ("not sure" answers are left out)."""
    slot = tracker.get_slot
    nation = slot("funding_nation")
    data: dict[str, Any] = {
        "nation": nation if _known(nation) else "england",
        "care_setting": slot("funding_setting"),
        "savings": slot("funding_savings"),
        "owns_home": slot("funding_owns_home") == "yes",
        "partner_or_relative_in_home": slot("funding_partner_in_home") == "yes",
    }
    for key, name in (("joint_savings", "funding_joint_savings"), ("home_value", "funding_home_value"),
                      ("weekly_income", "funding_income")):
        if _known(slot(name)):
            data[key] = slot(name)
    # the person's age if said ("mum is 84"), else whether they are over State Pension age ("she
    # gets her state pension", "pension credit", "retired"), from anything said in this conversation
    said = user_texts(tracker)
    age = understand.age_of_person(said)
    if age is not None:
        data["age"] = age
    elif any(understand.says_pension_age(text) for text in said):
        data["pension_age"] = True
    return data


def _gaps(tracker: Tracker) -> list[str]:
    """Plain words for the answers we did not get, to say the estimate leaves them out."""
    labels = {"funding_joint_savings": "shared savings", "funding_owns_home": "the home",
              "funding_home_value": "the home's value", "funding_income": "income"}
    return [label for name, label in labels.items() if tracker.get_slot(name) in (NOT_SURE, DECLINE)]


class ActionFundingEstimate(SignpostAction):
    """Runs bot.funding.estimate on the answers and explains the result."""

    action_name = "action_funding_estimate"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        data = estimate_input(tracker)
        staff_prefix = "Staff guide. Read this to the caller: "
        result = None
        problem = ""
        sums = data
        if not means_tested(data["nation"], data["care_setting"]) and not _known(data["savings"]):
            sums = {**data, "savings": "0"}  # not asked: savings do not change the answer there
        if _known(sums["care_setting"]) and _known(sums["savings"]):
            try:
                result = funding.estimate(sums)
            except funding.FundingInputError as error:
                problem = error.message
        if result is None:
            thresholds = funding.describe_thresholds(data["nation"])
            intro = problem or ("Without the type of care and a rough idea of savings I can't give an "
                                "estimate, but here are the limits that apply.")
            dispatcher.utter_message(text=guide(tracker, intro, staff_prefix + intro))
            dispatcher.utter_message(text=thresholds["sentence"])
            payload = {"type": "funding_estimate", "estimate": None,
                       "thresholds": funding.to_jsonable(thresholds), "input": data}
        else:
            explanation = result["explanation"]
            gaps = _gaps(tracker)
            if gaps:
                explanation += f" I left out {', '.join(gaps)}, because you weren't sure or chose not to say."
            dispatcher.utter_message(text=guide(tracker, explanation, staff_prefix + explanation))
            notes = [note["text"] for note in result["notes"] if note["topic"] not in ("estimate_only",
                                                                                       "year_not_confirmed")]
            if notes:
                dispatcher.utter_message(text="Good to know:\n" + "\n".join(f"- {note}" for note in notes[:4]))
            payload = {"type": "funding_estimate", "estimate": funding.to_jsonable(result), "input": data}
        dispatcher.utter_message(json_message=payload)
        what_next(dispatcher, tracker, [
            button("What is a financial assessment?", intent_payload("explain_topic", topic="financial-assessment")),
            button("Talk it through", "/describe_needs"),
            *menu_buttons("/paying_for_care", "/describe_needs"),
        ])
        return []
