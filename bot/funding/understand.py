"""Reading what people say in passing for the paying-for-care questions: signs that the person is
over State Pension age ("she gets her state pension", "mum is 84"), whether an amount is said per
week, month or year, a country named in a correction, and facts given before they are asked
("she has 14 grand", "she owns her house", "mum still lives in the house").

Plain Python: no Rasa import. Nothing here holds a charging figure (those are in rules.yml).
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot import amounts

#: Words that mean the person is over State Pension age (a State Pension, Pension Credit, retired)
PENSION_AGE_WORDS = re.compile(
    r"\b(?:state pension|old age pension|pension credit|retired|retirement pension|pensioners?|oap"
    r"|(?:my|her|his|their|our|your|mum'?s|dad'?s|mother'?s|father'?s) pension)\b",
    re.IGNORECASE,
)
#: "not retired", "isn't on Pension Credit", "before State Pension age", "too young for a pension"
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|isn'?t|aren'?t|wasn'?t|no|never|nor|under|below|before|too young for|until|yet to)\b"
    r"(?:\W+\w+){0,2}\W*$",
    re.IGNORECASE,
)

_WHO = (r"mum|mom|mam|mummy|mother|dad|daddy|father|nan|nana|nanna|gran|granny|grandma|grandmother|grandad"
        r"|granddad|grandpa|grandfather|husband|wife|partner|spouse|aunt|auntie|aunty|uncle|brother|sister|son"
        r"|daughter|friend|neighbour|he|she|they|caller|client|person|gentleman|lady|man|woman")
_ME = r"i|i'm|im|i am|myself"
#: what a number must not be followed by to be an age ("mum is 84", not "she's 230 a week")
_NOT_MONEY = (r"(?!\s*(?:k\b|grand|pounds?|quid|%|p\b|pence|a week|a month|a year|per|pw|pcm|pa\b|thousand|hundred"
              r"|,\d|\.\d|(?:ish\s+)?(?:a|per) (?:week|month|year)))")
_AGE_PATTERNS = (
    # "mum is 84", "she's 84", "dad, 79,", "my husband who is 70", "I'm 45", "my wife aged 81"
    re.compile(rf"\b(?P<who>{_WHO}|{_ME})(?:'s|s| is| was| who is| who's| has just turned| just turned| turned"
               rf"| turns| will be| aged| age|,)\s*(?:now\s+|nearly\s+|almost\s+|about\s+|over\s+)?"
               rf"(?P<age>\d{{2,3}})\b{_NOT_MONEY}", re.IGNORECASE),
    # "I'm 45", "I am 70"
    re.compile(rf"\b(?P<who>i'm|im|i am)\s+(?:now\s+|nearly\s+|almost\s+|over\s+)?(?P<age>\d{{2,3}})\b{_NOT_MONEY}",
               re.IGNORECASE),
    # "my 84 year old mum", "she is 84 years old", "I am 45 years old"
    re.compile(rf"(?:\b(?P<who>{_WHO}|{_ME})\b\W+(?:is|was|am|'s|'m)?\s*)?(?P<age>\d{{2,3}})[\s-]*"
               r"(?:years?|yrs?|yo)(?:[\s-]*old)?\b", re.IGNORECASE),
    # "aged 84", "age 84"
    re.compile(rf"\b(?:aged|age)\s+(?P<age>\d{{2,3}})\b{_NOT_MONEY}", re.IGNORECASE),
)
MIN_AGE, MAX_AGE = 18, 120

#: a weekly, monthly or yearly amount: "230 a week", "£1,500 pcm", "£900/month", "12k per annum"
_PERIODS = (
    ("fortnight", re.compile(r"\b(?:a|per|each|every)\s+fortnight\b|\bfortnightly\b|\d\s*pf\b", re.IGNORECASE)),
    ("week", re.compile(r"\b(?:a|per|each|every|in a)\s+(?:week|wk)\b|\bweekly\b|/\s*(?:week|wk|w)\b"
                        r"|\d\s*(?:pw|p/w)\b", re.IGNORECASE)),
    ("month", re.compile(r"\b(?:a|per|each|every|in a)\s+(?:month|mth|calendar month)\b|\bmonthly\b"
                         r"|/\s*(?:month|mth|m)\b|\d\s*(?:pcm|pm|p/m)\b|\bpcm\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:a|per|each|every|in a)\s+(?:year|yr|annum)\b|\b(?:yearly|annually|annual)\b"
                        r"|/\s*(?:year|yr|y)\b|\d\s*(?:pa|p/a)\b|\bper annum\b", re.IGNORECASE)),
)
WEEKS_IN = {"week": Decimal(1), "fortnight": Decimal(2), "month": Decimal(52) / Decimal(12), "year": Decimal(52)}

#: A weekly income above this is far more than pensions and benefits pay, so it is checked with the
#: person before it is used (most likely a yearly figure, or a savings amount typed in the wrong
#: place). A plausibility check for typing mistakes, not a charging rule.
PLAUSIBLE_WEEKLY_INCOME = Decimal(2000)

#: Country names (a place is looked up separately, in the directory's gazetteer)
NATION_WORDS = {
    "england": "england", "english": "england", "wales": "wales", "welsh": "wales", "cymru": "wales",
    "scotland": "scotland", "scottish": "scotland", "northern ireland": "northern_ireland",
}
_NATION = re.compile(r"\b(?P<nation>northern ireland|england|english|wales|welsh|cymru|scotland|scottish)\b",
                     re.IGNORECASE)
_NOT_BEFORE_NATION = re.compile(r"\b(?:not|isn'?t|aren'?t|wasn'?t|never|outside)\s+(?:in\s+|from\s+)?$",
                                re.IGNORECASE)

#: "she owns her house", "they own the flat", "homeowner" (a negation is checked by DOES_NOT_OWN first)
OWNS_HOME = re.compile(
    r"\b(?:(?:owns?|owned|owning) (?:a|the|her|his|their|our|my|your|its)? ?(?:own )?"
    r"(?:home|house|flat|bungalow|property|place|cottage|apartment|maisonette)|(?:owns?|owned) (?:it|outright)"
    r"|home ?owners?|owner[- ]occupiers?|(?:mortgage|mortgage-free|paid off (?:the|her|his|their) mortgage))\b",
    re.IGNORECASE,
)
DOES_NOT_OWN = re.compile(
    r"\b(?:no (?:home|house|property|flat) of (?:her|his|their) own|(?:don'?t|doesn'?t|do not|does not|didn'?t|never)"
    r" own|not (?:a )?home ?owners?|rents?|renting|rented|tenants?|tenancy|council (?:house|flat|property)"
    r"|housing association|sold (?:it|the (?:house|home|flat)|(?:her|his|their) (?:house|home|flat)))\b",
    re.IGNORECASE,
)
#: "mum still lives in the house", "his wife lives there", "my sister lives with her in their home"
PARTNER_IN_HOME = re.compile(
    r"\b(?:(?:my |her |his |their |our |the )?(?:mum|mom|mam|mother|dad|father|husband|wife|partner|spouse"
    r"|brother|sister|son|daughter|aunt|auntie|uncle))\b(?:\W+\w+){0,2}?\W+(?:still |also |will )?"
    r"(?:lives?|living|is living|stays?|staying|will stay|will still live|remains?|is remaining)"
    r" (?:there|in (?:the|their|our|that|this) (?:home|house|flat|bungalow|property|family home)"
    r"|at (?:the|their|our) (?:home|house|flat|bungalow|property))\b",
    re.IGNORECASE,
)
SAVINGS_WORDS = re.compile(r"\b(?:savings?|saved|in the bank|capital|put by|put away|nest egg|isas?|premium bonds"
                           r"|investments?|shares|in (?:her|his|their|my|the) accounts?)\b", re.IGNORECASE)
#: "she has 14 grand", "he's got £20,000", "they have about 30k left"
_HAS = re.compile(r"\b(?:has|have|had|got|'s got|there'?s|there is|left with|sitting on)\b", re.IGNORECASE)
_MONEY_SHAPE = re.compile(r"£|\d\s*(?:k|grand|thousand|mil|m)\b|\b(?:grand|thousand|pounds|quid)\b", re.IGNORECASE)
_NOT_SAVINGS = re.compile(
    r"\b(?:house|home|flat|property|bungalow|worth|value|valued|income|pension|benefits?|allowance|wage|salary"
    r"|earn|earns|paid|costs?|fees?|charges?|bill|rent|mortgage|debt|owe|owes|years?|old|aged|carers?|times)\b",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    return " ".join(str(text or "").replace("\u2019", "'").replace("\u2018", "'").split())


def says_pension_age(text: str) -> bool:
    """True when ``text`` says the person gets a State Pension, Pension Credit or is retired."""
    text = _clean(text)
    for found in PENSION_AGE_WORDS.finditer(text):
        if not _NEGATED_BEFORE.search(text[max(0, found.start() - 30):found.start()]):
            return True
    return False


def ages_in(text: str) -> list[tuple[int, bool]]:
    """Ages said in ``text``, in order: (age, said about the speaker themself)."""
    text = _clean(text)
    found: list[tuple[int, int, bool]] = []
    for pattern in _AGE_PATTERNS:
        for match in pattern.finditer(text):
            age = int(match.group("age"))
            if not MIN_AGE <= age <= MAX_AGE or text[max(0, match.start("age") - 1):match.start("age")] == "£":
                continue
            who = (match.groupdict().get("who") or "").lower()
            mine = who in ("i", "i'm", "im", "i am", "myself")
            if all(start != match.start("age") for start, _, _ in found):
                found.append((match.start("age"), age, mine))
    return [(age, mine) for _, age, mine in sorted(found)]


def age_of_person(texts: list[str]) -> int | None:
    """The age of the person who needs care from what was said (latest first). An age said about
    someone else ("mum is 84") wins over the speaker's own ("I'm 52"), which is used only alone."""
    theirs: list[int] = []
    mine: list[int] = []
    for text in texts:
        for age, is_mine in ages_in(text):
            (mine if is_mine else theirs).append(age)
    if theirs:
        return theirs[-1]
    return mine[-1] if mine else None


def period_of(text: str) -> str | None:
    """"week", "fortnight", "month" or "year" when ``text`` says an amount per that period, else None."""
    text = _clean(text)
    for period, pattern in _PERIODS:
        if pattern.search(text):
            return period
    return None


def as_weekly(value: Decimal, text: str) -> Decimal:
    """An amount said per fortnight, month or year, as a weekly figure (to the penny)."""
    period = period_of(text) or "week"
    return (value / WEEKS_IN[period]).quantize(Decimal("0.01"))


def implausible_weekly_income(weekly_amount: Decimal) -> bool:
    return weekly_amount > PLAUSIBLE_WEEKLY_INCOME


def nation_named(text: str) -> str | None:
    """The UK nation a message names and does not deny ("sorry no England" -> england, "not
    Wales, England" -> england, "not in Wales" -> None)."""
    text = _clean(text)
    named = None
    for found in _NATION.finditer(text):
        if _NOT_BEFORE_NATION.search(text[max(0, found.start() - 20):found.start()]):
            continue
        named = NATION_WORDS[found.group("nation").lower()]
    return named


def owns_home_from_text(text: str) -> str | None:
    """"yes" or "no" when ``text`` says whether the person owns their home, else None."""
    text = _clean(text)
    if DOES_NOT_OWN.search(text):
        return "no"
    if OWNS_HOME.search(text):
        return "yes"
    return None


def partner_in_home_from_text(text: str) -> str | None:
    """"yes" when ``text`` says a partner or relative still lives in the home, else None."""
    return "yes" if PARTNER_IN_HOME.search(_clean(text)) else None


def savings_said(text: str) -> Decimal | None:
    """Savings mentioned in passing ("she has 14 grand", "30k saved"), else None. Amounts said per
    week or month, about a home, income or an age are not savings."""
    for clause in re.split(r"[;!?\n]|[.,](?=\s|$)|\bbut\b|\band\b(?= (?:she|he|they|i|we|mum|dad|her|his|their|my|has|have"
                           r"|had|got|owns?|lives?|is|are|the|also|still)\b)",
                           _clean(text), flags=re.IGNORECASE):
        clause = clause.strip()
        if not clause or period_of(clause):
            continue
        about_savings = bool(SAVINGS_WORDS.search(clause))
        if not about_savings and (not _HAS.search(clause) or not _MONEY_SHAPE.search(clause)
                                  or _NOT_SAVINGS.search(clause)):
            continue
        answer = amounts.parse_amount(clause)
        if answer.is_amount and answer.value is not None and (about_savings or answer.value >= 100):
            return answer.value
    return None
