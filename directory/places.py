"""The gazetteer: towns, districts and postcode districts of the four council areas
(plus neighbouring places that belong to other councils), and UK postcode parsing.

Data: ``directory/data/places.csv``: towns, districts and counties (with aliases), and
postcode districts (``kind`` = ``postcode_district``, named by their outward code).
Coordinates are approximate centres, good enough to rank services by distance. Places
that belong to other councils (Blackpool, Blackburn with Darwen, Leicester city, and the
main towns and cities of the UK) are listed too, with their council and a note, so the bot
can say which council to contact; ``nation`` is "wales", "scotland" or "northern-ireland"
where social care follows different rules (blank for England).

``directory/data/postcode_areas.csv`` names the main post town of every UK postcode area,
so a postcode outside the listed districts ("M1", "CV1 2AB") still resolves to a place
outside Signpost's areas instead of an unknown place. In an area that also holds districts
Signpost covers (``mixed``), a district that a town in ``places.csv`` names as its own
("Frome,...,BA11") resolves to that town's council and centre instead.

Districts within a council: ``districts`` lists the district(s) (``kind`` = ``district`` rows
of the same council) a town or postcode district is in: one for a town, several for a postcode
district that spans them. It is filled in for the two-tier councils (Lancashire and
Leicestershire), where a service may be for one district only. ``shared_with`` lists the other
councils that hold part of a postcode district; the place's ``note`` is made from it.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

#: The councils whose directories Signpost holds.
COVERED_COUNCILS = ("lancashire", "leicestershire", "north-east-lincolnshire", "bath-and-north-east-somerset")
NATIONAL = "national"
POSTCODE_DISTRICT = "postcode_district"

# Outward code: area (1-2 letters), district (digit + optional digit/letter). Inward: digit
# + two letters (never C, I, K, M, O or V). Spaces are optional.
_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_FULL_RE = re.compile(rf"^({_OUTWARD})\s*({_INWARD})$")
_OUTWARD_RE = re.compile(rf"^({_OUTWARD})$")
_FIND_RE = re.compile(rf"\b({_OUTWARD})\s*({_INWARD})?\b")


@dataclass(frozen=True)
class Postcode:
    outward: str
    inward: str | None = None

    @property
    def is_full(self) -> bool:
        return self.inward is not None

    def __str__(self) -> str:
        return f"{self.outward} {self.inward}" if self.inward else self.outward


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "town", "district", "county" or "postcode"
    latitude: float
    longitude: float
    council: str
    council_name: str = ""
    outward: str | None = None
    postcode: str | None = None
    note: str = ""
    nation: str = "england"
    #: district slugs the place is in ("charnwood"): one for a town, several for a postcode
    #: district that spans districts, none when not known (a county, a unitary council)
    districts: tuple[str, ...] = ()
    #: other councils (slugs) that hold part of this postcode district
    shared_with: tuple[str, ...] = ()
    #: for a postcode known only by its area: the town whose postcode district it is ("Frome")
    post_town: str = ""
    #: a postcode in an area that straddles Signpost's boundary, whose council is not known
    ask_town: bool = False

    @property
    def covered(self) -> bool:
        return self.council in COVERED_COUNCILS

    @property
    def nation_note(self) -> str:
        """A sentence saying social care rules differ here (Wales, Scotland, Northern Ireland), or ""."""
        return NATION_NOTES.get(self.nation, "")

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "council": self.council,
            "postcode": self.postcode or self.outward,
            "council_name": self.council_name,
            "covered": self.covered,
            "nation": self.nation,
        }


def parse_postcode(text: str | None) -> Postcode | None:
    """A UK postcode (full, like "PR1 2HE", or outward only, like "pr1") in any case or
    spacing, else None. Only the format is checked, not whether the postcode exists."""
    if not text:
        return None
    cleaned = re.sub(r"\s+", " ", str(text).strip().upper())
    if len(cleaned) > 10:
        return None
    match = _FULL_RE.match(cleaned)
    if match:
        return Postcode(match.group(1), match.group(2))
    compact = cleaned.replace(" ", "")
    match = _OUTWARD_RE.match(compact)
    if match:
        return Postcode(match.group(1))
    return None


def find_postcode(text: str | None) -> Postcode | None:
    """The first thing that looks like a postcode inside a longer sentence."""
    if not text:
        return None
    for match in _FIND_RE.finditer(str(text).upper()):
        outward, inward = match.group(1), match.group(2)
        if outward in _postcode_districts():
            return Postcode(outward, inward)
    return None


def normalise_name(text: str) -> str:
    """Lower case, no accents or punctuation, "saint"/"st." -> "st", "&" -> "and"."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("&", " and ").replace("'", "").replace("’", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    text = re.sub(r"\bsaint\b", "st", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _rows() -> tuple[dict, ...]:
    with (DATA / "places.csv").open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _council_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in _rows():
        names.setdefault(row["council"], row["council_name"])
    return names


def council_name(slug: str) -> str:
    return _council_names().get(slug, "")


_COUNCIL_SUFFIXES = (" City Council", " County Council", " Borough Council", " Council")


def council_area(slug: str) -> str:
    """The area a council covers, in words: "Derbyshire County Council" -> "Derbyshire"."""
    name = council_name(slug)
    for suffix in _COUNCIL_SUFFIXES:
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name


def or_list(items) -> str:
    """"A", "A or B", "A, B or C"."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def district_slug(name: str) -> str:
    """"North West Leicestershire" -> "north-west-leicestershire"."""
    return normalise_name(name).replace(" ", "-")


@lru_cache(maxsize=1)
def _districts() -> dict[str, dict[str, str]]:
    """council -> {normalised name or alias -> district slug}, for councils whose places say
    which district they are in (the two-tier councils). A district row that is the whole
    council area ("North East Lincolnshire") is not a district within it."""
    with_districts = {row["council"] for row in _rows() if row.get("districts")}
    found: dict[str, dict[str, str]] = {}
    for row in _rows():
        council = row["council"]
        if row["kind"] != "district" or council not in with_districts:
            continue
        if normalise_name(row["name"]) == normalise_name(council_area(council)):
            continue
        slug = district_slug(row["name"])
        for label in (row["name"], *(alias for alias in row["aliases"].split("|") if alias), slug):
            found.setdefault(council, {})[normalise_name(label)] = slug
    return found


@lru_cache(maxsize=1)
def _district_names() -> dict[tuple[str, str], str]:
    return {
        (row["council"], district_slug(row["name"])): row["name"]
        for row in _rows()
        if row["kind"] == "district" and district_slug(row["name"]) in _districts().get(row["council"], {}).values()
    }


def district_for(council: str, text: str | None) -> str | None:
    """The slug of the district of ``council`` named by ``text`` (name, alias or slug), or None
    (not a district of that council, or a council without districts)."""
    if not text:
        return None
    return _districts().get(council, {}).get(normalise_name(text))


def district_name(council: str, slug: str) -> str:
    """"north-west-leicestershire" -> "North West Leicestershire" (the slug itself if unknown)."""
    return _district_names().get((council, slug), slug)


@lru_cache(maxsize=1)
def councils_with_districts() -> frozenset[str]:
    """The councils whose places say which district they are in (the two-tier councils)."""
    return frozenset(_districts())


def council_districts(council: str) -> list[str]:
    """The names of a council's districts, sorted ([] for a council without districts)."""
    return sorted(district_name(council, slug) for slug in set(_districts().get(council, {}).values()))


def service_districts(council: str, area_names) -> tuple[str, ...]:
    """The districts (slugs) a service is only for, from its ORUK ``service_area`` names: () (the
    whole council area) unless every name is a district of ``council``. A name that is the
    council itself, free text or unknown means the whole area: a service is never hidden
    because of words the gazetteer cannot read."""
    slugs: list[str] = []
    for name in area_names:
        slug = district_for(council, name)
        if slug is None:
            return ()
        if slug not in slugs:
            slugs.append(slug)
    return tuple(slugs)


def _row_districts(row: dict) -> tuple[str, ...]:
    if row["kind"] == "district":
        slug = district_slug(row["name"])
        return (slug,) if slug in _districts().get(row["council"], {}).values() else ()
    slugs = (district_for(row["council"], name) for name in (row.get("districts") or "").split("|") if name)
    return tuple(slug for slug in slugs if slug)


def _shared_with(row: dict) -> tuple[str, ...]:
    return tuple(slug for slug in (row.get("shared_with") or "").split("|") if slug)


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, Place], tuple[str, ...]]:
    """normalised name or alias -> Place, and the display names (for suggestions)."""
    index: dict[str, Place] = {}
    names: list[str] = []
    for row in _rows():
        if row["kind"] == POSTCODE_DISTRICT:
            continue
        place = Place(
            name=row["name"],
            kind=row["kind"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            council=row["council"],
            council_name=row["council_name"],
            outward=row["outward"] or None,
            note=row["note"],
            nation=row.get("nation") or "england",
            districts=_row_districts(row),
        )
        aliases = [alias for alias in row["aliases"].split("|") if alias]
        for label in (row["name"], *aliases):
            index.setdefault(normalise_name(label), place)
            names.append(label)
    return index, tuple(names)


@lru_cache(maxsize=1)
def _postcode_districts() -> dict[str, dict]:
    return {row["outward"]: row for row in _rows() if row["kind"] == POSTCODE_DISTRICT}


#: Council slug for a postcode known only by its area letters (never a covered council).
OUTSIDE_AREA = "outside-area"

#: What to add when a place is in a UK nation whose social care rules differ from England's.
NATION_NOTES = {
    "wales": "Wales has its own social care law, so some things Signpost says about England, "
             "such as charges, are different there.",
    "scotland": "Scotland has its own social care rules, so some things Signpost says about England, "
                "such as charges, are different there.",
    "northern-ireland": "In Northern Ireland, Health and Social Care Trusts run adult social care, "
                        "under different rules from England.",
}


def _a_or_an(word: str) -> str:
    return "an" if word[:1].upper() in "AEIOU" else "a"


@lru_cache(maxsize=1)
def _postcode_areas() -> dict[str, dict]:
    with (DATA / "postcode_areas.csv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return {row["area"]: row for row in csv.DictReader(lines)}


def postcode_area(outward: str) -> str:
    """The area letters of an outward code: "M1" -> "M", "LS12" -> "LS"."""
    return re.match(r"[A-Z]+", outward.upper()).group(0)


@lru_cache(maxsize=1)
def _towns_by_outward() -> dict[str, tuple[dict, ...]]:
    """outward code -> the towns in places.csv that name it as their postcode district."""
    found: dict[str, list[dict]] = {}
    for row in _rows():
        if row["kind"] == "town" and row["outward"]:
            found.setdefault(row["outward"], []).append(row)
    return {outward: tuple(rows) for outward, rows in found.items()}


def _post_town(outward: str) -> dict | None:
    """The town whose postcode district ``outward`` is, when every town in places.csv with
    that district belongs to the same council and it is not one Signpost covers ("BA11" ->
    Frome, Somerset Council); else None."""
    towns = _towns_by_outward().get(outward, ())
    councils = {row["council"] for row in towns}
    if len(councils) != 1 or councils & set(COVERED_COUNCILS):
        return None
    return towns[0]


def _place_for_postcode_area(postcode: Postcode) -> Place | None:
    """A place outside Signpost's areas for a postcode whose district is not in places.csv,
    named by the main post town of its area; None for letters that are no UK postcode area.

    In an area that also holds districts Signpost covers (``mixed``), a district that a town
    names as its own resolves to that town: its council and its centre ("BA11 1AA" -> Frome,
    Somerset Council), never the area's main town. Any other district there is a place whose
    council is not known (``ask_town``): the resident is asked for their town."""
    row = _postcode_areas().get(postcode_area(postcode.outward))
    if row is None:
        return None
    town = row["post_town"]
    common = {"name": str(postcode), "kind": "postcode", "outward": postcode.outward, "postcode": str(postcode)}
    if row["mixed"]:
        known = _post_town(postcode.outward)
        if known is not None:
            return Place(
                **common,
                latitude=float(known["latitude"]),
                longitude=float(known["longitude"]),
                council=known["council"],
                council_name=known["council_name"],
                note=f"{postcode} is {_a_or_an(known['name'])} {known['name']} area postcode.",
                nation=known.get("nation") or "england",
                post_town=known["name"],
            )
        note = (f"{postcode} is {_a_or_an(town)} {town} area postcode. Some {town} area postcodes are in the areas "
                "Signpost covers and some are not.")
    else:
        note = f"{postcode} is {_a_or_an(town)} {town} area postcode, outside the areas Signpost covers."
    return Place(
        **common,
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        council=OUTSIDE_AREA,
        council_name="",
        note=note,
        nation=row["nation"] or "england",
        ask_town=bool(row["mixed"]),
    )


def _covered_towns(outward: str, councils: tuple[str, ...]) -> list[str]:
    """Towns in places.csv with this postcode district that belong to one of ``councils``."""
    return [row["name"] for row in _towns_by_outward().get(outward, ()) if row["council"] in councils]


def shared_district_line(place: Place, mode: str = "resident") -> str:
    """The one line about the other councils that hold part of a postcode district, or "".

    Mostly inside Signpost's areas (BA2): "If your BA2 address is in Somerset or Wiltshire,
    contact Somerset Council or Wiltshire Council instead." Mostly outside (LE2): "If your LE2
    address is in Leicestershire (for example Oadby), tell me your town and I'll search there."
    ``mode="staff"`` words it for an adviser."""
    if not place.shared_with or not place.outward:
        return ""
    outward, staff = place.outward, mode == "staff"
    whose = f"the caller's {outward} address" if staff else f"your {outward} address"
    if place.covered:
        others = [slug for slug in place.shared_with if slug not in COVERED_COUNCILS]
        if not others:
            return ""
        where, who = or_list(council_area(slug) for slug in others), or_list(council_name(slug) for slug in others)
        return (f"If {whose} is in {where}, refer them to {who} instead." if staff
                else f"If {whose} is in {where}, contact {who} instead.")
    ours = tuple(slug for slug in place.shared_with if slug in COVERED_COUNCILS)
    if not ours:
        return ""
    towns = _covered_towns(outward, ours)
    example = f" (for example {or_list(towns)})" if towns else ""
    where = or_list(council_area(slug) for slug in ours)
    return (f"If {whose} is in {where}{example}, ask for their town and search there." if staff
            else f"If {whose} is in {where}{example}, tell me your town and I'll search there.")


def _place_for_postcode(postcode: Postcode) -> Place | None:
    row = _postcode_districts().get(postcode.outward)
    if row is None:
        return _place_for_postcode_area(postcode)
    place = Place(
        name=str(postcode),
        kind="postcode",
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        council=row["council"],
        council_name=council_name(row["council"]),
        outward=postcode.outward,
        postcode=str(postcode),
        note=row["note"],
        nation=row.get("nation") or "england",
        districts=_row_districts(row),
        shared_with=_shared_with(row),
    )
    if place.shared_with:
        line = shared_district_line(place)
        most = "" if place.covered else f"Most of {postcode.outward} is covered by {place.council_name}. "
        place = replace(place, note=f"{most}{line}".strip())
    return place


_FILLER = re.compile(r"^(?:near|in|at|around|by|the|close to|area of|town of|city of)\s+|\s+(?:area|town)$")


def resolve_place(text: str | None) -> Place | None:
    """The place a resident means by ``text`` (a town, district, or full or outward
    postcode), or None if it is not in the gazetteer."""
    if not text or not str(text).strip():
        return None
    postcode = parse_postcode(text)
    if postcode:
        return _place_for_postcode(postcode)
    index, _ = _places()
    candidates = [str(text)]
    if "," in candidates[0]:
        candidates.extend(part for part in candidates[0].split(",") if part.strip())
    for candidate in candidates:
        key = normalise_name(candidate)
        while key:
            if key in index:
                return index[key]
            stripped = _FILLER.sub("", key).strip()
            if stripped == key:
                break
            key = stripped
    found = find_postcode(text)
    return _place_for_postcode(found) if found else None


def suggest_places(text: str | None, limit: int = 5) -> list[str]:
    """Known place names close to ``text`` (for "did you mean...?")."""
    _, names = _places()
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(normalise_name(name), name)
    matches = difflib.get_close_matches(normalise_name(text or ""), list(by_key), n=limit, cutoff=0.6)
    return [by_key[key] for key in matches]


def all_place_names() -> list[str]:
    """Every place name and alias, sorted (for NLU lookup tables)."""
    _, names = _places()
    return sorted(set(names), key=str.lower)


@lru_cache(maxsize=1)
def everyday_place_names() -> frozenset[str]:
    """Lower-case place names that are also everyday words or first names ("reading", "bury",
    "bath", "wells"): text scanners should only count them when capitalised or on their own.
    Data: ``directory/data/everyday_place_names.txt``."""
    with (DATA / "everyday_place_names.txt").open(encoding="utf-8") as handle:
        words = (line.strip().lower() for line in handle)
        return frozenset(word for word in words if word and not word.startswith("#"))


def known_outward_codes() -> list[str]:
    return sorted(_postcode_districts())
