"""Finding a service: the search form (category + place, asking only for what is missing),
then the search (actions.search: the results as cards), "More results" and "Search somewhere else"."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    SKIP_BUTTON,
    LeavesFormOnNewRequest,
    SignpostAction,
    SlotQuestion,
    button,
    council_of,
    entity_values,
    guide,
    intent_payload,
    keep_none,
    latest_intent,
    latest_text,
    mode_of,
    page_council,
)
from actions.routes import answer_in_passing, explain_named_topic, not_understood, talk_it_through_instead
from actions.search import PAGE_SIZE, run_search
from actions.understand import (
    CATEGORY_ENTITIES,
    PLACE_ENTITIES,
    category_from_text,
    describes_a_situation,
    names_nothing_to_search,
    place_from_text,
    validate_place_value,
)
from bot import councils, triage, wording
from directory import categories

#: The categories offered as buttons when we ask what kind of help is wanted.
CATEGORY_BUTTONS = (
    ("Day centres and clubs", "day-services"),
    ("Help at home", "home-care"),
    ("Meals at home", "meals-at-home"),
    ("Alarms and telecare", "telecare"),
    ("Support for carers", "carers-support"),
    ("Breaks and respite", "respite"),
    ("Equipment and adaptations", "equipment-adaptations"),
    ("Dementia support", "dementia-support"),
    ("Groups and activities", "community-wellbeing"),
    ("Care homes", "care-homes"),
)


def category_buttons() -> list[dict[str, str]]:
    known = {category.slug for category in categories.all_categories()}
    return [
        button(title, intent_payload("inform", category=slug)) for title, slug in CATEGORY_BUTTONS if slug in known
    ]


class ActionStartSearch(SignpostAction):
    """Before the search form: a new search starts from the first page and forgets an old
    category unless this message names a category or a place (the place is kept: people
    rarely move)."""

    action_name = "action_start_search"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        answered = answer_in_passing(dispatcher, tracker)
        if answered is not None:  # "how do I get a carer's assessment in Leicestershire?": not a search
            return [*answered, FollowupAction("action_listen")]
        explained = explain_named_topic(dispatcher, tracker)
        if explained is not None:  # "can I get carers allowance for looking after my dad": not a search
            return [*explained, FollowupAction("action_listen")]
        if describes_a_situation(tracker):
            # "my brother is struggling at home": no service named, so talk it through instead
            return talk_it_through_instead(dispatcher, tracker)
        if names_nothing_to_search(tracker):
            # "she's 80" on its own, outside any question: not a search
            return [*not_understood(dispatcher, tracker), FollowupAction("action_listen")]
        events: list[dict[str, Any]] = [SlotSet("results_offset", 0.0)]
        # "/find_service" starts afresh; "Grimsby" (a place alone) searches the same kind of service there
        if not entity_values(tracker, *CATEGORY_ENTITIES, *PLACE_ENTITIES) and latest_intent(tracker) != "inform":
            events.append(SlotSet("category", None))
        if tracker.get_slot("place") == "":  # skipped in the triage form
            events.append(SlotSet("place", None))
        return events


class ValidateServiceSearchForm(LeavesFormOnNewRequest, FormValidationAction):
    #: "what is reablement?" while asked for a town is explained, not taken as a place; a new
    #: search ("is there a day centre in Preston") stays in this form and answers it
    new_request_intents = ("explain_topic", "paying_for_care", "carer_support")

    def name(self) -> str:
        return "validate_service_search_form"

    @keep_none
    async def validate_category(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        category = category_from_text(value if isinstance(value, str) else None)
        if category is None:
            # a message may carry the category in any of its entities
            for text in entity_values(tracker, *CATEGORY_ENTITIES):
                category = category_from_text(text)
                if category:
                    break
        if category is None and tracker.get_slot("requested_slot") != "category":
            # a stray word taken as a category while answering another question ("DROP TABLE
            # places" for the town): keep the kind of service already chosen
            earlier = category_from_text(earlier_slot_value(tracker, "category"))
            if earlier is not None:
                return {"category": earlier.slug}
            # the question was not asked yet ("help with a shower instead of a bath"): just ask it
            return {"category": None}
        if category is None:
            if latest_intent(tracker) in ("not_sure", "decline"):
                message = guide(tracker, "That's fine. Have a look at these, or choose \"Talk it through\" "
                                "and I'll help you work out what might help.",
                                "Staff guide. Read the main kinds of help to the caller, or talk it through.")
            elif unknown_kinds_in_this_search(tracker) >= 1:
                # the second miss in a row: stop asking and offer other ways on (no loop)
                dispatcher.utter_message(text=guide(tracker, STILL_UNKNOWN_KIND, STILL_UNKNOWN_KIND_STAFF))
                return {"category": None, "requested_slot": None}
            else:
                message = guide(tracker, UNKNOWN_KIND, UNKNOWN_KIND_STAFF)
            dispatcher.utter_message(text=message)
            return {"category": None}
        return {"category": category.slug}

    @keep_none
    async def validate_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = latest_text(tracker)
        if tracker.get_slot("requested_slot") == "place" and not text.startswith("/"):
            if triage.asks_about_the_question(text) or WHY_THE_PLACE.search(text):
                # "why do you need to know where I live?": why, then the same question
                dispatcher.utter_message(text=wording.say("search.why_place", mode_of(tracker)))
                return {"place": None}
            if category_from_text(text) is not None and place_from_text(text, tracker) is None:
                # "no wait, I meant a sitting service for dad": the kind of service changes (the
                # category slot), the town is asked for again without "I don't know that place"
                return {"place": None}
        return validate_place_value(value, dispatcher, tracker)


#: "why do you need to know where I live?", "why do you want my postcode"
WHY_THE_PLACE = re.compile(r"\bwhy\b.{0,30}\b(?:where|postcode|town|address|live|lives|location)\b", re.IGNORECASE)
UNKNOWN_KIND = "Sorry, I don't know that kind of service yet."
UNKNOWN_KIND_STAFF = "Staff guide. Signpost does not know that kind of service."
STILL_UNKNOWN_KIND = ("Sorry, I still can't match that to a kind of service. You can choose one below, "
                      "talk it through with me, or speak to someone.")
STILL_UNKNOWN_KIND_STAFF = ("Staff guide. Signpost still cannot match that to a kind of service. Choose one "
                            "with the caller, talk it through, or pass the call on.")


def unknown_kinds_in_this_search(tracker: Tracker) -> int:
    """How many times this search has already said it does not know the kind of service."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == "service_search_form":
            break
        if event.get("event") == "bot" and event.get("text") in (UNKNOWN_KIND, UNKNOWN_KIND_STAFF):
            count += 1
    return count


def earlier_slot_value(tracker: Tracker, slot: str) -> str | None:
    """The slot's value before the latest user message (None if it had none)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
            return value if isinstance(value, str) else None
    return None


class ActionAskCategory(SlotQuestion):
    slot = "category"

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        text = guide(
            tracker,
            "What kind of help are you looking for? Choose one, or type it in your own words "
            "(for example \"pendant alarm\" or \"day centre\").",
            "Staff guide. Ask the caller what kind of help they are looking for. Choose one, or type "
            "the caller's words.",
        )
        return text, [*category_buttons(), button("Not sure: talk it through", "/describe_needs")]


def place_example_for(tracker: Tracker) -> str:
    """The example town and postcode for the council in use: the one the person named, else the
    page's council (message metadata), else the deployment default ("Loughborough, or LE11")."""
    return councils.place_example(council_of(tracker), page_council(tracker))


class ActionAskPlace(SlotQuestion):
    """Asks for a town or postcode (worded for the triage form when that is running)."""

    slot = "place"

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        if (tracker.active_loop or {}).get("name") == "triage_form":
            question = triage.question("place", mode_of(tracker), who=tracker.get_slot("triage_who"))
            return question["text"], [button(*SKIP_BUTTON)]
        text = guide(
            tracker,
            f"Which town or postcode should I look near? For example {place_example_for(tracker)}.",
            "Staff guide. Ask the caller for the town or postcode where the person lives.",
        )
        return text, [button("Stop searching", "/stop")]


class ActionSearchServices(SignpostAction):
    action_name = "action_search_services"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        return run_search(dispatcher, tracker, offset=0)


class ActionMoreResults(SignpostAction):
    action_name = "action_more_results"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        offset = int(tracker.get_slot("results_offset") or 0) + PAGE_SIZE
        return run_search(dispatcher, tracker, offset=offset)


class ActionSearchElsewhere(SignpostAction):
    """Forget the place (unless this message names a new one) so the form asks again."""

    action_name = "action_search_elsewhere"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = [SlotSet("results_offset", 0.0)]
        if not entity_values(tracker, *PLACE_ENTITIES):
            events.append(SlotSet("place", None))
        return events
