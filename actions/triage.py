"""Talking it through: the strengths-based triage form and its summary (bot.triage)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    SAFETY_INTENTS,
    SKIP_BUTTON,
    LeavesFormOnNewRequest,
    SignpostAction,
    SlotQuestion,
    asks_for_something_new,
    bot_turn_before,
    button,
    council_of,
    entity_values,
    intent_payload,
    keep_none,
    latest_intent,
    latest_text,
    mode_of,
)
from actions.safety import follow_up as safety_follow_up
from actions.understand import PLACE_ENTITIES, validate_place_value
from bot import triage, wording
from bot.text import fold
from directory import places

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
                 "none of these", "no problems", "all fine", "fine", "nothing else", "no nothing else",
                 "no thats all", "thats all", "thats it", "no thats it", "nothing more", "no more", "none else"}
#: Intents that leave the form (their rules run) or are safety: never read as a question or a goodbye.
LEAVING_INTENTS = (*SAFETY_INTENTS, "stop", "help", "human_handoff", "start_over", "restart")
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
        if safety_follow_up(dispatcher, tracker, only_if_reluctant=True):
            # "I don't want to get him in trouble" straight after the safeguarding reply: reassure,
            # do not start the questions
            return [ActiveLoop(None), FollowupAction("action_listen")]
        from actions.routes import answer_in_passing  # here: routes imports this module

        answered = answer_in_passing(dispatcher, tracker)
        if answered is not None:  # "how do I get one?" straight after the carer's assessment
            return [*answered, FollowupAction("action_listen")]
        mode = mode_of(tracker)
        text = latest_text(tracker)[:2000]
        events = [SlotSet(slot, None) for slot in QUESTIONS if slot != "place"]
        who = triage.parse_who(text)
        gone = triage.bereaved_relations(text)  # "since my husband died": not about him
        named = [r for r in entity_values(tracker, "relation") if triage.parse_who(r).get("relation") not in gone]
        relations = named or [who.get("relation") or ""]
        about_someone_else = bool(relations[0]) and relations[0].lower() not in SELF_WORDS
        if relations[0]:
            relation = relations[0].lower()
            events.append(SlotSet("triage_who", "myself" if relation in SELF_WORDS else f"my {relation}"))
        elif who.get("for") == "self" and (triage.find_outcomes(text) or triage.mentions_a_loss(text)):
            # "I'm 78 and struggling with washing since my operation", "since the wife died I'm
            # lost": about the person writing
            events.append(SlotSet("triage_who", "myself"))
        # "since the wife died I don't see anyone": "I'm sorry about your wife." (not when the chat is
        # about someone else and the loss is mentioned in passing: "mum ... since dad passed")
        sorry = None if about_someone_else else triage.condolence(text, mode)
        if sorry:
            dispatcher.utter_message(text=sorry)
        dispatcher.utter_message(text=wording.say("triage.start", mode))
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


def opening_text(tracker: Tracker) -> str:
    """The message that started the talk-it-through form: the user message just before the latest
    activation of ``triage_form``; "" when it cannot be found."""
    activated = False
    for event in reversed(tracker.events or []):
        if not activated:
            activated = event.get("event") == "active_loop" and event.get("name") == "triage_form"
        elif event.get("event") == "user":
            text = str(event.get("text") or "")
            return "" if text.startswith("/") else text[:2000]
    return ""


def mentioned_hard_things(tracker: Tracker) -> list[str]:
    """Outcome and concern ids that the first message already described as hard ("she keeps falling
    over", "she's stopped eating"), so they are offered, not asked for again."""
    text = opening_text(tracker)
    return [*triage.find_outcomes(text), *triage.find_concerns(text)] if text else []


class ActionAskTriageHard(ActionAskTriage):
    slot = "triage_hard"

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        mentioned = mentioned_hard_things(tracker)
        if not triage.parse_hard_things(mentioned):
            return super().question(tracker)
        asked = triage.hard_things_question(mode_of(tracker), who=tracker.get_slot("triage_who"), mentioned=mentioned)
        buttons = [button(o["title"], str(o["value"])) for o in asked["options"]]
        return asked["text"], [*buttons, button("Nothing else", "nothing"), button(*SKIP_BUTTON)]


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


def asked_again_already(tracker: Tracker) -> bool:
    """True when Signpost said "I didn't catch which things are hard" just before this answer (so
    this is the second try, and the answer is kept as it is)."""
    sorry = {wording.say("triage.not_understood_hard_things", mode) for mode in wording.MODES}
    bots, _ = bot_turn_before(tracker)
    return any(event.get("text") in sorry for event in bots)


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in ids if i))


def _note(text: str) -> str:
    """Free text kept as a hard-things note (commas separate the stored items, so none inside)."""
    return " ".join(text.replace(",", " ").split())[:600]


def person_place(tracker: Tracker, value: Any) -> Any:
    """The place of the person the conversation is about, when the message ties places to people:
    "mum lives in Accrington and I live in Manchester" -> "Accrington" (or Manchester when the
    conversation is about the writer). Otherwise ``value`` unchanged."""
    text = latest_text(tracker)[:2000]
    mentions = triage.place_mentions(text)
    if not mentions:
        return value
    about_self = triage.parse_who(tracker.get_slot("triage_who") or "").get("for") == "self"
    wanted = "writer" if about_self else "person"
    resolved = [(owner, _resolve(phrase)) for owner, phrase in mentions]
    for owner, place in resolved:
        if owner == wanted and place is not None:
            return place.name
    others = {place.name for owner, place in resolved if owner != wanted and place is not None}
    current = _resolve(str(value or ""))
    if current is not None and current.name in others:
        for candidate in entity_values(tracker, *PLACE_ENTITIES):
            place = _resolve(candidate)
            if place is not None and place.name not in others:
                return place.name
    return value


def _resolve(phrase: str):
    """A known place in a short phrase: the whole phrase or its longest run of words that is one."""
    words = phrase.split()[:8]
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            place = places.resolve_place(" ".join(words[start : start + size]))
            if place is not None:
                return place
    return None


class ValidateTriageForm(LeavesFormOnNewRequest, FormValidationAction):
    def name(self) -> str:
        return "validate_triage_form"

    async def run(self, dispatcher, tracker, domain):
        """Before reading an answer: a goodbye ends the form politely; a question about the question
        ("why do you ask?"), a clear question about something else ("what is reablement?", "how much
        does a care home cost?"; routes.answer_between_questions), a message in another language, or a
        question about costs is answered and the same question asked again."""
        slot = tracker.get_slot("requested_slot")
        text = latest_text(tracker)
        intent = latest_intent(tracker)
        if slot not in QUESTIONS or intent in LEAVING_INTENTS or text.startswith("/"):
            return await super().run(dispatcher, tracker, domain)
        mode = mode_of(tracker)
        if triage.says_goodbye(text) or (intent == "goodbye" and len(text.split()) <= 6):
            dispatcher.utter_message(text=triage.reply("goodbye", mode, council=council_of(tracker).name))
            # the form ends here without a summary: listen next, not action_triage_summary
            return [SlotSet(slot, None), SlotSet("requested_slot", None), ActiveLoop(None),
                    FollowupAction("action_listen")]
        if triage.asks_about_the_question(text):
            question_id = QUESTIONS[slot][0]
            dispatcher.utter_message(text=triage.why(question_id, mode, who=tracker.get_slot("triage_who")))
            return [SlotSet(slot, None)]
        from actions.routes import answer_between_questions  # here: routes imports this module

        left_out = answer_between_questions(dispatcher, tracker)
        if left_out is not None:
            # "how much does a care home cost?", "what is reablement?", a message in Polish: answered in
            # passing, not kept as the answer; the same question is asked again
            if left_out[:1] and left_out[0].get("payload") == "/paying_for_care":  # it offered an estimate
                dispatcher.utter_message(text=triage.reply("cost_question", mode))
            return [SlotSet(slot, None)]
        if triage.asks_about_cost(text) and not asks_for_something_new(tracker):
            dispatcher.utter_message(text=triage.reply("cost_question", mode))
            return [SlotSet(slot, None)]
        return await super().run(dispatcher, tracker, domain)

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
        mentioned = mentioned_hard_things(tracker)  # said in the first message: kept
        if not text or fold(text) in NOTHING_WORDS or latest_intent(tracker) == "deny":
            return {"triage_hard": ",".join(mentioned) or ("none" if text else "")}
        found = [*triage.parse_hard_things(text), *triage.parse_concerns(text)]
        if found:
            return {"triage_hard": ",".join(_unique([*mentioned, *found]))}
        if asked_again_already(tracker):  # never the same question a third time: keep their words
            dispatcher.utter_message(text=triage.reply("hard_things_noted", mode_of(tracker)))
            return {"triage_hard": ",".join([*mentioned, _note(text)])}
        dispatcher.utter_message(text=wording.say("triage.not_understood_hard_things", mode_of(tracker)))
        return {"triage_hard": None}

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
        return validate_place_value(person_place(tracker, value), dispatcher, tracker)


def triage_answers(tracker: Tracker) -> dict[str, Any]:
    """build_summary's answers from the form's slots (skipped answers left out)."""
    answers: dict[str, Any] = {}
    for slot, (_, key) in QUESTIONS.items():
        value = tracker.get_slot(slot)
        if value not in (None, ""):
            answers[key] = [] if key == "hard_things" and value == "none" else value
    if answers.get("hard_things"):
        answers["hard_things"] = str(answers["hard_things"]).split(",")
    answers["council"] = tracker.get_slot("council") or council_of(tracker).slug
    return answers


class ActionTriageSummary(SignpostAction):
    """The summary as text (a case note in staff mode) and as a structured custom payload."""

    action_name = "action_triage_summary"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        mode = mode_of(tracker)
        answers = triage_answers(tracker)
        if mode == "staff":  # the case note starts with any safety concern raised in this conversation
            answers["safety"] = triage.safety_concerns(tracker.events)
        summary = triage.build_summary(answers)
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
        if (summary.get("place") or {}).get("council") and summary.get("council"):
            events.append(SlotSet("council", summary["council"]))  # a place given; not the page or default
        return events
