"""Council profiles: who to contact about adult social care, and how to raise a safeguarding concern.

Profiles live in ``bot/data/councils.yml``. Every detail carries its source and year
(or ``is_sample``). Details the sources do not give (most phone numbers, opening
hours, out-of-hours lines) are left out rather than invented; the plain-English
lines then send people to the council website instead.

Public API::

    get_council(slug) -> Council              # raises UnknownCouncil
    council_for_place(place) -> Council       # place object with .council, a slug, or None
    default_council() -> Council              # settings.load().default_council
    all_councils() -> list[Council]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from bot.datafiles import load_yaml
from bot.text import fold

NATIONAL = "national"
COUNCILS_FILE = "councils.yml"


class UnknownCouncil(LookupError):
    """No council profile has this slug or alias. ``.message`` is plain English."""

    def __init__(self, slug: str, suggestions: list[str] | None = None):
        self.slug = slug
        self.suggestions = suggestions or []
        self.message = f"I don't have details for a council called '{slug}'."
        super().__init__(self.message)


@dataclass(frozen=True)
class Sourced:
    """One fact with where it came from: ``value``, ``source``, ``year``, optional ``note``.

    ``is_sample`` is True for placeholder data that must be shown as a sample, never as real.
    """

    value: str
    source: str = ""
    year: int | None = None
    note: str = ""
    is_sample: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: value, source, year, note, is_sample."""
        return {"value": self.value, "source": self.source, "year": self.year,
                "note": self.note, "is_sample": self.is_sample}


@dataclass(frozen=True)
class Route:
    """A way to get in touch: any of ``how`` (text), ``phone``, ``email``, ``web``, ``hours``."""

    how: Sourced | None = None
    phone: Sourced | None = None
    email: Sourced | None = None
    web: Sourced | None = None
    hours: Sourced | None = None

    def is_empty(self) -> bool:
        """True when the route holds no detail at all."""
        return not any((self.how, self.phone, self.email, self.web, self.hours))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form with only the fields that are known."""
        return {name: item.to_dict() for name, item in self._fields() if item is not None}

    def _fields(self):
        return (("how", self.how), ("phone", self.phone), ("email", self.email),
                ("web", self.web), ("hours", self.hours))


@dataclass(frozen=True)
class Council:
    """A council's profile: name, website, adult social care route, safeguarding and out-of-hours."""

    slug: str
    name: str
    short_name: str
    website: Sourced
    adult_social_care: Route = field(default_factory=Route)
    safeguarding: Route = field(default_factory=Route)
    out_of_hours: Route = field(default_factory=Route)
    other_contacts: tuple[dict[str, Any], ...] = ()
    aliases: tuple[str, ...] = ()
    outside: bool = False
    #: the town and postcode the bot gives as an example when it asks where to look ("" if none)
    example_place: str = ""
    example_postcode: str = ""

    @property
    def is_national(self) -> bool:
        """True for the fallback profile used when we don't know the person's council."""
        return self.slug == NATIONAL

    def contact_lines(self, mode: str = "resident") -> list[str]:
        """Lines on how to contact adult social care: plain English for a resident, or in ``mode``
        "staff" a script for an adviser ("Give the caller the council website: ...")."""
        staff = _is_staff(mode)
        route = self.adult_social_care
        if route.how:
            first = f"Tell the caller: {_lower_first(route.how.value)}" if staff else route.how.value
        else:
            first = (f"Refer the caller to {self.name} adult social care." if staff
                     else f"Contact {self.name} and ask for adult social care.")
        lines = [first, *_detail_lines(route)]
        website_given = route.web is not None and route.web.value == self.website.value
        if route.phone is None:
            if not (staff or website_given or self.outside):
                lines.append(f"Website: {self.website.value}")
            lines.append(_no_phone_line(self, staff))
        elif not website_given:
            lines.append(f"Website: {self.website.value}")
        return lines

    def safeguarding_lines(self, mode: str = "resident") -> list[str]:
        """Lines on how to report a worry about abuse or neglect of an adult (resident or staff voice)."""
        staff = _is_staff(mode)
        route = self.safeguarding
        where = ("the adult social care team at the council where the person lives" if self.is_national
                 else f"{self.name}'s adult social care team")
        if staff:
            first = f"To raise a safeguarding concern, contact {where}. Say it is a safeguarding concern."
        else:
            first = (f"To report a worry about abuse or neglect of an adult, contact {where}. "
                     "Say it is a safeguarding concern.")
        lines = [first, *_detail_lines(route)]
        if self.is_national or self.outside:
            lines.append(f"Find the council here: {self.website.value}")
        elif route.web is None:
            lines.append(f"Website: {self.website.value} (search for 'safeguarding adults').")
        lines.append("The caller does not need proof: a worry is enough." if staff
                     else "You do not need proof. It is fine to say you are worried.")
        return lines

    def out_of_hours_lines(self, mode: str = "resident") -> list[str]:
        """What to do outside office hours: the council's out-of-hours route if known, then 999/111."""
        staff = _is_staff(mode)
        lines = _detail_lines(self.out_of_hours)
        if self.out_of_hours.how:
            lines.insert(0, self.out_of_hours.how.value)
        lines.append("If anyone is in danger right now, the caller should call 999." if staff
                     else "If someone is in danger right now, call 999.")
        lines.append("For urgent health advice, the caller can call NHS 111." if staff
                     else "For urgent health advice, call NHS 111.")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready profile for custom payloads (widget, staff console), with sources."""
        return {
            "slug": self.slug,
            "name": self.name,
            "outside": self.outside,
            "short_name": self.short_name,
            "website": self.website.to_dict(),
            "adult_social_care": self.adult_social_care.to_dict(),
            "safeguarding": self.safeguarding.to_dict(),
            "out_of_hours": self.out_of_hours.to_dict(),
            "other_contacts": [dict(item) for item in self.other_contacts],
            "contact_lines": self.contact_lines(),
            "staff_contact_lines": self.contact_lines("staff"),
        }


def _detail_lines(route: Route) -> list[str]:
    lines = []
    if route.phone:
        lines.append(f"Phone: {route.phone.value}" + _sample_tag(route.phone))
    if route.hours:
        lines.append(f"Opening hours: {route.hours.value}" + _sample_tag(route.hours))
    if route.email:
        lines.append(f"Email: {route.email.value}" + _sample_tag(route.email))
    if route.web:
        lines.append(f"Website: {route.web.value}" + _sample_tag(route.web))
    return lines


def _sample_tag(item: Sourced) -> str:
    return " (sample detail, not a real contact)" if item.is_sample else ""


def _is_staff(mode: str) -> bool:
    return str(mode or "").strip().lower() == "staff"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _no_phone_line(council: Council, staff: bool = False) -> str:
    if council.outside:
        if staff:
            return (f"There is no checked phone number for {council.short_name} in Signpost; help the caller "
                    f"find its website through {council.website.value} and look for adult social care.")
        return (f"I don't have a checked phone number for {council.short_name}. Find its website through "
                f"{council.website.value} and look for adult social care.")
    if staff:
        if council.is_national:
            return f"Help the caller find their council's adult social care team: {council.website.value}"
        return (f"There is no checked phone number for {council.short_name} in Signpost; give the caller "
                f"the council website: {council.website.value} (search for 'adult social care').")
    if council.is_national:
        return "You can find your council's phone number on its website."
    return (f"I don't have a checked phone number for {council.short_name}. "
            "You can find it on the council's website: search for 'adult social care'.")


def _sourced(raw: Any) -> Sourced | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or "value" not in raw:
        raise ValueError(f"council detail must be a mapping with a value: {raw!r}")
    is_sample = bool(raw.get("is_sample", False))
    if not is_sample and not raw.get("source"):
        raise ValueError(f"council detail needs a source or is_sample: {raw!r}")
    year = raw.get("year")
    return Sourced(value=str(raw["value"]).strip(), source=str(raw.get("source", "")),
                   year=int(year) if year is not None else None, note=str(raw.get("note", "")),
                   is_sample=is_sample)


def _route(raw: Any) -> Route:
    raw = raw or {}
    return Route(**{key: _sourced(raw.get(key)) for key in ("how", "phone", "email", "web", "hours")})


def _build(slug: str, raw: dict[str, Any]) -> Council:
    website = _sourced(raw.get("website"))
    if website is None:
        raise ValueError(f"council {slug} has no website")
    return Council(
        slug=slug,
        name=str(raw["name"]),
        short_name=str(raw.get("short_name") or raw["name"]),
        website=website,
        adult_social_care=_route(raw.get("adult_social_care")),
        safeguarding=_route(raw.get("safeguarding")),
        out_of_hours=_route(raw.get("out_of_hours")),
        other_contacts=tuple(dict(item) for item in raw.get("other_contacts") or ()),
        aliases=tuple(str(alias) for alias in raw.get("aliases") or ()),
        **_example_place(slug, raw.get("example_place")),
    )


def _example_place(slug: str, raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not raw.get("value") or not raw.get("source"):
        raise ValueError(f"council {slug}: example_place needs a value and a source")
    return {"example_place": str(raw["value"]), "example_postcode": str(raw.get("postcode") or "")}


#: the example when neither the council in use nor the default council has one of its own
FALLBACK_PLACE_EXAMPLE = "Preston, or PR1 2HE"


def place_example(*candidates: Council | None) -> str:
    """ "Loughborough, or LE11": the example place (and postcode) of the first council given that has
    one, else the default council's, for "Which town or postcode should I look near? For example ...".
    """
    for council in (*candidates, default_council()):
        if council is not None and council.example_place:
            if council.example_postcode:
                return f"{council.example_place}, or {council.example_postcode}"
            return council.example_place
    return FALLBACK_PLACE_EXAMPLE


def _registry() -> tuple[dict[str, Council], dict[str, str]]:
    cached = getattr(_registry, "_cache", None)
    if cached is not None:
        return cached
    raw = load_yaml(COUNCILS_FILE)["councils"]
    councils = {slug: _build(slug, data) for slug, data in raw.items()}
    aliases: dict[str, str] = {}
    for council in councils.values():
        for key in (council.slug, council.name, council.short_name, *council.aliases):
            aliases[_key(key)] = council.slug
    _registry._cache = (councils, aliases)  # type: ignore[attr-defined]
    return councils, aliases


def _key(text: str) -> str:
    return fold(str(text).replace("&", " and ")).replace(" ", "-")


def all_councils(include_national: bool = False) -> list[Council]:
    """Every council profile, in file order; the national fallback only when asked for."""
    councils, _ = _registry()
    return [c for c in councils.values() if include_national or not c.is_national]


def get_council(slug: str) -> Council:
    """The profile for ``slug`` (or a known alias or name, e.g. "banes", "Lancashire County Council").

    Raises ``UnknownCouncil`` (with suggestions) when nothing matches.
    """
    councils, aliases = _registry()
    key = _key(slug or "")
    if key in aliases:
        return councils[aliases[key]]
    suggestions = [c.slug for c in councils.values() if key and (key in c.slug or c.slug in key)]
    raise UnknownCouncil(str(slug), suggestions)


def council_for_place(place: Any) -> Council:
    """The council for a resolved place: an object with a ``.council`` slug (from
    ``directory.places.resolve_place``), a mapping with a "council" key, or a slug string.

    ``None`` gives the deployment's default council. A council outside Signpost's areas that the
    gazetteer names (Blackpool Council, Manchester City Council...) gives a profile with that name,
    no contact details of its own and the national "find your council" website (``outside`` is
    True); any other unknown slug gives the national profile.
    """
    if place is None:
        return default_council()
    if isinstance(place, str):
        slug, name = place, ""
    elif isinstance(place, dict):
        slug, name = place.get("council") or "", place.get("council_name") or ""
    else:
        slug, name = getattr(place, "council", None) or "", getattr(place, "council_name", "") or ""
    if not slug:
        return get_council(NATIONAL)
    try:
        return get_council(slug)
    except UnknownCouncil:
        pass
    name = str(name or _gazetteer_council_name(slug)).strip()
    return outside_council(slug, name) if name else get_council(NATIONAL)


def _gazetteer_council_name(slug: str) -> str:
    try:
        from directory.places import council_name
    except ImportError:  # pragma: no cover - bot works without the directory package
        return ""
    return council_name(slug)


def outside_council(slug: str, name: str) -> Council:
    """A profile for a council outside Signpost's areas, known only by name: it sends people to
    that council through the national "find your local council" service."""
    national = get_council(NATIONAL)
    how = Sourced(value=f"Contact {name} and ask for adult social care.", source=national.website.source,
                  year=national.website.year)
    return replace(national, slug=slug, name=name, short_name=name, aliases=(), outside=True,
                   adult_social_care=Route(how=how), safeguarding=Route(), out_of_hours=Route(),
                   other_contacts=())


def default_council() -> Council:
    """The deployment's default council (``settings.load().default_council``), or the national profile
    if that setting names no known council."""
    import settings

    try:
        return get_council(settings.load().default_council)
    except UnknownCouncil:
        return get_council(NATIONAL)
