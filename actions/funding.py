"""Paying for care: a short form that gathers what bot.funding.estimate needs (every
question allows "Not sure" and "I'd rather not say"), then the estimate explained."""

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
    LeavesFormOnNewRequest,
    SignpostAction,
    SlotQuestion,
    button,
    guide,
    intent_payload,
    keep_none,
    latest_intent,
    latest_text,
    menu_buttons,
)
from actions.routes import answer_in_passing, explain_the_assessment, what_next
from bot import amounts, funding
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
SAVINGS_WORDS = ("saving", "saved", "in the bank", "capital", "put by", "put away", "nest egg")
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
    """An amount of savings mentioned in the first message ("I've got 30k saved"), else None."""
    lowered = text.lower()
    if not any(word in lowered for word in SAVINGS_WORDS):
        return None
    answer = amounts.parse_amount(text)
    return str(answer.value) if answer.is_amount and answer.value is not None else None


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
    """An income said per month or per year, as a weekly figure."""
    lowered = text.lower()
    if "month" in lowered or "pcm" in lowered:
        return (value * 12 / 52).quantize(Decimal("0.01"))
    if "year" in lowered or "annual" in lowered or " pa" in f" {lowered}":
        return (value / 52).quantize(Decimal("0.01"))
    return value


def _just_no(value: Any) -> bool:
    """A bare "no" (not "no savings", "none" or "nothing", which are amounts of £0)."""
    return " ".join(str(value or "").lower().split()).strip(" .!") in JUST_NO


def _yes_no(value: Any, tracker: Tracker) -> str | None:
    unsure = _unsure(tracker)
    if unsure:
        return unsure
    intent = latest_intent(tracker)
    if intent == "affirm":
        return "yes"
    if intent == "deny":
        return "no"
    text = " ".join(str(value or "").lower().replace("'", "'").split())
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


class ActionStartFunding(SignpostAction):
    """Clear old answers; the nation is known when the place is in a council we cover."""

    action_name = "action_start_funding"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        # "is it free?" after a search for day centres, "will they make me sell my house?", "can I pay
        # my daughter with it?", "does the council have to assess my mother?": answered, not the form
        answered = answer_in_passing(dispatcher, tracker)
        if answered is None:
            answered = explain_the_assessment(dispatcher, tracker)
        if answered is not None:
            return [*answered, FollowupAction("action_listen")]
        if ASKS_FOR_THE_LIMITS.search(latest_text(tracker)[:500]):
            # "what is the upper capital limit?": the answer first, then the offer of an estimate
            dispatcher.utter_message(text=funding.describe_thresholds("england")["sentence"])
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
        if council in places.COVERED_COUNCILS:
            events.append(SlotSet("funding_nation", "england"))
        text = latest_text(tracker)
        if not text.startswith("/"):  # what the first message already says is not asked again
            setting, savings = setting_from_text(text), savings_from_text(text)
            events += [SlotSet(name, value) for name, value in
                       (("funding_setting", setting), ("funding_savings", savings)) if value]
            if savings:
                amount = amounts.format_amount(Decimal(savings))
                dispatcher.utter_message(text=guide(tracker, f"I've noted savings of about {amount}.",
                                                    f"Staff guide. Recorded savings of about {amount}."))
        return events


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


class ActionAskFundingJointSavings(ActionAskFunding):
    slot = "funding_joint_savings"


class ActionAskFundingOwnsHome(ActionAskFunding):
    slot = "funding_owns_home"


class ActionAskFundingHomeValue(ActionAskFunding):
    slot = "funding_home_value"


class ActionAskFundingPartnerInHome(ActionAskFunding):
    slot = "funding_partner_in_home"


class ActionAskFundingIncome(ActionAskFunding):
    slot = "funding_income"


class ValidateFundingForm(LeavesFormOnNewRequest, FormValidationAction):
    def name(self) -> str:
        return "validate_funding_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("funding_owns_home") == "yes":
            return list(domain_slots)
        return [slot for slot in domain_slots if slot not in HOME_SLOTS]

    def _again(self, dispatcher: CollectingDispatcher, message: str, slot: str) -> dict[str, Any]:
        dispatcher.utter_message(text=message)
        return {slot: None}

    @keep_none
    @unsure_is_an_answer
    async def validate_funding_nation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = " ".join(str(value or "").lower().replace(".", " ").split())
        for word, nation in NATIONS.items():
            if word == text or f" {word} " in f" {text} ":
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
        return {slot: stored}

    @keep_none
    async def validate_funding_savings(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return await self._validate_amount("funding_savings", value, dispatcher, tracker)

    @keep_none
    async def validate_funding_joint_savings(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if _yes_no(value, tracker) == "no":
            return {"funding_joint_savings": "0"}
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
        result = await self._validate_amount("funding_income", value, dispatcher, tracker)
        stored = result.get("funding_income")
        if stored and stored not in (NOT_SURE, DECLINE):
            result["funding_income"] = str(weekly(Decimal(stored), latest_text(tracker)))
        return result

    @keep_none
    async def validate_funding_owns_home(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        answer = _yes_no(value, tracker)
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
        if _known(data["care_setting"]) and _known(data["savings"]):
            try:
                result = funding.estimate(data)
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
