"""Talking it through: the strengths-based triage form and its summary (bot.triage)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    SKIP_BUTTON,
    LeavesFormOnNewRequest,
    SignpostAction,
    SlotQuestion,
    button,
    entity_values,
    intent_payload,
    keep_none,
    latest_intent,
    latest_text,
    mode_of,
)
from actions.understand import validate_place_value
from bot import triage, wording

#: form slot -> (bot.triage question id, key in build_summary's answers)
QUESTIONS = {
    "triage_who": ("who", "who"),
    "triage_matters": ("what_matters", "what_matters"),
    "triage_going_well": ("strengths", "strengths"),
    "triage_helpers": ("support_network", "support_network"),
    "triage_hard": ("hard_things", "hard_things"),
    "triage_impact": ("impact", "impact"),
    "triage_carer": ("carer", "carer"),
    "place": ("place", "place"),
}
SKIP_INTENTS = ("not_sure", "decline")
NOTHING_WORDS = {"none", "nothing", "no", "nothing is hard", "nothing really", "not really", "none of them",
                 "none of these", "no problems", "all fine", "fine"}
SELF_WORDS = {"me", "myself", "i", "self", "for me"}


def question_buttons(question: dict[str, Any]) -> list[dict[str, str]]:
    """The question's options as buttons (each sends its value as text), then Skip."""
    buttons = [button(option["title"], str(option["value"])) for option in question.get("options") or []]
    if question["id"] == "hard_things":
        buttons.append(button("Nothing is hard right now", "nothing"))
    return [*buttons, button(*SKIP_BUTTON)]


class ActionStartTriage(SignpostAction):
    """Clear old answers and note who it is for when the first message says ("my mum ...")."""

    action_name = "action_start_triage"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        mode = mode_of(tracker)
        dispatcher.utter_message(text=wording.say("triage.start", mode))
        events = [SlotSet(slot, None) for slot in QUESTIONS if slot != "place"]
        text = latest_text(tracker)[:2000]
        who = triage.parse_who(text)
        gone = triage.bereaved_relations(text)  # "since my husband died": not about him
        named = [r for r in entity_values(tracker, "relation") if triage.parse_who(r).get("relation") not in gone]
        relations = named or [who.get("relation") or ""]
        if relations[0]:
            relation = relations[0].lower()
            events.append(SlotSet("triage_who", "myself" if relation in SELF_WORDS else f"my {relation}"))
        elif who.get("for") == "self" and triage.find_outcomes(text):
            # "I'm 78 and struggling with washing since my operation": about the person writing
            events.append(SlotSet("triage_who", "myself"))
        if tracker.get_slot("place") == "":
            events.append(SlotSet("place", None))
        return events


class ActionAskTriage(SlotQuestion):
    """Asks one triage question in resident or staff wording; subclasses name the slot."""

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        question = triage.question(QUESTIONS[self.slot][0], mode_of(tracker), who=tracker.get_slot("triage_who"))
        return question["text"], question_buttons(question)


class ActionAskTriageWho(ActionAskTriage):
    slot = "triage_who"


class ActionAskTriageMatters(ActionAskTriage):
    slot = "triage_matters"


class ActionAskTriageGoingWell(ActionAskTriage):
    slot = "triage_going_well"


class ActionAskTriageHelpers(ActionAskTriage):
    slot = "triage_helpers"


class ActionAskTriageHard(ActionAskTriage):
    slot = "triage_hard"


class ActionAskTriageImpact(ActionAskTriage):
    slot = "triage_impact"


class ActionAskTriageCarer(ActionAskTriage):
    slot = "triage_carer"


def _answer(value: Any, tracker: Tracker) -> str:
    """The answer as text ("" when skipped), cut to a sensible length."""
    if latest_intent(tracker) in SKIP_INTENTS:
        return ""
    return " ".join(str(value or "").split())[:600]


def free_text(slot: str):
    """``validate_<slot>`` for a question answered in the person's own words (kept, or "" if skipped)."""

    async def validate(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return {slot: _answer(value, tracker)}

    validate.__name__ = f"validate_{slot}"
    return keep_none(validate)


class ValidateTriageForm(LeavesFormOnNewRequest, FormValidationAction):
    def name(self) -> str:
        return "validate_triage_form"

    validate_triage_who = free_text("triage_who")
    validate_triage_matters = free_text("triage_matters")
    validate_triage_going_well = free_text("triage_going_well")
    validate_triage_helpers = free_text("triage_helpers")
    validate_triage_carer = free_text("triage_carer")

    @keep_none
    async def validate_triage_hard(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = _answer(value, tracker)
        if not text or text.lower().strip(" .!") in NOTHING_WORDS or latest_intent(tracker) == "deny":
            return {"triage_hard": "none" if text else ""}
        found = triage.parse_hard_things(text)
        if not found:
            dispatcher.utter_message(text=wording.say("triage.not_understood_hard_things", mode_of(tracker)))
            return {"triage_hard": None}
        return {"triage_hard": ",".join(found)}

    @keep_none
    async def validate_triage_impact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = _answer(value, tracker)
        if not text:
            return {"triage_impact": ""}
        level = triage.parse_impact(text)
        if level is None:
            dispatcher.utter_message(text="Please choose: a big effect, some effect, or only a little.")
            return {"triage_impact": None}
        return {"triage_impact": level}

    @keep_none
    async def validate_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if latest_intent(tracker) in SKIP_INTENTS:
            return {"place": ""}
        return validate_place_value(value, dispatcher, tracker)


def triage_answers(tracker: Tracker) -> dict[str, Any]:
    """build_summary's answers from the form's slots (skipped answers left out)."""
    answers: dict[str, Any] = {}
    for slot, (_, key) in QUESTIONS.items():
        value = tracker.get_slot(slot)
        if value not in (None, ""):
            answers[key] = [] if key == "hard_things" and value == "none" else value
    if answers.get("hard_things"):
        answers["hard_things"] = str(answers["hard_things"]).split(",")
    if tracker.get_slot("council"):
        answers["council"] = tracker.get_slot("council")
    return answers


class ActionTriageSummary(SignpostAction):
    """The summary as text (a case note in staff mode) and as a structured custom payload."""

    action_name = "action_triage_summary"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        mode = mode_of(tracker)
        summary = triage.build_summary(triage_answers(tracker))
        dispatcher.utter_message(text=triage.summary_text(summary, mode))
        dispatcher.utter_message(json_message={"type": "triage_summary", "mode": mode, "summary": summary})
        buttons = [
            button(f"Find {item['name'].lower()}", intent_payload("find_service", category=item["slug"]))
            for item in summary.get("suggested_categories", [])[:4]
        ]
        buttons += [button("Paying for care", "/paying_for_care"), button("Speak to someone", "/human_handoff")]
        dispatcher.utter_message(
            text="What would you like to do next?" if mode == "resident"
            else "Staff guide. Ask the caller what they would like to do next.",
            buttons=buttons,
        )
        events = []
        if summary.get("council"):
            events.append(SlotSet("council", summary["council"]))
        return events
