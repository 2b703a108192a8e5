"""Actions around the journeys: staff mode, speaking to a person, stopping, fallback, carers."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    SignpostAction,
    button,
    council_of,
    entity_values,
    guide,
    intent_payload,
    latest_intent,
    latest_text,
    menu_buttons,
    mode_of,
)
from actions.routes import (
    answer_in_passing,
    ends_any_form,
    explain_named_topic,
    explain_the_assessment,
    named_topic,
    not_in_english,
    not_understood,
    send_explanation,
    talk_it_through_instead,
)
from actions.safety import follow_up as safety_follow_up
from actions.triage import carer_lifting
from actions.understand import category_from_text, describes_a_situation
from bot import content, councils, triage, wording
from directory import places


class ActionSetMode(SignpostAction):
    """Runs after every user message (a custom slot mapping): keeps the `mode` slot in step
    with the message metadata, so {"mode": "staff"} turns on the guided script."""

    action_name = "action_set_mode"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        mode = mode_of(tracker)
        return [] if tracker.get_slot("mode") == mode else [SlotSet("mode", mode)]


#: words that ask for a person (or to be contacted); without one, "speak to someone" inside a form is
#: the classifier's guess about an answer
ASKS_FOR_A_PERSON = re.compile(
    r"\b(?:person|people|someone|somebody|anyone|anybody|human|real|speak|speaking|talk|talking|call|phone|ring|"
    r"rang|text|email|advis\w*|agent|staff|operator|worker|social worker|contact|number|representative|help ?line|"
    r"office|team|council|adviser|transfer|useless|rubbish|crap|no help|not helping|waste)\b",
    re.IGNORECASE,
)


class ActionHandoff(SignpostAction):
    """How to reach a person at the council, its hours, and how to ask for a call back."""

    action_name = "action_handoff"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if safety_follow_up(dispatcher, tracker, only_if_reluctant=True):
            return []  # "I don't want to talk to anyone" straight after the Samaritans reply
        loop = (tracker.active_loop or {}).get("name")
        text = latest_text(tracker)
        if loop and not text.startswith("/") and not ASKS_FOR_A_PERSON.search(text[:500]):
            # inside a form, a typed answer with no word about a person ("Robert'); DROP TABLE places;--")
            # taken for "speak to someone": the form's question again, not the council's contacts
            return [FollowupAction(loop)]
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


class ActionOutOfScope(SignpostAction):
    """Not adult social care, unless it is a question answered in passing ("how do I apply for
    it?" after an explanation, "how much is it?" after a search)."""

    action_name = "action_out_of_scope"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        events = answer_in_passing(dispatcher, tracker)
        if events is not None:
            return events
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


class ActionInterrupt(SignpostAction):
    """Stop, help, no, not sure: ends any form (so no one is trapped) and offers the menu."""

    action_name = "action_interrupt"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        # a message in another language taken for "no" or "stop" gets the interpreter reply too
        events = (answer_in_passing if latest_intent(tracker) == "help" else not_in_english)(dispatcher, tracker)
        if events is not None:
            return events
        resident, staff = INTERRUPT_WORDS.get(latest_intent(tracker) or "", INTERRUPT_WORDS["stop"])
        dispatcher.utter_message(text=guide(tracker, resident, staff), buttons=menu_buttons())
        return ends_any_form()


class ActionFallback(SignpostAction):
    """When Signpost does not understand: say so and suggest what it can do."""

    action_name = "action_fallback"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        return not_understood(dispatcher, tracker)


#: a message about caring ("I look after", "carer", "a break"): the carers' journey fits
CARER_WORDS = re.compile(
    r"\b(?:car(?:e|es|er|ers|ing)|look(?:s|ing)? after|lift\w*|break|respite|allowance|tired|exhausted|cope|coping|"
    r"breaking point|sitting service)\b",
    re.IGNORECASE,
)


class ActionCarers(SignpostAction):
    """The carers' journey: assessment, breaks, local carers' services, Carer's Allowance."""

    action_name = "action_carers"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        events = answer_in_passing(dispatcher, tracker)
        if events is not None:  # "how do I get a carer's assessment in Leicestershire?"
            return events
        explained = explain_named_topic(dispatcher, tracker)
        if explained is not None:  # "can I get carers allowance for looking after my dad" -> explain it
            return explained
        if not CARER_WORDS.search(latest_text(tracker)[:2000]) and describes_a_situation(tracker):
            # "my son is 19 and autistic, he wants to move out, what are the options" taken for carers:
            # nothing about caring in it, so it is talked through
            return talk_it_through_instead(dispatcher, tracker)
        if triage.carer_cannot_lift(latest_text(tracker)[:2000]):
            # "my wif has parkinsons and i carnt lift her no more": equipment near them, a carer's assessment
            return carer_lifting(dispatcher, tracker)
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
        return ends_any_form()


class ActionExplain(SignpostAction):
    """Explains a topic (assessments, benefits) or a kind of service, from bot.content."""

    action_name = "action_explain"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        events = answer_in_passing(dispatcher, tracker)
        if events is not None:  # "how do I get a carer's assessment?", "can I pay my son with direct payments?"
            return events
        explanation = explain_from(tracker)
        if explanation is None:
            events = explain_the_assessment(dispatcher, tracker)  # "does the council have to assess her?"
            if events is not None:
                return events
            if entity_values(tracker, "topic", "category"):
                topics = ", ".join(content.explain(slug).title for slug in content.all_topics())
                dispatcher.utter_message(
                    text=wording.say("explain.unknown", mode_of(tracker), topics=topics),
                    buttons=[button("Paying for care", "/paying_for_care"), *menu_buttons("/paying_for_care")],
                )
                return []
            return ActionFallback().respond(dispatcher, tracker)
        return send_explanation(dispatcher, tracker, explanation)


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
