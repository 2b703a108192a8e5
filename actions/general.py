"""Actions around the journeys: staff mode, speaking to a person, stopping, fallback, carers."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    SAFETY_INTENTS,
    SignpostAction,
    button,
    council_of,
    entity_values,
    explained_just_before,
    guide,
    intent_payload,
    latest_intent,
    menu_buttons,
    mode_of,
)
from actions.services import category_from_text, describes_a_situation
from bot import content, councils, wording
from bot.text import fold
from directory import categories, places


class ActionSetMode(SignpostAction):
    """Runs after every user message (a custom slot mapping): keeps the `mode` slot in step
    with the message metadata, so {"mode": "staff"} turns on the guided script."""

    action_name = "action_set_mode"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        mode = mode_of(tracker)
        return [] if tracker.get_slot("mode") == mode else [SlotSet("mode", mode)]


class ActionHandoff(SignpostAction):
    """How to reach a person at the council, its hours, and how to ask for a call back."""

    action_name = "action_handoff"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        named = [places.resolve_place(text) for text in entity_values(tracker, "place", "postcode")]
        place = next((p for p in named if p is not None), None)
        council = councils.council_for_place(place) if place else council_of(tracker)
        intro = guide(
            tracker,
            f"You can speak to a person at {council.name}'s adult social care team.",
            f"Staff guide. If the caller needs a person, transfer or refer them to {council.name} "
            "adult social care, or book a call back using your usual process.",
        )
        dispatcher.utter_message(text=intro)
        dispatcher.utter_message(text="\n".join(council.contact_lines()))
        dispatcher.utter_message(
            text=guide(
                tracker,
                "To ask for a call back, contact the team above and say you would like someone to "
                "ring you. Outside office hours: " + " ".join(council.out_of_hours_lines()),
                "Staff guide. Out of hours: " + " ".join(council.out_of_hours_lines()),
            ),
            buttons=menu_buttons("/human_handoff"),
        )
        dispatcher.utter_message(
            json_message={"type": "handoff", "callback": True, "council": council.to_dict()}
        )
        events = [ActiveLoop(None), SlotSet("requested_slot", None)]
        return events + ([SlotSet("council", place.council)] if place else [])


#: What action_interrupt says for each intent: (resident, staff).
INTERRUPT_WORDS = {
    "stop": ("OK, I've stopped. What would you like to do now?",
             "Staff guide. The questions have stopped. Ask the caller what they would like to do now."),
    "help": ("I can find local services (like day centres, pendant alarms or help at home), explain how care "
             "and support works, talk through what would help and make a summary, help carers, and give a rough "
             "guide to paying for care. I can't decide who gets help, but I can tell you who to contact. "
             "What would you like to do?",
             "Staff guide. Signpost can: find local services by type and place, explain care words and "
             "assessments, talk through what matters to the caller and make a case note, guide a carer, and "
             "give a rough guide to paying for care. It does not decide who is eligible. Choose a route:"),
    "deny": ("That's fine. Is there something else I can help with?",
             "Staff guide. Ask the caller if there is anything else they need help with."),
}
INTERRUPT_WORDS["not_sure"] = INTERRUPT_WORDS["help"]
INTERRUPT_WORDS["decline"] = INTERRUPT_WORDS["deny"]


#: "how do I apply for it?", "how do we get one", "where do I ask": a follow-up to an explanation
HOW_TO_GET = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|right|but|then)\W+)?(?:how|where) (?:do|can|would|could|should|shall|does|will) "
    r"(?:i|we|you|they|she|he|one|my \w+) (?:get|apply|ask|claim|request|arrange|go about|sign up|start|find)\b"
    r"(?: (?:for|about|getting|applying|asking|claiming))?(?: (?:it|one|this|that|them|an? (?:one|assessment)))?"
    r"(?: (?:then|please|now))?\W*$",
    re.IGNORECASE,
)


def answer_how_to_get(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answer "how do I apply for it?" straight after an explanation; False if it is not that."""
    explanation = explained_just_before(tracker, HOW_TO_GET)
    if explanation is None or not explanation.how_to_get:
        return False
    dispatcher.utter_message(text=guide(tracker, f"How to get {explanation.title}:",
                                        f"Staff guide. Tell the caller how to get {explanation.title}:"))
    dispatcher.utter_message(text=explanation.how_to_get)
    dispatcher.utter_message(
        text=guide(tracker, "What would you like to do next?",
                   "Staff guide. Ask the caller what they would like to do next."),
        buttons=[button("Speak to someone", "/human_handoff"), button("Something else", "/help")],
    )
    return True


class ActionOutOfScope(SignpostAction):
    """Not adult social care, unless it is "how do I apply for it?" after an explanation."""

    action_name = "action_out_of_scope"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if not answer_how_to_get(dispatcher, tracker):
            dispatcher.utter_message(response="utter_out_of_scope")
        return []


class ActionInterrupt(SignpostAction):
    """Stop, help, no, not sure: ends any form (so no one is trapped) and offers the menu."""

    action_name = "action_interrupt"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if latest_intent(tracker) == "help" and answer_how_to_get(dispatcher, tracker):
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        resident, staff = INTERRUPT_WORDS.get(latest_intent(tracker) or "", INTERRUPT_WORDS["stop"])
        dispatcher.utter_message(text=guide(tracker, resident, staff), buttons=menu_buttons())
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionFallback(SignpostAction):
    """When Signpost does not understand: say so and suggest what it can do."""

    action_name = "action_fallback"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if answer_how_to_get(dispatcher, tracker):
            return []
        if safety_was_possible(tracker):
            dispatcher.utter_message(text="If you or someone else is in danger now, call 999.")
        if describes_a_situation(tracker):
            # "my nan fell last week and now she is scared to be on her own": talk it through
            from actions.triage import ActionStartTriage

            return [*ActionStartTriage().respond(dispatcher, tracker), FollowupAction("triage_form")]
        text = str((tracker.latest_message or {}).get("text") or "")
        suggestions = []
        category = categories.find_in_text(text)
        if category is not None:
            suggestions = [
                button(f"Find {category.in_sentence} near me", intent_payload("find_service", category=category.slug)),
                button(category.question_title, intent_payload("explain_topic", category=category.slug)),
            ]
        dispatcher.utter_message(
            text=guide(
                tracker,
                "Sorry, I didn't quite understand. You could choose one of these, or say it in a different way.",
                "Staff guide. Signpost did not understand that. Choose a route, or type the caller's words again.",
            ),
            buttons=suggestions + menu_buttons(),
        )
        return []


def safety_was_possible(tracker: Tracker) -> bool:
    """True when the classifier gave a safety intent some weight for the latest message."""
    ranking = (tracker.latest_message or {}).get("intent_ranking") or []
    return any(item.get("name") in SAFETY_INTENTS and (item.get("confidence") or 0) >= 0.2 for item in ranking[:3])


class ActionCarers(SignpostAction):
    """The carers' journey: assessment, breaks, local carers' services, Carer's Allowance."""

    action_name = "action_carers"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        topic = named_topic(str((tracker.latest_message or {}).get("text") or "")[:500])
        if topic:  # "can I get carers allowance for looking after my dad" -> explain it
            return send_explanation(dispatcher, tracker, content.explain(topic))
        council = council_of(tracker)
        dispatcher.utter_message(
            text=guide(
                tracker,
                "Looking after someone is hard work, and there is help for you too. You can ask "
                f"{council.name} for a free carer's assessment. It looks at how caring affects your life "
                "and what would help you, like a break. What would you like to know about?",
                "Staff guide. The caller is a carer. Tell them they can have a free carer's assessment "
                f"from {council.name}, even if the person they care for does not get help. "
                "Ask what they would like to know about:",
            ),
            buttons=[
                button("Carer's assessment", intent_payload("explain_topic", topic="carers-assessment")),
                button("Breaks and respite", intent_payload("find_service", category="respite")),
                button("Carers' services near me", intent_payload("find_service", category="carers-support")),
                button("Carer's Allowance", intent_payload("explain_topic", topic="carers-allowance")),
                button("Talk it through", "/describe_needs"),
            ],
        )
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionExplain(SignpostAction):
    """Explains a topic (assessments, benefits) or a kind of service, from bot.content."""

    action_name = "action_explain"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        explanation = explain_from(tracker)
        if explanation is None and answer_how_to_get(dispatcher, tracker):
            return []
        if explanation is None:
            if entity_values(tracker, "topic", "category"):
                topics = ", ".join(content.explain(slug).title for slug in content.all_topics())
                dispatcher.utter_message(
                    text=wording.say("explain.unknown", mode_of(tracker), topics=topics),
                    buttons=[button("Paying for care", "/paying_for_care"), *menu_buttons("/paying_for_care")],
                )
                return []
            return ActionFallback().respond(dispatcher, tracker)
        return send_explanation(dispatcher, tracker, explanation)


def send_explanation(
    dispatcher: CollectingDispatcher, tracker: Tracker, explanation: content.Explanation
) -> list[dict[str, Any]]:
    """The explanation as short messages, a structured payload and what to do next."""
    for line in explanation.messages(mode_of(tracker)):
        dispatcher.utter_message(text=line)
    dispatcher.utter_message(json_message={"type": "explanation", **explanation.to_dict()})
    if explanation.kind == "category":
        title = f"Find {explanation.title} near me" if len(explanation.title) < 30 else "Find this near me"
        buttons = [button(title, intent_payload("find_service", category=explanation.slug))]
    else:
        buttons = [button("Talk it through", "/describe_needs")]
    buttons += [button("Speak to someone", "/human_handoff"), button("Something else", "/help")]
    dispatcher.utter_message(
        text=guide(tracker, "What would you like to do next?",
                   "Staff guide. Ask the caller what they would like to do next."),
        buttons=buttons,
    )
    events = [ActiveLoop(None), SlotSet("requested_slot", None)]
    return events + ([SlotSet("category", explanation.slug)] if explanation.kind == "category" else [])


def named_topic(text: str) -> str | None:
    """A content topic (needs assessment, Carer's Allowance...) named in ``text``, else None.
    Topics win over service categories: "needs assessment" is a topic, not "advice"."""
    if not text or text.startswith("/"):
        return None
    folded = f" {fold(text)} "
    for slug in content.all_topics():
        title = fold(content.explain(slug).title).removeprefix("a ").removeprefix("an ")
        if f" {slug.replace('-', ' ')} " in folded or f" {title} " in folded:
            return slug
    slug = content.find_topic(text)
    return slug if slug in content.all_topics() else None


def explain_from(tracker: Tracker) -> content.Explanation | None:
    """The explanation for the topic or category in the latest message, if any is known."""
    text = str((tracker.latest_message or {}).get("text") or "")[:500]
    # a topic named in the words first: the synonym mapper may have turned "needs assessment" into
    # the category "advice-advocacy"
    topic = named_topic(text)
    candidates = [topic] if topic else []
    candidates += entity_values(tracker, "topic", "category")
    if not text.startswith("/"):
        candidates.append(text)
    for candidate in candidates:
        try:
            return content.explain(candidate)
        except content.UnknownTopic:
            category = category_from_text(candidate)
            if category is not None:
                return content.explain(category.slug)
    return None
