"""Steps shared by several journeys: explaining something, "what would you like to do next?",
the questions answered in passing before a journey starts ("how much is it?" after a search,
"will they make me sell my house?", "how do I get a carer's assessment in Leicestershire?"),
a message in another language, a follow-up naming another place ("what about in Bath instead"),
questions answered between the talk-it-through questions, talking it through instead, and the
fallback. Every answer comes from bot.content, bot.language, the directory's categories or the
council profiles; nothing here holds a figure or a rule.

Imports go one way: common, understand and search <- triage <- routes <- services, general, funding."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    SAFETY_INTENTS,
    bot_turn_before,
    button,
    council_of,
    entity_values,
    explained_just_before,
    guide,
    intent_payload,
    last_subject,
    latest_text,
    menu_buttons,
    mode_of,
)
from actions.safety import follow_up as safety_follow_up
from actions.search import run_search
from actions.triage import ActionStartTriage, correction, earlier_texts, person_words
from actions.understand import (
    category_from_text,
    describes_a_situation,
    named_place,
    place_alone,
    place_follow_up,
)
from bot import content, councils, language, triage
from bot.text import fold
from directory import categories, places

Events = list[dict[str, Any]]

SPEAK_TO_SOMEONE = ("Speak to someone", "/human_handoff")
SOMETHING_ELSE = ("Something else", "/help")


def what_next(dispatcher: CollectingDispatcher, tracker: Tracker, buttons: list[dict[str, str]]) -> None:
    """The closing question of an answer, with the ways on as buttons."""
    dispatcher.utter_message(
        text=guide(tracker, "What would you like to do next?",
                   "Staff guide. Ask the caller what they would like to do next."),
        buttons=buttons,
    )


def ends_any_form() -> Events:
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


def send_explanation(
    dispatcher: CollectingDispatcher, tracker: Tracker, explanation: content.Explanation
) -> Events:
    """The explanation as short messages, a structured payload and what to do next."""
    for line in explanation.messages(mode_of(tracker)):
        dispatcher.utter_message(text=line)
    dispatcher.utter_message(json_message={"type": "explanation", **explanation.to_dict()})
    if explanation.kind == "category":
        title = f"Find {explanation.title} near me" if len(explanation.title) < 30 else "Find this near me"
        buttons = [button(title, intent_payload("find_service", category=explanation.slug))]
    else:
        buttons = [button("Talk it through", "/describe_needs")]
    what_next(dispatcher, tracker, [*buttons, button(*SPEAK_TO_SOMEONE), button(*SOMETHING_ELSE)])
    return ends_any_form() + ([SlotSet("category", explanation.slug)] if explanation.kind == "category" else [])


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


def explain_named_topic(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A message that names a content topic (Carer's Allowance, a needs assessment, NHS Continuing
    Healthcare), not a kind of service: that topic explained; None otherwise. For journeys that
    cannot serve a topic, like the search ("can I get carers allowance for my dad?")."""
    text = latest_text(tracker)[:500]
    topic = named_topic(text) or next((slug for slug in map(content.find_topic, entity_values(tracker, "topic"))
                                       if slug in content.all_topics()), None)
    return send_explanation(dispatcher, tracker, content.explain(topic)) if topic else None


def offer_estimate(dispatcher: CollectingDispatcher, tracker: Tracker, *extra: dict[str, str]) -> None:
    """After a short answer about money: would they like a rough idea of what they might pay?"""
    dispatcher.utter_message(
        text=guide(tracker, "Would you like a rough idea of what you might pay?",
                   "Staff guide. Ask the caller if they would like a rough idea of what they might pay."),
        buttons=[button("Work out what I might pay", "/paying_for_care"), *extra, *menu_buttons("/paying_for_care")],
    )


# -- "how do I get it?" ---------------------------------------------------------------------------

#: "how do I apply for it?", "how do we get one", "where do I ask": a follow-up to an explanation
HOW_TO_GET = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|right|but|then)\W+)?(?:(?:how|where) (?:do|can|would|could|should|shall|does|will) "
    r"(?:i|we|you|they|she|he|one|my \w+) (?:get|apply|ask|claim|request|arrange|go about|sign up|start|find)\b"
    r"(?: (?:for|about|getting|applying|asking|claiming))?(?: (?:it|one|this|that|them|an? (?:one|assessment)))?"
    # "who does it?", "who do I ask?" (after the NHS Continuing Healthcare explanation)
    r"|who (?:does|do|can|will|would) (?:it|that|this|them|the (?:assessment|checklist))"
    r"|who (?:do|should|can) (?:i|we) (?:ask|contact|speak to|talk to|go to|ring|call|apply to)(?: about (?:it|this|that))?)"
    r"(?: (?:then|please|now))?\W*$",
    re.IGNORECASE,
)
#: "how do I get a carer's assessment in Leicestershire?": a topic named in the question itself
HOW_TO_GET_NAMED = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|right|but|then|please)\W+)?(?:how|where) (?:(?:do|can|would|could|should|shall|"
    r"does|will) (?:i|we|you|they|she|he|one|my \w+) |to )(?:get|apply|ask|claim|request|arrange|go about|sign up|"
    r"book|have)\b",
    re.IGNORECASE,
)
#: "... in Leicestershire", "... near LE1 6ZG": the place a question ends with
PLACE_AT_THE_END = re.compile(r"\b(?:in|near|around|for) ([A-Za-z0-9][A-Za-z0-9 .'&-]{1,40}?)\W*$")


def _place_asked_about(tracker: Tracker) -> places.Place | None:
    """The place a question names: a place entity, or the words it ends with ("... in leicestershire")."""
    text = latest_text(tracker)[:300]
    found = PLACE_AT_THE_END.search(text)
    return named_place(text, [*entity_values(tracker, "place", "postcode"), *([found.group(1)] if found else [])])


def _to_get(tracker: Tracker) -> content.Explanation | None:
    explanation = explained_just_before(tracker, HOW_TO_GET)
    if explanation is not None:
        return explanation
    text = latest_text(tracker)
    topic = named_topic(text[:300]) if len(text) < 200 and HOW_TO_GET_NAMED.match(text) else None
    # "how do I get help paying for care?" is the paying-for-care journey itself, not the
    # financial assessment its aliases name
    return content.explain(topic) if topic and topic != "financial-assessment" else None


def answer_how_to_get(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """Answer "how do I apply for it?" straight after an explanation or a search, or "how do I get
    a carer's assessment in Leicestershire?" (with that place's council); None if it is not that."""
    explanation = _to_get(tracker)
    if explanation is None or not explanation.how_to_get:
        return None
    return how_to_get_there(dispatcher, tracker, explanation, _place_asked_about(tracker))


def how_to_get_there(
    dispatcher: CollectingDispatcher, tracker: Tracker, explanation: content.Explanation, place: places.Place | None
) -> Events:
    """The explanation's "How to get it", with the contacts of the place's council when a place is given."""
    dispatcher.utter_message(text=guide(tracker, f"How to get {explanation.title}:",
                                        f"Staff guide. Tell the caller how to get {explanation.title}:"))
    dispatcher.utter_message(text=explanation.how_to_get)
    events = ends_any_form()
    if place is not None and place.council:
        council = councils.council_for_place(place)
        dispatcher.utter_message(text="\n".join([f"{council.name}:", *council.contact_lines()]))
        events.append(SlotSet("council", place.council))
    what_next(dispatcher, tracker, [button(*SPEAK_TO_SOMEONE), button(*SOMETHING_ELSE)])
    return events


# -- "is it free?" ----------------------------------------------------------------------------------

_IT = r"(?:it|that|this|they|these|those|them)"
#: "is it free?", "how much does it cost?" straight after an explanation or a search: about that thing
ASKS_THE_COST_OF_IT = re.compile(
    rf"^\W*(?:(?:and|so|ok|okay|but|right)\W+)?(?:(?:is|are) {_IT} free|how much (?:does|do|will|would|is|are) {_IT}"
    rf"(?: (?:cost|charge))?|what (?:does|do|will|would) {_IT} cost|what(?:'?s| is) the (?:cost|price|charge)"
    rf"|(?:does|do|will) {_IT} cost (?:anything|money|much)|do (?:i|we|you|they) (?:have to )?pay(?: for {_IT})?)"
    r"(?: (?:then|please))?\W*$",
    re.IGNORECASE,
)


#: "is reablement free?", "how much does a pendant alarm cost?", "do I have to pay for a needs
#: assessment?": the cost of a thing named in the question (not "how much will I pay?")
ASKS_THE_COST_OF_A_NAMED_THING = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but|right|please)\W+)?(?:"
    r"(?:is|are) (?P<free>.{3,60}?) free"
    r"|how much (?:does|do|is|are) (?P<much>.{3,60}?)(?: cost| charge)?"
    r"|what (?:does|do) (?P<what>.{3,60}?) cost"
    r"|(?:do|would|will) (?:i|we|they|you|she|he|my \w+) (?:have to |need to )?pay for (?P<pay>.{3,60}?)"
    r"|is there (?:a|any) (?:charge|cost|fee) for (?P<charge>.{3,60}?))"
    r"(?: (?:then|please|now|for pensioners|for (?:my|her|him|them|me)(?: \w+)?))?\W*$",
    re.IGNORECASE,
)


#: a cost question anywhere in a longer message ("mum keeps pressing her pendant alarm by accident, does
#: it cost anything each time"): answered for the kind of service the message names. Not "how much
#: will I pay", which starts the estimate.
ASKS_A_COST_IN_PASSING = re.compile(
    r"\b(?:(?:does|do|will|would) (?:it|that|this|they|these) cost|costs? anything|(?:do|will) (?:we|i|you|they|she|he)"
    r" get charged|is there a (?:charge|fee)|(?:is|are) (?:it|they|that) free)\b",
    re.IGNORECASE,
)


def _named_cost(tracker: Tracker) -> content.Explanation | None:
    text = latest_text(tracker)
    found = ASKS_THE_COST_OF_A_NAMED_THING.match(text[:200]) if not text.startswith("/") else None
    thing = next((value for value in (found.groupdict().values() if found else ()) if value), None)
    slug = content.find_topic(thing) if thing else None
    if slug is None and not text.startswith("/") and ASKS_A_COST_IN_PASSING.search(text[:300]):
        category = category_entity(tracker)
        slug = category.slug if category else None
    return content.explain_or_none(slug) if slug else None


def answer_the_cost(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """The "What it costs" line of the kind of service explained or searched for just before ("is it
    free?"), or of the service or topic the question names ("is reablement free?"), then the offer of
    an estimate; None if the message is not that kind of question."""
    explanation = explained_just_before(tracker, ASKS_THE_COST_OF_IT, within_turns=1) or _named_cost(tracker)
    cost = content.cost_line(explanation) if explanation is not None else None
    if cost is None:
        return None
    dispatcher.utter_message(text=cost)
    if explanation.kind == "category":  # care that may be charged for: would they like an estimate?
        offer_estimate(dispatcher, tracker)
    else:  # an assessment or NHS care: free, so no estimate
        what_next(dispatcher, tracker, [button("Talk it through", "/describe_needs"), button(*SPEAK_TO_SOMEONE),
                                        button(*SOMETHING_ELSE)])
    return []


# -- short answers from bot/content/answers.yml ------------------------------------------------------

def answer_from_content(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A short answer ("will they make me sell my house?", "can I pay my daughter with it?" after
    direct payments) from bot/content/answers.yml; None if the message asks none of them."""
    text = latest_text(tracker)
    slug = None if text.startswith("/") else content.find_answer(text, last_subject(tracker, within_turns=1))
    if slug is None:
        return None
    answer = content.answer(slug)
    for line in answer.messages(mode_of(tracker)):
        dispatcher.utter_message(text=line)
    dispatcher.utter_message(json_message={"type": "explanation", **answer.to_dict()})
    related = answer.extra.get("related")
    about = []
    if related:  # "What is a deferred payment agreement?"
        about.append(button(f"What is {content.explain(related).title}?", intent_payload("explain_topic", topic=related)))
    if answer.extra.get("estimate"):
        offer_estimate(dispatcher, tracker, *about)
    else:  # "is she eligible?": the talk-it-through says if asking for an assessment looks worth it
        what_next(dispatcher, tracker, [*about, button("Talk it through", "/describe_needs"),
                                        button(*SPEAK_TO_SOMEONE), button(*SOMETHING_ELSE)])
    return ends_any_form()


# -- young carers ------------------------------------------------------------------------------------

#: the writer asking for themselves: "is there anything for me", "what about me", "what help can I get"
ASKS_FOR_ME = re.compile(
    r"\b(?:anything|something|help|support|nothing)(?: (?:at all|out there|available))? for me\b|\bwhat about me\b"
    r"|\bwhat (?:help|support) (?:can|could|do) i (?:get|have)\b|\bcan i get (?:any |some )?(?:help|support)\b"
    r"|\bwho can help me\b|\bhelp for myself\b",
    re.IGNORECASE,
)


def young_carer_before(tracker: Tracker) -> bool:
    """True when an earlier message in this conversation came from (or was about) a young carer."""
    return any(triage.young_carer(text) for text in earlier_texts(tracker))


def young_carer_support(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A young carer ("im 15 and i look after my mum", "im a young carer, i'm 14"), or "is there
    anything for me" after one: help for young carers (bot/content/answers.yml ``young-carers``: ask
    the council about support and a young carer's needs assessment; carers' services), the carers'
    services search, and never Carer's Allowance. None otherwise."""
    text = latest_text(tracker)[:1000]
    if text.startswith("/"):
        return None
    if not (triage.young_carer(text) or (ASKS_FOR_ME.search(text) and young_carer_before(tracker))):
        return None
    answer = content.answer("young-carers")
    for line in answer.messages(mode_of(tracker)):
        dispatcher.utter_message(text=line)
    dispatcher.utter_message(json_message={"type": "explanation", **answer.to_dict()})
    what_next(dispatcher, tracker, [
        button("Carers' services near me", intent_payload("find_service", category="carers-support")),
        button(*SPEAK_TO_SOMEONE), button(*SOMETHING_ELSE)])
    # a town given next ("we live in blackburn") searches carers' services there
    events = [*ends_any_form(), SlotSet("category", "carers-support")]
    place = named_place(text, entity_values(tracker, "place", "postcode"))
    return events + ([SlotSet("place", place.name), SlotSet("council", place.council)] if place else [])


# -- "actually it's for my dad not my mum" ------------------------------------------------------------

def correct_who(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """After a search or an explanation, a change of who it is for ("actually it's for my dad not my
    mum, he lives in grimsby"): "OK, your dad in Grimsby.", and the same kind of service searched for
    in the new place; None when the message corrects nothing or nothing came just before."""
    found = correction(tracker)
    slug = (last_subject(tracker, within_turns=2) or _searched_just_before(tracker)) if found else None
    if slug is None:
        return None
    relation, place = found
    mode = mode_of(tracker)
    person = person_words(f"my {relation}", mode)
    dispatcher.utter_message(text=triage.reply("corrected", mode, person=person,
                                               where=f" in {place.name}" if place else ""))
    category = categories.get_category(slug) or _category_of(slug)
    if place is not None and category is not None:
        events = [*ends_any_form(), SlotSet("category", category.slug), SlotSet("place", place.name)]
        events += [SlotSet("council", place.council)] if place.council else []
        return events + run_search(dispatcher, tracker, 0, slug=category.slug, place=place.name)
    what_next(dispatcher, tracker, [button("Talk it through", "/describe_needs"), button(*SPEAK_TO_SOMEONE),
                                    button(*SOMETHING_ELSE)])
    events = ends_any_form()
    return events + ([SlotSet("place", place.name), SlotSet("council", place.council)] if place else [])


def _category_of(slug: str) -> categories.Category | None:
    """The kind of service an explained slug stands for ("young-carers" -> carers' support), if any."""
    explanation = content.explain_or_none(slug)
    return categories.get_category(explanation.slug) if explanation and explanation.kind == "category" else None


# -- "does the council have to assess my mother?" ------------------------------------------------

ASKS_ABOUT_AN_ASSESSMENT = re.compile(r"\bassess(?:es|ed|ing|ment|ments)?\b", re.IGNORECASE)
ABOUT_MONEY = re.compile(
    r"\b(?:financial|finances|means|money|pay|paying|pays|cost|costs|charge|charges|charged|afford|savings|"
    r"income|fees?)\b", re.IGNORECASE)
ABOUT_A_CARER = re.compile(r"\b(?:i am|i'm|im|as) (?:a |her |his |their )?carer\b|\bcarers?'?s? assessment\b",
                           re.IGNORECASE)


def explain_the_assessment(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A question about being assessed that is not about money ("does the council have to assess my
    mother?"): the needs assessment (or the carer's assessment) explained; None otherwise."""
    text = latest_text(tracker)[:500]
    if text.startswith("/") or not ASKS_ABOUT_AN_ASSESSMENT.search(text) or ABOUT_MONEY.search(text):
        return None
    slug = "carers-assessment" if ABOUT_A_CARER.search(text) else "needs-assessment"
    return send_explanation(dispatcher, tracker, content.explain(slug))


# -- a message in another language ---------------------------------------------------------------

def not_in_english(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A message in another language ("moja mama potrzebuje pomocy w domu"): if anyone is in danger call
    999, Signpost works in English, the council can arrange an interpreter (its adult social care
    contacts), a short line to show to someone who can help, then the ways on; None for English."""
    detected = language.detect(latest_text(tracker)[:2000])
    if detected is None:
        return None
    council, mode = council_of(tracker), mode_of(tracker)
    for line in language.reply(detected, mode, council.name, council.contact_lines(mode)):
        dispatcher.utter_message(text=line)
    dispatcher.utter_message(json_message={"type": "language", **detected.to_dict(), "council": council.to_dict()})
    what_next(dispatcher, tracker, [button(*SPEAK_TO_SOMEONE), *menu_buttons(SPEAK_TO_SOMEONE[1])])
    return ends_any_form()


# -- "what about in Bath instead?" -------------------------------------------------------------------

def _searched_just_before(tracker: Tracker) -> str | None:
    """The kind of service (``category`` slot) of a search in Signpost's last turn that showed no
    cards ("I couldn't find any... near Bath", a place outside our areas); None otherwise."""
    bots, _ = bot_turn_before(tracker)
    for event in bots:
        data = event.get("data") or {}
        payloads = [str(b.get("payload") or "") for b in data.get("buttons") or [] if isinstance(b, dict)]
        custom = data.get("custom")
        if "/search_elsewhere" in payloads or (isinstance(custom, dict) and custom.get("type") == "service_cards"):
            return tracker.get_slot("category")
    return None


def search_there_instead(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A follow-up that names only a place, after a search or an explanation ("what about in Bath
    instead", "are there any in Bath", "and in Grimsby?"): the same kind of service searched for
    there; after a topic (a carer's assessment), how to get it with that place's council's contacts.
    None if the message is not such a follow-up or nothing was searched for or explained just before."""
    place = place_follow_up(tracker)
    if place is None:
        return None
    slug = last_subject(tracker, within_turns=2) or _searched_just_before(tracker)
    category = (categories.get_category(slug) or _category_of(slug)) if slug else None
    if category is not None:
        events = [*ends_any_form(), SlotSet("category", category.slug), SlotSet("place", place.name)]
        events += [SlotSet("council", place.council)] if place.council else []
        return events + run_search(dispatcher, tracker, 0, slug=category.slug, place=place.name)
    explanation = content.explain_or_none(slug) if slug else None
    if explanation is not None and explanation.kind == "topic" and explanation.how_to_get:
        return how_to_get_there(dispatcher, tracker, explanation, place)
    return None


def answer_in_passing(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A message answered before (or instead of) a journey: a message in another language, a young
    carer, how to get something, what the thing just explained or searched for costs, a short answer
    from content, the same kind of service searched for in another place, or a change of who it is for
    after a search. None if none fits."""
    for step in (not_in_english, young_carer_support, answer_how_to_get, answer_the_cost, answer_from_content,
                 search_there_instead, correct_who):
        events = step(dispatcher, tracker)
        if events is not None:
            return events
    return None


# -- a question between the talk-it-through questions ---------------------------------------------

#: "what is reablement?", "what's a pendant alarm", "what does CHC mean?", "tell me about day centres"
ASKS_WHAT_IT_IS = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|sorry|but|um+|er+|also|oh|just|please|wait|hang\W+on|hold\W+on|actually)\W+)*(?:"
    r"what(?:'s|s| is| are) (?P<what>.{3,60}?)"
    r"|what (?:does|do) (?P<mean>.{3,60}?) (?:mean|involve)"
    r"|(?:can you |could you )?(?:tell me (?:more )?about|explain) (?P<about>.{3,60}?))"
    r"(?: (?:then|please|exactly|again))?\W*$",
    re.IGNORECASE,
)
#: words a thing asked about never holds: "what's important is her garden" is an answer, not a question
NOT_A_THING = re.compile(
    r"\b(?:is|are|was|were|be|she|he|they|i|we|you|it|her|his|him|them|their|my|me|this|that|there|"
    r"important|matters|hard|best|wrong|happening|going|next|left|for)\b", re.IGNORECASE)
#: a question by its first words: "is she entitled...", "how much does...", "what is...", "tell me about..."
QUESTION_START = re.compile(
    r"^(?:(?:and|so|ok|okay|sorry|but|um+|er+|also|oh|just|please|hi|hello|wait|hang on|hold on|actually)\s+)*"
    r"(?:how|what|whats|which|who|"
    r"where|when|is|are|can|could|do|does|did|will|would|should|shall|tell me|explain)\b")


def explain_what_it_is(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """ "What is reablement?": that topic or kind of service explained; None if the message does not
    ask what a known thing is."""
    found = ASKS_WHAT_IT_IS.match(latest_text(tracker)[:200])
    thing = next((value for value in found.groupdict().values() if value), None) if found else None
    if not thing or len(thing.split()) > 5 or NOT_A_THING.search(thing):
        return None
    explanation = content.explain_or_none(thing)
    return send_explanation(dispatcher, tracker, explanation) if explanation is not None else None


def answer_between_questions(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, str]] | None:
    """Inside the talk-it-through questions: a message in another language, or a clear question about
    something else ("how much does a care home cost?", "what is reablement?", "will they make me sell
    her house?"), answered in passing without the closing question and its buttons, as the form asks
    its own question again. Returns the buttons left out; None when the message is not such a
    question (an answer, even "I don't know, maybe her garden?", or a new search that leaves the form)."""
    text = latest_text(tracker)
    if text.startswith("/"):
        return None
    steps = [not_in_english]
    if QUESTION_START.match(fold(text[:500])):
        steps += [answer_how_to_get, answer_the_cost, answer_from_content, explain_what_it_is,
                  explain_the_assessment]
    for step in steps:
        scratch = CollectingDispatcher()
        if step(scratch, tracker) is not None:
            dispatcher.messages.extend(message for message in scratch.messages if not message.get("buttons"))
            return [b for message in scratch.messages for b in message.get("buttons") or []]
    return None


# -- when a journey does not fit -------------------------------------------------------------------

#: content topics asked about by name at the start are explained, not talked through ("can mum get
#: attendance allowance?"); asking for an assessment is still talked through
BENEFIT_TOPICS = ("attendance-allowance", "carers-allowance", "nhs-continuing-healthcare", "deferred-payment")
#: "can mum get ...", "could I claim ...": what follows is asked for ("he gets attendance allowance" is not)
ASKS_TO_GET = re.compile(r"\b(?:get|claim|apply for|entitled to|eligible for|qualify for|receive)\b(?P<thing>.*)$")


def explain_asked_topic(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """A question asking for a benefit or NHS Continuing Healthcare by name ("can mum get attendance
    allowance, she's 82 and needs help at night"): that topic explained (its buttons offer talking it
    through); None otherwise ("is there help for dad, he gets attendance allowance" is talked through)."""
    text = fold(latest_text(tracker)[:500])
    asked = ASKS_TO_GET.search(text) if QUESTION_START.match(text) else None
    topic = named_topic(asked.group("thing")) if asked else None
    return send_explanation(dispatcher, tracker, content.explain(topic)) if topic in BENEFIT_TOPICS else None


def search_instead(place: places.Place) -> Events:
    """A message that only says where someone lives ("i live in bath"): the search form, which asks what
    kind of help is wanted (its buttons include "Not sure: talk it through"), with the place kept."""
    events = [*ends_any_form(), SlotSet("results_offset", 0.0), SlotSet("place", place.name)]
    events += [SlotSet("council", place.council)] if place.council else []
    return [*events, FollowupAction("service_search_form")]


def talk_it_through_instead(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events:
    """Start the talk-it-through form instead of the journey the rule chose ("my brother is
    struggling at home" needs no search)."""
    return [*ActionStartTriage().respond(dispatcher, tracker), FollowupAction("triage_form")]


#: the person asks to talk things through, whatever the classifier made of it
ASKS_TO_TALK_IT_THROUGH = re.compile(r"\btalk (?:it|this|things|that) (?:all )?(?:through|over)\b", re.IGNORECASE)


def not_understood(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events:
    """The fallback: a question answered in passing, a situation talked through, or "sorry, I
    didn't quite understand" with the kind of service it recognised and the menu."""
    if safety_follow_up(dispatcher, tracker):
        return []  # "I don't want to get him in trouble" straight after the safeguarding reply
    events = answer_in_passing(dispatcher, tracker)
    if events is None:
        events = explain_the_assessment(dispatcher, tracker)
    if events is not None:
        return events
    if safety_was_possible(tracker):
        dispatcher.utter_message(text="If you or someone else is in danger now, call 999.")
    else:
        # "carers support", "dn15" after a search, "ma da lives in glasgow and he needs a carer coming
        # in", "CHC checklist?": the classifier was unsure, but the words are clear
        events = act_on_what_it_named(dispatcher, tracker)
        if events is not None:
            return events
    if describes_a_situation(tracker) or ASKS_TO_TALK_IT_THROUGH.search(latest_text(tracker)[:300]):
        # "my nan fell last week and now she is scared to be on her own", "I'd like to talk it through
        # please" (taken for nobody's intent): talk it through
        return talk_it_through_instead(dispatcher, tracker)
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


# -- the fallback acting on what it did understand ---------------------------------------------------

#: at most this many words for a kind of service found in the words alone (no category entity) to start
#: a search from the fallback: "carers support please" does, a long story is talked through or re-asked
SHORT_REQUEST_WORDS = 6


def category_entity(tracker: Tracker) -> categories.Category | None:
    """The kind of service the latest message's first known category entity names; None if none."""
    return next(filter(None, map(category_from_text, entity_values(tracker, "category"))), None)


def understood_category(tracker: Tracker) -> categories.Category | None:
    """The kind of service the latest message names: a category entity, or (in a short message) the
    words themselves ("carers support please"); None otherwise."""
    category = category_entity(tracker)
    if category is not None:
        return category
    text = latest_text(tracker)[:500]
    if text.startswith("/") or len(text.split()) > SHORT_REQUEST_WORDS:
        return None
    return categories.find_in_text(text)


def understood_place(tracker: Tracker) -> places.Place | None:
    """The place the latest message names (a place or postcode entity, a capitalised place after "in",
    a postcode, "dn15"), never "in the bath"."""
    text = latest_text(tracker)[:500]
    if text.startswith("/"):
        return None
    return place_alone(text) or named_place(text, entity_values(tracker, "place", "postcode"))


def after_a_search(tracker: Tracker) -> str | None:
    """The kind of service searched for (or asked about by the search form) in Signpost's last turn,
    from the ``category`` slot; None otherwise."""
    searched = last_subject(tracker, within_turns=1) or _searched_just_before(tracker)
    if searched and (categories.get_category(searched) or _category_of(searched)):
        category = categories.get_category(searched) or _category_of(searched)
        return category.slug if category else None
    if (tracker.active_loop or {}).get("name") == "service_search_form" or asked_for_a_place(tracker):
        return tracker.get_slot("category")
    return None


def asked_for_a_place(tracker: Tracker) -> bool:
    """True when Signpost's last turn asked which town or postcode to look near."""
    bots, _ = bot_turn_before(tracker)
    return any("town or postcode" in str(event.get("text") or "") for event in bots)


def start_search_with(dispatcher: CollectingDispatcher, tracker: Tracker, category: categories.Category | None,
                      place: places.Place | None) -> Events:
    """The search form started with what the message gave: it asks only for what is missing. A place
    outside Signpost's areas is named with its council (the search itself says so when it runs)."""
    events = [*ends_any_form(), SlotSet("results_offset", 0.0)]
    events.append(SlotSet("category", category.slug if category else None))
    if place is not None:
        events += [SlotSet("place", place.name)] + ([SlotSet("council", place.council)] if place.council else [])
        if category is None and not place.covered and place.note:
            dispatcher.utter_message(text=place.note)  # "Glasgow is covered by Glasgow City Council..."
    elif tracker.get_slot("place") == "":
        events.append(SlotSet("place", None))
    return [*events, FollowupAction("service_search_form")]


def act_on_what_it_named(dispatcher: CollectingDispatcher, tracker: Tracker) -> Events | None:
    """For the fallback, when the classifier was unsure but the message names something clear: a kind
    of service and/or a place -> the search (asking only for what is missing); a topic alone -> that
    topic explained; a place alone after a search -> the same kind of service searched for there.
    None when the message names nothing useful (the usual fallback follows)."""
    text = latest_text(tracker)
    if text.startswith("/"):
        return None
    category = understood_category(tracker)
    place = understood_place(tracker)
    if category is None and place is None:
        topic = next((slug for slug in map(content.find_topic, entity_values(tracker, "topic"))
                      if slug in content.all_topics()), None) or named_topic(text[:500])
        return send_explanation(dispatcher, tracker, content.explain(topic)) if topic else None
    if category is None and place is not None:
        slug = after_a_search(tracker)
        if slug is not None and place_alone(text) is not None:  # "dn15" after "care home in scunthorpe"
            category = categories.get_category(slug)
        elif describes_a_situation(tracker):
            return None  # "my mum is struggling at home in Preston": talked through
    return start_search_with(dispatcher, tracker, category, place)
