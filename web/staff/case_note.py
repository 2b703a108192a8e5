"""The case note an adviser copies into the council's case system at the end of a call.

What an adviser would paste into a case record: readable labels and plain-English values only
(no slot names, ids, slugs, offsets or true/false values), and, at the top, any safety concern
raised during the call: what kind, which route Signpost gave (whose safeguarding contact) and
when, in one short neutral line. The person's own words about the concern are never copied.

``build_case_note`` gives the structured form the staff console shows and the plain text made
from it, so the two always agree.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

log = logging.getLogger(__name__)

#: The talk-it-through form's slots -> build_summary's answer keys (as actions/triage.py QUESTIONS).
TRIAGE_SLOTS = {
    "triage_who": "who",
    "triage_matters": "what_matters",
    "triage_going_well": "strengths",
    "triage_helpers": "support_network",
    "triage_hard": "hard_things",
    "triage_impact": "impact",
    "triage_carer": "carer",
    "place": "place",
}

#: The paying-for-care questions: slot -> label. Values are read by ``_funding_value``.
FUNDING_LABELS = {
    "funding_nation": "Country where the person needing care lives",
    "funding_setting": "Kind of care asked about (paying for care)",
    "funding_savings": "Savings and investments in their own name (rough figure)",
    "funding_joint_savings": "Joint savings, in total (rough figure)",
    "funding_owns_home": "Owns their home",
    "funding_home_value": "Value of the home (rough figure)",
    "funding_partner_in_home": "A partner, or a relative aged 60 or over or disabled, lives in the home",
    "funding_income": "Weekly income from pensions and benefits (rough figure)",
}
AMOUNT_SLOTS = ("funding_savings", "funding_joint_savings", "funding_home_value", "funding_income")
NATIONS = {"england": "England", "wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}
SETTINGS = {"care_home": "care in a care home", "home": "care at home"}
ANSWER_WORDS = {"yes": "yes", "no": "no", "not_sure": "not sure", "decline": "preferred not to say"}

NO_ANSWERS = "No answers recorded yet."


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def _council_name(slug: object) -> str:
    from bot import councils

    if not isinstance(slug, str) or not slug:
        return ""
    try:
        council = councils.council_for_place(slug)
    except Exception:  # noqa: BLE001 - an unknown council is simply left out of the note
        return ""
    return "" if council.is_national else council.name


def _category_name(value: object) -> str:
    try:
        from directory import categories
    except ImportError:
        return ""
    text = str(value or "").strip()
    found = categories.get_category(text) or (categories.match_category(text, fuzzy=False) if text else None)
    return found.name if found else ""


def _topic_title(value: object) -> str:
    from bot import content

    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        found = content.explain_or_none(value)
    except Exception:  # noqa: BLE001 - a topic we cannot name is left out
        return ""
    return found.title if found else ""


def _funding_value(slot: str, value: object) -> str:
    from bot import amounts

    text = str(value or "").strip().lower()
    if text in ("not_sure", "decline"):
        return ANSWER_WORDS[text]
    if slot == "funding_nation":
        return NATIONS.get(text, "")
    if slot == "funding_setting":
        return SETTINGS.get(text, "")
    if slot in AMOUNT_SLOTS:
        try:
            amount = Decimal(text)
        except (InvalidOperation, ValueError):
            return ""
        if amount == 0:
            return "none"
        return amounts.format_amount(amount) + (" a week" if slot == "funding_income" else "")
    return ANSWER_WORDS.get(text, "")


def answers_so_far(slots: dict[str, Any] | None) -> list[dict[str, str]]:
    """What the caller has said, from the conversation's slots: [{"label", "value"}] in plain words.

    Only answers an adviser would record are shown; Signpost's own bookkeeping (mode, results
    offset, the requested question, ...) and anything it cannot put in plain words are left out.
    """
    from bot import triage

    slots = dict(slots or {})
    answers = {key: slots[slot] for slot, key in TRIAGE_SLOTS.items() if slots.get(slot) not in (None, "", [])}
    items = triage.case_note_items(answers)
    extra = [
        ("Council", _council_name(slots.get("council"))),
        ("Services looked for", _category_name(slots.get("category")) if slots.get("category") else ""),
        ("Information given about", _topic_title(slots.get("topic"))),
    ]
    extra += [(label, _funding_value(slot, slots.get(slot))) for slot, label in FUNDING_LABELS.items()
              if slots.get(slot) not in (None, "")]
    items += [{"label": label, "value": value} for label, value in extra if value]
    return items


def safety_items(events: Any, now: datetime | None = None) -> list[dict[str, Any]]:
    """The safety concerns raised in the conversation, for the console: [{"kind", "text"}], most
    urgent first, where ``text`` is the case note's line for that kind."""
    from bot import triage

    concerns = triage.safety_concerns(events)
    items = []
    for kind in ("emergency", "suicide", "abuse"):
        lines = triage.safety_lines([c for c in concerns if c["kind"] == kind], now=_now(now))
        items.extend({"kind": kind, "text": line} for line in lines)
    return items


def generic_text(summary: dict[str, Any]) -> str:
    """A plain listing of a summary when it cannot be worded (readable parts only)."""
    lines = []
    for key, label in (("what_matters", "What matters to the person"), ("strengths", "What is going well"),
                       ("support_network", "Who helps")):
        if isinstance(summary.get(key), str) and summary[key].strip():
            lines.append(f"{label}: {summary[key].strip()}")
    hard = [item.get("label") for item in summary.get("hard_things") or [] if isinstance(item, dict)]
    if any(hard):
        lines.append("What is hard: " + ", ".join(h for h in hard if h))
    contact = summary.get("contact") if isinstance(summary.get("contact"), dict) else {}
    if contact.get("name"):
        lines.append(f"Council: {contact['name']}")
    return "\n".join(lines)


def summary_as_text(summary: dict[str, Any], mode: str) -> str:
    """``bot.triage.summary_text`` when the conversation core provides it, else a plain listing."""
    try:
        from bot.triage import summary_text
    except Exception:
        return generic_text(summary)
    try:
        return summary_text(summary, mode=mode)
    except Exception:
        log.warning("Could not word a summary; showing a plain listing")
        return generic_text(summary)


def build_case_note(
    summary: dict[str, Any] | None, slots: dict[str, Any] | None, events: Any = None, now: datetime | None = None
) -> dict[str, Any]:
    """The case note, structured and as text: {"summary", "answers", "safety", "text"}.

    ``summary`` is the latest triage summary (or None), ``slots`` the conversation's slots and
    ``events`` its events (Rasa's tracker), where the safety replies are found. Once there is a
    summary, the text is its staff wording, with the safety concerns found in the events first;
    the returned ``summary`` then carries the same concerns. Before that, the answers so far.
    """
    from bot import triage, wording

    now = _now(now)
    concerns = triage.safety_concerns(events)
    safety = safety_items(events, now)
    answers = answers_so_far(slots)
    first = [item["text"] for item in safety]
    if summary:
        text = "\n".join([*first, summary_as_text({**summary, "safety": []}, "staff")])
        summary = {**summary, "safety": concerns}
    else:
        lines = [*first, f"Case note, {triage.uk_date_time(now)}. Answers so far (no summary yet):"]
        lines += [f"{item['label']}: {item['value']}" for item in answers] or [NO_ANSWERS]
        lines.append(wording.say("summary.not_a_decision", "staff"))
        text = "\n".join(lines)
    return {"summary": summary, "answers": answers, "safety": safety, "text": text}


def case_note(summary: dict[str, Any] | None, slots: dict[str, Any] | None, events: Any = None,
              now: datetime | None = None) -> str:
    """The case note as plain text (see ``build_case_note``)."""
    return build_case_note(summary, slots, events, now)["text"]
