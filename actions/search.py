"""Searching the directory and sending the results: cards, a line of text for each, and the ways
on ("More results", "Search somewhere else"). Used by the search form's actions (services) and by a
follow-up that names another place ("what about in Bath instead", routes).

Imports go one way: common, understand and search <- triage <- routes <- services, general, funding."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import button, guide, intent_payload, menu_buttons
from directory import categories
from directory.db import session_scope
from directory.errors import DirectoryError

logger = logging.getLogger(__name__)

PAGE_SIZE = 5


def card(result: dict[str, Any]) -> dict[str, Any]:
    """The fields of a directory result that the widget shows on a service card."""
    keys = ("id", "name", "organisation", "category", "description", "address", "postcode", "town",
            "council", "distance_km", "phone", "email", "url", "cost", "eligibility", "source", "is_sample",
            "match", "match_note", "area_note")
    return {key: result.get(key) for key in keys}


def card_text(number: int, result: dict[str, Any]) -> str:
    """One short line of text for a card, for screen readers and text-only channels."""
    parts = [f"{number}. {result.get('name')}"]
    where = result.get("town") or result.get("address")
    distance = float(result["distance_km"]) if result.get("distance_km") is not None else None
    if distance is not None and distance >= 0.5 and where:
        where = f"{where}, about {distance:.0f} km away" if distance >= 2 else f"{where}, under 2 km away"
    if where:
        parts.append(f"({where})")
    line = " ".join(parts).rstrip(".") + "."
    contact = result.get("phone") or result.get("url") or result.get("email")
    if contact:
        line += f" Contact: {contact}."
    if result.get("cost"):
        line += f" Cost: {str(result['cost']).rstrip('.')}."
    if result.get("match_note"):  # listed under the kind asked for, but mainly another kind of service
        line += f" {result['match_note']}"
    if result.get("area_note"):  # only for some districts of the council
        line += f" {result['area_note']}"
    if result.get("is_sample"):
        line += " This is a sample record, not a real service."
    return line


def run_search(
    dispatcher: CollectingDispatcher, tracker: Tracker, offset: int, slug: str | None = None,
    place: str | None = None,
) -> list[dict[str, Any]]:
    """Search the directory for the kind of service (``slug``) and place given, by default those in the
    slots, and send the results."""
    slug, place = slug or tracker.get_slot("category"), place or tracker.get_slot("place")
    category = categories.get_category(slug) if slug else None
    if category is None or not place:
        dispatcher.utter_message(
            text=guide(tracker, "What kind of service shall I look for?",
                       "Staff guide. Ask the caller what kind of service they are looking for."),
            buttons=[button("Find a local service", "/find_service"), *menu_buttons("/find_service")],
        )
        return []
    try:
        with session_scope() as session:
            from directory.search import search_services

            found = search_services(session, category=category.slug, near=place, limit=PAGE_SIZE, offset=offset)
    except DirectoryError as error:
        suggestions = [button(s, intent_payload("inform", place=s)) for s in error.suggestions[:4]]
        dispatcher.utter_message(text=error.message, buttons=suggestions or None)
        if error.national:
            dispatcher.utter_message(json_message={"type": "service_cards", "cards": [],
                                                   "national": [card(r) for r in error.national]})
        return [SlotSet("place", None)]
    except Exception:  # the directory being down must not end the conversation
        logger.exception("directory search failed")
        dispatcher.utter_message(
            text="Sorry, I can't search the directory just now. Please try again in a few minutes, "
            "or choose \"Speak to someone\".",
            buttons=menu_buttons(),
        )
        return []
    return send_results(dispatcher, tracker, category, place, found, offset)


def send_results(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    category: categories.Category,
    place: str,
    found: dict[str, Any],
    offset: int,
) -> list[dict[str, Any]]:
    results = found.get("results") or []
    national = found.get("national") or []
    total = int(found.get("total") or 0)
    location = found.get("location") or {}
    where = location.get("name") or place
    events: list[dict[str, Any]] = [SlotSet("results_offset", float(offset))]
    if location.get("council"):
        events.append(SlotSet("council", location["council"]))
    if found.get("notice") and not offset:
        dispatcher.utter_message(text=found["notice"])
    if not results:
        text = (f"I couldn't find any more {category.name.lower()} near {where}." if offset
                else f"I couldn't find any {category.name.lower()} near {where} in the directory.")
        if national:
            text += " These national services may help:"
        dispatcher.utter_message(text=text)
    else:
        first, last = offset + 1, offset + len(results)
        intro = guide(
            tracker,
            # "what I found for ..." reads right for every kind ("Here are home care" did not)
            f"Here is what I found for {category.in_sentence} near {where} ({first} to {last} of {total}):",
            f"Staff guide. Read what I found for {category.in_sentence} near {where} to the caller "
            f"({first} to {last} of {total}):",
        )
        lines = [card_text(first + i, result) for i, result in enumerate(results)]
        dispatcher.utter_message(text="\n".join([intro, *lines]))
    shown = results or national
    if shown:
        dispatcher.utter_message(
            json_message={
                "type": "service_cards",
                "category": {"slug": category.slug, "name": category.name},
                "location": location or None,
                "offset": offset,
                "total": total,
                "cards": [card(result) for result in results],
                "national": [card(result) for result in national],
            }
        )
        if not results:
            dispatcher.utter_message(text="\n".join(card_text(i + 1, r) for i, r in enumerate(national)))
    buttons = []
    if offset + len(results) < total:
        buttons.append(button("More results", "/more_results"))
    buttons.append(button("Search somewhere else", "/search_elsewhere"))
    about = f"About {category.name.lower()}" if len(category.name) <= 25 else "About this kind of service"
    buttons.append(button(about, intent_payload("explain_topic", category=category.slug)))
    buttons.append(button("Something else", "/help"))
    dispatcher.utter_message(
        text=guide(tracker, "What would you like to do next?", "Staff guide. Ask the caller what they would like next."),
        buttons=buttons,
    )
    return events
