"""The case note an adviser copies into the council's case system at the end of a call."""

from __future__ import annotations

from typing import Any


def _label(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{_label(str(k))}: {_value(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def generic_text(summary: dict[str, Any]) -> str:
    return "\n".join(f"{_label(str(k))}: {_value(v)}" for k, v in summary.items() if v not in (None, "", [], {}))


def summary_as_text(summary: dict[str, Any], mode: str) -> str:
    """``bot.triage.summary_text`` when the conversation core provides it, else a plain listing."""
    try:
        from bot.triage import summary_text
    except Exception:
        return generic_text(summary)
    try:
        return summary_text(summary, mode=mode)
    except Exception:
        return generic_text(summary)


def case_note(summary: dict[str, Any] | None, slots: dict[str, Any], when: str) -> str:
    """The conversation core's case note once there is a summary; until then, the answers so far."""
    if summary:
        return summary_as_text(summary, "staff")
    heading = f"Signpost guided call, {when}"
    if slots:
        body = "Answers so far (no summary yet):\n" + generic_text(slots)
    else:
        body = "No answers recorded yet."
    return f"{heading}\n\n{body}\n\nSignpost gives information and advice only; it does not decide eligibility."
