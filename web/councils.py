"""The council details the web pages need (name, adult social care contact lines, phone).

A thin adapter over ``bot.councils`` (the conversation core owns the profiles in
bot/data/councils.yml). Sample details are never offered as real, and if the
module or a detail is missing we say less rather than make anything up.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

SLUG_RE = re.compile(r"^[a-z0-9-]{2,60}$")
NOT_WORKING = "Sorry, the assistant is not working right now. Please try again in a few minutes."
DANGER = "If someone is in danger now, call 999."


@dataclass(frozen=True)
class CouncilContact:
    slug: str
    name: str
    phone: str | None = None
    hours: str | None = None
    website: str | None = None
    lines: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": self.name, "phone": self.phone, "hours": self.hours,
                "website": self.website, "contact_lines": list(self.lines)}


def _lookup(slug: str | None) -> Any:
    try:
        from bot import councils
    except Exception:
        return None
    if slug and SLUG_RE.match(slug):
        try:
            return councils.get_council(slug)
        except Exception:  # unknown slug: the deployment's default instead
            pass
    try:
        return councils.default_council()
    except Exception as exc:
        log.warning("No default council profile (%s)", type(exc).__name__)
        return None


def _real(item: Any) -> str | None:
    """The value of a sourced detail, unless it is missing or only a sample."""
    if item is None or getattr(item, "is_sample", False):
        return None
    value = getattr(item, "value", None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def contact_for(slug: str | None) -> CouncilContact:
    council = _lookup(slug)
    if council is None:
        return CouncilContact(slug=slug or "", name="your local council",
                              lines=("Contact your local council and ask for adult social care.",))
    route = getattr(council, "adult_social_care", None)
    try:
        lines = tuple(council.contact_lines())
    except Exception:
        lines = ()
    return CouncilContact(
        slug=council.slug,
        name=council.name,
        phone=_real(getattr(route, "phone", None)),
        hours=_real(getattr(route, "hours", None)),
        website=_real(getattr(council, "website", None)),
        lines=lines,
    )


def unavailable_message(contact: CouncilContact, first: str = NOT_WORKING) -> str:
    """Plain words for when the assistant cannot answer, with how to reach the council."""
    if contact.phone:
        reach = f"You can phone {contact.name} adult social care on {contact.phone}"
        reach += f" ({contact.hours})." if contact.hours else "."
    else:
        reach = "\n".join(contact.lines) or f"Contact {contact.name} and ask for adult social care."
    return f"{first}\n{reach}\n{DANGER}"
