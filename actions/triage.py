"""Talking it through: the strengths-based triage form and its summary (bot.triage)."""

from __future__ import annotations

import difflib
import re
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
from actions.understand import (
    PLACE_ENTITIES,
    everyday_place_in,
    named_place,
    place_alone,
    validate_place_value,
)
from bot import councils, triage, wording
from bot.text import fold
from directory import categories, places

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
#: "ok carry on", "go on", "continue": keep going with the questions, whatever the classifier says
#: (it has taken "carry on" for stop)
CARRY_ON = re.compile(
    r"^(?:(?:ok|okay|k|yes|yeah|yep|yup|right|alright|all right|sure|fine|sorry|please|thanks|thank you|cool|"
    r"great|ta|oh|so|and)\s+)*(?:carry on|go on|continue|keep going|go ahead|next|next question|next one|proceed|"
    r"lets carry on|lets continue|lets go on|lets keep going|please continue|please carry on|move on|"
    r"lets move on|on you go|crack on|fire away|ask away|carry on asking|keep asking)"
    r"(?:\s+(?:then|please|thanks|thank you|with the questions|with it|asking|x+))*$")
#: "she keeps falling", "he has dementia": someone else, perhaps named in the message before
SOMEONE_ELSE = re.compile(r"\b(?:she|shes|he|hes)\b")


def question_buttons(question: dict[str, Any]) -> list[dict[str, str]]:
    """The question's options as buttons (each sends its value as text), then Skip."""
    buttons = [button(option["title"], str(option["value"])) for option in question.get("options") or []]
    if question["id"] == "hard_things":
        buttons.append(button("Nothing is hard right now", "nothing"))
    return [*buttons, button(*SKIP_BUTTON)]


class ActionStartTriage(SignpostAction):
    """Clear old answers and note who it is for when the first message says ("my mum ...")."""

    action_name = "action_start_triage"
    safety_first = True

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if safety_follow_up(dispatcher, tracker, only_if_reluctant=True):
            # "I don't want to get him in trouble" straight after the safeguarding reply: reassure,
            # do not start the questions
            return [ActiveLoop(None), FollowupAction("action_listen")]
        from actions.routes import answer_in_passing, explain_asked_topic, search_instead  # routes imports us

        # "how do I get one?" straight after the carer's assessment, a young carer, "can mum get
        # attendance allowance?"
        answered = answer_in_passing(dispatcher, tracker) or explain_asked_topic(dispatcher, tracker)
        if answered is not None:
            return [*answered, FollowupAction("action_listen")]
        mode = mode_of(tracker)
        text = latest_text(tracker)[:2000]
        place = place_alone(text) if not triage.parse_who(text).get("relation") else None
        if place is not None:  # "i live in bath": nothing to talk through yet; what kind of help?
            return search_instead(place)
        who = triage.parse_who(text)
        if who.get("relation") and who.get("relation") != "client" and triage.carer_cannot_lift(text):
            # "my wif has parkinsons and i carnt lift her no more we live in burnly": a carer's journey
            return [*carer_lifting(dispatcher, tracker), ActiveLoop(None), FollowupAction("action_listen")]
        outside = mentioned_place(tracker)
        if outside is not None and any(place is not None and place.covered
                                       for place in (_resolve(phrase) for _, phrase in triage.place_mentions(text))):
            outside = None  # "I live in Manchester and mum lives in Accrington": Accrington is ours
        if outside is not None and not outside.covered and outside.council_name:
            from actions.routes import start_search_with, understood_category

            category = understood_category(tracker)
            if category is not None:
                # "ma da lives in glasgow and he needs a carer coming in": the search says who covers
                # Glasgow and that Scotland has its own rules; no questions for an area we don't cover
                return start_search_with(dispatcher, tracker, category, outside)
        events = [SlotSet(slot, None) for slot in QUESTIONS if slot != "place"]
        # "since my husband died", "my mum helps me", "want to meet friends": not about them
        gone = triage.bereaved_relations(text) | triage.side_relations(text)
        # a relation entity that is not a known word ("wif") is read from the words instead
        named = [r if r.lower() in SELF_WORDS else triage.parse_who(f"my {r}").get("relation")
                 for r in entity_values(tracker, "relation")]
        named = [r for r in named if r and r not in gone]
        relations = named or [who.get("relation") or ""]
        someone_else = bool(SOMEONE_ELSE.search(fold(text)))
        if not relations[0] and someone_else:
            relations = [said_before(tracker) or ""]  # "she has dementia" after "...if mum is eligible"
        about_someone_else = bool(relations[0]) and relations[0].lower() not in SELF_WORDS
        if relations[0]:
            relation = relations[0].lower()
            events.append(SlotSet("triage_who", "myself" if relation in SELF_WORDS else f"my {relation}"))
        elif who.get("for") == "self" and (triage.mentions_a_loss(text) or not someone_else and (
                triage.find_outcomes(text) or triage.speaks_for_self(text))):
            # "I'm 78 and struggling with washing since my operation", "since the wife died I'm
            # lost", "i have a learning disability and want to meet friends": about the person writing
            events.append(SlotSet("triage_who", "myself"))
        # "since the wife died I don't see anyone": "I'm sorry about your wife." (not when the chat is
        # about someone else and the loss is mentioned in passing: "mum ... since dad passed")
        sorry = None if about_someone_else else triage.condolence(text, mode)
        if sorry:
            dispatcher.utter_message(text=sorry)
        if outside is not None and not outside.covered and outside.council_name and outside.note:
            dispatcher.utter_message(text=outside.note)  # "Glasgow is covered by Glasgow City Council..."
            events += [SlotSet("place", outside.name)] + ([SlotSet("council", outside.council)]
                                                          if outside.council else [])
        dispatcher.utter_message(text=wording.say("triage.start", mode))
        if tracker.get_slot("place") == "":
            events.append(SlotSet("place", None))
        return events


#: buttons after the carer-who-cannot-lift reply (the equipment search gets the place when known)
def carer_lifting(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """A carer who cannot lift the person ("i carnt lift her no more"): equipment and an occupational
    therapist, and a carer's assessment, with an equipment search near the place they gave."""
    place = mentioned_place(tracker) or close_place(latest_text(tracker)[:2000])
    council = councils.council_for_place(place) if place else council_of(tracker)
    mode = mode_of(tracker)
    where = {"place": place.name} if place else {}
    near = f"Equipment near {place.name}" if place and len(place.name) < 25 else "Equipment near me"
    dispatcher.utter_message(
        text=triage.reply("carer_lifting", mode, council=council.name),
        buttons=[
            button(near, intent_payload("find_service", category="equipment-adaptations", **where)),
            button("Carer's assessment", intent_payload("explain_topic", topic="carers-assessment")),
            button("Breaks and respite", intent_payload("find_service", category="respite", **where)),
            button("Talk it through", "/describe_needs"),
        ],
    )
    events: list[dict[str, Any]] = [SlotSet("requested_slot", None), SlotSet("category", "equipment-adaptations")]
    if place is not None:
        events += [SlotSet("place", place.name)] + ([SlotSet("council", place.council)] if place.council else [])
    return events


def close_place(text: str) -> places.Place | None:
    """A misspelt place after "in", "live in", "from" ("we live in burnly" -> Burnley), when one known
    place is very close; else None."""
    for match in re.finditer(r"\b(?:in|near|from|at)\s+([a-z][a-z'-]{3,})\b", text.lower()):
        word = match.group(1)
        if word in places.everyday_place_names():
            continue
        for name in places.suggest_places(word, limit=1):
            if difflib.SequenceMatcher(None, word, name.lower()).ratio() >= 0.8:
                return places.resolve_place(name)
    return None


def earlier_texts(tracker: Tracker, limit: int = 20) -> list[str]:
    """What the person typed before the latest message (up to ``limit`` messages, oldest first;
    button payloads left out)."""
    users = [str(e.get("text") or "") for e in tracker.events or [] if e.get("event") == "user"]
    return [text for text in users[:-1][-limit:] if text and not text.startswith("/")]


def said_before(tracker: Tracker) -> str | None:
    """The relation named in the person's last two messages before this one ("can you tell me if mum
    is eligible" before "she has dementia, lives alone"), the latest first; else None."""
    for text in reversed(earlier_texts(tracker, limit=2)):
        relation = triage.parse_who(text).get("relation")
        if relation and relation != "client":
            return relation
    return None


def person_words(who: str, mode: str) -> str:
    """ "your dad" (the caller's dad for staff) for a triage_who value such as "my dad"."""
    label = triage.parse_who(who)["label"]
    return label if mode != "staff" else "the caller's " + label.removeprefix("your ")


def mentioned_place(tracker: Tracker) -> places.Place | None:
    """A place the latest message gives anywhere: tied to someone ("he lives in grimsby"), capitalised
    after "in", "near"... or a place entity; "in the bath" is not Bath."""
    text = latest_text(tracker)[:2000]
    everyday = places.everyday_place_names()
    for _, phrase in triage.place_mentions(text):
        if any(word in everyday for word in phrase.split()) and not everyday_place_in(text):
            continue
        place = _resolve(phrase)
        if place is not None:
            return place
    return named_place(text, entity_values(tracker, *PLACE_ENTITIES))


def correction(tracker: Tracker) -> tuple[str, places.Place | None] | None:
    """(the relation, the place if one is given) when the latest message changes who the chat is about
    ("actually it's for my dad not my mum, he lives in grimsby" -> ("dad", Grimsby)); None otherwise."""
    text = latest_text(tracker)
    relation = None if text.startswith("/") else triage.corrected_relation(text)
    return (relation, mentioned_place(tracker)) if relation else None


class ActionAskTriage(SlotQuestion):
    """Asks one triage question in resident or staff wording; subclasses name the slot."""

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        question = triage.question(QUESTIONS[self.slot][0], mode_of(tracker), who=tracker.get_slot("triage_who"))
        return question["text"], question_buttons(question)


class ActionAskTriageWho(ActionAskTriage):
    slot = "triage_who"

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        """ "she can't get in the bath anymore": someone else, so "Who is she to you?", not "yourself,
        or someone else?"."""
        pronoun = pronoun_in(opening_text(tracker) or latest_text(tracker))
        if pronoun is None:
            return super().question(tracker)
        text = triage.reply("who_is_she", mode_of(tracker), pronoun=pronoun)
        buttons = [button(title, value) for title, value in WHO_BUTTONS]
        return text, [*buttons, button(*SKIP_BUTTON)]


#: the answers offered to "Who is she to you?" (each kept as the answer, like typed words)
WHO_BUTTONS = (("My mum", "my mum"), ("My dad", "my dad"), ("My partner", "my partner"),
               ("Another relative", "a relative"), ("A friend or neighbour", "my friend"))


def pronoun_in(text: str) -> str | None:
    """ "she" or "he" when ``text`` talks about someone that way and names no one ("she can't get in
    the bath anymore"); None otherwise (or when it is about the writer too: "she and I")."""
    if not text or text.startswith("/") or triage.parse_who(text).get("relation"):
        return None
    folded = fold(text[:500])
    she, he = re.search(r"\b(?:she|shes|her)\b", folded), re.search(r"\b(?:he|hes|him|his)\b", folded)
    if bool(she) == bool(he):
        return None
    return "she" if she else "he"


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
        """Before reading an answer: "ok carry on" asks the same question again (even when taken for
        stop); a goodbye ends the form politely; a question about the question ("why do you ask?"), a
        clear question about something else ("what is reablement?", "how much does a care home cost?";
        routes.answer_between_questions), a message in another language, or a question about costs is
        answered and the same question asked again. Not answers either: emoji alone ("👍"), a change of
        who it is for ("actually it's my dad I'm more worried about": "OK, your dad."), a place given
        to another question ("preston": noted as the place), and the first message sent again. A young
        carer ("is there anything for me" after "im 15 and i look after my mum") gets their own help
        and the form ends."""
        slot = tracker.get_slot("requested_slot")
        text = latest_text(tracker)
        intent = latest_intent(tracker)
        if slot not in QUESTIONS or text.startswith("/"):
            return await super().run(dispatcher, tracker, domain)
        if intent not in SAFETY_INTENTS and CARRY_ON.match(fold(text)):
            # "ok carry on" (even when taken for stop): the same question again
            return [SlotSet(slot, None)]
        if intent in LEAVING_INTENTS:
            return await super().run(dispatcher, tracker, domain)
        mode = mode_of(tracker)
        if triage.says_goodbye(text) or (intent == "goodbye" and len(text.split()) <= 6):
            dispatcher.utter_message(text=triage.reply("goodbye", mode, council=council_of(tracker).name))
            return ends_the_form(slot)  # without a summary
        if triage.asks_about_the_question(text) or text.strip() in ("?", "??", "???"):
            question_id = QUESTIONS[slot][0]
            dispatcher.utter_message(text=triage.why(question_id, mode, who=tracker.get_slot("triage_who")))
            return [SlotSet(slot, None)]
        if not re.search(r"[^\W_]", text):  # "👍", "..."
            dispatcher.utter_message(text=triage.reply("no_words", mode))
            return [SlotSet(slot, None)]
        if (intent == "thanks" and len(text.split()) <= 4 and not triage.parse_who(text).get("relation")
                or POLITE_ONLY.match(fold(text))):
            # "thank u", "ta love": kind, but not an answer; the question is asked again
            dispatcher.utter_message(text=triage.reply("polite_only", mode))
            return [SlotSet(slot, None)]
        corrected = correction(tracker)
        if corrected is not None:  # "actually it's my dad I'm more worried about"
            return self.corrected(dispatcher, tracker, slot, *corrected)
        from actions.routes import answer_between_questions, young_carer_support  # routes imports this module

        young_carer = young_carer_support(dispatcher, tracker)
        if young_carer is not None:
            # "is there anything for me" from a young carer: their own help, not questions about mum
            kept = [event for event in young_carer if event.get("name") in ("category", "place", "council")]
            return [*ends_the_form(slot), *kept]
        left_out = answer_between_questions(dispatcher, tracker)
        if left_out is not None:
            # "how much does a care home cost?", "what is reablement?", a message in Polish: answered in
            # passing, not kept as the answer; the same question is asked again
            if left_out[:1] and left_out[0].get("payload") == "/paying_for_care":  # it offered an estimate
                dispatcher.utter_message(text=triage.reply("cost_question", mode))
            return [SlotSet(slot, None)]
        wanted = asks_for_a_kind_of_service(tracker, slot)
        if wanted is not None:
            # "equipmnt for lifting": a clear request for a kind of service leaves the questions
            return self.search_instead(dispatcher, tracker, slot, wanted)
        if triage.asks_about_cost(text) and not asks_for_something_new(tracker):
            dispatcher.utter_message(text=triage.reply("cost_question", mode))
            return [SlotSet(slot, None)]
        place = place_alone(text) if slot != "place" and not asks_for_something_new(tracker) else None
        if place is not None:  # "preston", "we live in blackburn" given to another question
            return self.place_noted(dispatcher, mode, slot, place)
        opening = opening_text(tracker)
        if opening and len(fold(text).split()) >= 2 and fold(text) == fold(opening):
            # "help with my mum" sent again: not an answer; the second time, change tack
            if said_just_before(tracker, "repeated"):
                dispatcher.utter_message(text=triage.reply("repeated_again", mode),
                                         buttons=[button("Speak to someone", "/human_handoff"),
                                                  button("Something else", "/help")])
            else:
                dispatcher.utter_message(text=triage.reply("repeated", mode))
            return [SlotSet(slot, None)]
        return await super().run(dispatcher, tracker, domain)

    @staticmethod
    def corrected(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, relation: str,
                  place: places.Place | None) -> list[dict[str, Any]]:
        """ "actually it's my dad I'm more worried about": "OK, your dad.", who it is for (and the
        place) changed, and the question asked again in the new words (answered, if it was "who")."""
        mode = mode_of(tracker)
        who = f"my {relation}"
        dispatcher.utter_message(text=triage.reply("corrected", mode, person=person_words(who, mode),
                                                   where=f" in {place.name}" if place else ""))
        events = [SlotSet("triage_who", who)] + ([SlotSet(slot, None)] if slot != "triage_who" else [])
        if place is not None:
            events += [SlotSet("place", place.name), SlotSet("council", place.council)]
        return events

    @staticmethod
    def search_instead(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str,
                       category: categories.Category) -> list[dict[str, Any]]:
        """Leave the questions for a search: with the place given earlier it runs at once, otherwise
        the search form asks for the place."""
        place = tracker.get_slot("place") or None
        events = [SlotSet(slot, None), SlotSet("requested_slot", None), ActiveLoop(None),
                  SlotSet("category", category.slug), SlotSet("results_offset", 0.0)]
        if place:
            from actions.search import run_search

            return [*events, *run_search(dispatcher, tracker, 0, slug=category.slug, place=place),
                    FollowupAction("action_listen")]
        return [*events, SlotSet("place", None), FollowupAction("service_search_form")]

    @staticmethod
    def place_noted(dispatcher: CollectingDispatcher, mode: str, slot: str, place: places.Place) -> list[dict[str, Any]]:
        """A place given to another question: kept as the place (not asked for again), the question
        asked again; a place outside Signpost's areas is said at once."""
        if place.covered or not place.council_name:
            dispatcher.utter_message(text=triage.reply("place_noted", mode, place=place.name))
        else:
            dispatcher.utter_message(text=triage.reply("place_noted_outside", mode, place=place.name,
                                                       council=place.council_name))
        events = [SlotSet(slot, None), SlotSet("place", place.name)]
        return events + ([SlotSet("council", place.council)] if place.council else [])

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


#: thanks and kind words alone: "thank u", "ta love", "cheers", "thanks pet"
POLITE_ONLY = re.compile(
    r"^(?:(?:ok|okay|oh|right|well|aw+|ah+)\s+)*(?:thank you|thank u|thanks|thankyou|thanx|thx|ty|ta|cheers|"
    r"much appreciated|bless you|lovely|brilliant|great|smashing)(?:\s+(?:so much|very much|love|pet|duck|hun|"
    r"hen|mate|darling|dear|again|a lot|x+|for that|for asking))*$")
#: at most this many words for a kind of service named inside the questions to be a new request
REQUEST_WORDS_AT_MOST = 5


def asks_for_a_kind_of_service(tracker: Tracker, slot: str) -> categories.Category | None:
    """The kind of service a short message inside the questions asks for ("equipmnt for lifting",
    "respite care"), when it names no person and no everyday difficulty; None otherwise. Not for "who
    helps now?" ("carers come in" answers that)."""
    text = latest_text(tracker)[:300]
    if slot in ("triage_helpers", "place") or len(text.split()) > REQUEST_WORDS_AT_MOST:
        return None
    folded = fold(text)
    if triage.parse_who(text).get("relation") or SOMEONE_ELSE.search(folded) or triage.parse_hard_things(text):
        return None
    from actions.understand import category_from_text

    for value in entity_values(tracker, "category"):
        category = category_from_text(value)
        if category is not None:
            return category
    found = categories.match_category(text)
    if found is None and " for " in f" {folded} ":  # "equipmnt for lifting", a misspelt kind with its use
        found = category_from_text(text)
    return found


def said_just_before(tracker: Tracker, reply_key: str) -> bool:
    """True when Signpost's last turn included the triage reply ``reply_key`` (in either wording)."""
    said = {triage.reply(reply_key, mode) for mode in wording.MODES}
    bots, _ = bot_turn_before(tracker)
    return any(event.get("text") in said for event in bots)


def ends_the_form(slot: str) -> list[dict[str, Any]]:
    """Events that end the talk-it-through form from its validation, with no summary: Signpost listens
    next, not action_triage_summary."""
    return [SlotSet(slot, None), SlotSet("requested_slot", None), ActiveLoop(None), FollowupAction("action_listen")]


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
