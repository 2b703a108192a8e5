"""Amount parsing: the ways people write money, and answers that are not amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.amounts import AmountAnswer, format_amount, parse_amount

D = Decimal


@pytest.mark.parametrize("text, value", [
    ("£30,000", D(30000)),
    ("30000", D(30000)),
    ("30,000", D(30000)),
    ("30 000", D(30000)),
    ("30k", D(30000)),
    ("30K", D(30000)),
    ("£30k", D(30000)),
    ("£30K", D(30000)),
    ("30 k", D(30000)),
    ("30 grand", D(30000)),
    ("30grand", D(30000)),
    ("ten grand", D(10000)),
    ("a grand", D(1000)),
    ("thirty thousand", D(30000)),
    ("Thirty Thousand Pounds", D(30000)),
    ("thirty-five thousand pounds", D(35000)),
    ("a hundred and twenty thousand", D(120000)),
    ("one hundred and twenty thousand", D(120000)),
    ("two hundred and fifty thousand", D(250000)),
    ("twelve thousand five hundred", D(12500)),
    ("ten thousand and fifty", D(10050)),
    ("1.2m", D(1200000)),
    ("£1.2M", D(1200000)),
    ("1.5 million", D(1500000)),
    ("one point two million", D(1200000)),
    ("half a million", D(500000)),
    ("a million and a half", D(1500000)),
    ("two and a half thousand", D(2500)),
    ("12.5k", D(12500)),
    ("£1,250.50", D("1250.50")),
    ("1250.5", D("1250.50")),
    ("£23,250", D(23250)),
    ("I've got 14,250 in the bank", D(14250)),
    ("30000.", D(30000)),
    ("£ 14 250", D(14250)),
    ("zero", D(0)),
    ("nothing", D(0)),
    ("none", D(0)),
    ("None at all", D(0)),
    ("nowt", D(0)),
    ("no savings", D(0)),
    ("not a penny", D(0)),
    ("no", D(0)),
    ("0", D(0)),
    ("£0", D(0)),
    ("a hundred", D(100)),
    ("hundred grand", D(100000)),
    ("30 thou", D(30000)),
    ("thirty k", D(30000)),
    ("50p", D("0.50")),
    ("£1,000 a month", D(1000)),
    ("twenty three thousand two hundred and fifty", D(23250)),
])
def test_amounts_are_read(text, value):
    answer = parse_amount(text)
    assert answer.status == "amount", (text, answer)
    assert answer.value == value, (text, answer)


@pytest.mark.parametrize("text, value", [
    ("about 40k", D(40000)),
    ("around £30,000", D(30000)),
    ("roughly thirty grand", D(30000)),
    ("about 12.5k", D(12500)),
    ("just over 20k", D(20000)),
    ("not sure, maybe 30k", D(30000)),
    ("30k-ish", D(30000)),
])
def test_hedged_amounts_are_marked_approximate(text, value):
    answer = parse_amount(text)
    assert answer.status == "amount" and answer.value == value and answer.approximate, (text, answer)


@pytest.mark.parametrize("text, low, high", [
    ("between 20k and 30k", D(20000), D(30000)),
    ("20-30k", D(20000), D(30000)),
    ("£20,000 to £30,000", D(20000), D(30000)),
    ("20 to 30 thousand", D(20000), D(30000)),
    ("20k or 30k", D(20000), D(30000)),
    ("30k to 20k", D(20000), D(30000)),
])
def test_ranges_give_low_high_and_midpoint(text, low, high):
    answer = parse_amount(text)
    assert answer.status == "amount" and answer.approximate
    assert (answer.low, answer.high) == (low, high)
    assert answer.value == (low + high) / 2


@pytest.mark.parametrize("text", ["not sure", "Not sure", "don't know", "I dont know", "dunno", "no idea",
                                  "I'm unsure", "can't remember", "no one knows", "idk"])
def test_not_sure(text):
    assert parse_amount(text).status == "not_sure"


@pytest.mark.parametrize("text", ["rather not say", "I'd rather not say", "prefer not to say", "skip",
                                  "Skip this", "none of your business", "pass", "that's private",
                                  "I'd rather not", "I don't want to say"])
def test_decline(text):
    answer = parse_amount(text)
    assert answer.status == "decline" and answer.value is None


@pytest.mark.parametrize("text", ["banana", "", "   ", "lots", "quite a bit", "thousands", "a few thousand",
                                  "some", "?", "£", "k", "-500", "-£300",
                                  "30k in savings and a house worth 200k", "1 2 3",
                                  "9" * 40, "<script>", None])
def test_unreadable_answers_are_unknown_with_a_reason(text):
    answer = parse_amount(text)
    assert answer.status == "unknown", (text, answer)
    assert answer.value is None
    assert answer.reason


def test_numbers_that_are_not_strings_are_read():
    assert parse_amount(12).value == 12
    assert parse_amount(D("99.5")).value == D("99.50")


def test_answer_to_dict_keeps_pence_as_text():
    assert parse_amount("£1,250.50").to_dict()["value"] == "1250.50"
    assert parse_amount("not sure").to_dict() == {"status": "not_sure", "value": None, "approximate": False,
                                                  "low": None, "high": None, "reason": ""}


def test_is_amount():
    assert parse_amount("5k").is_amount
    assert not parse_amount("skip").is_amount
    assert isinstance(parse_amount("5k"), AmountAnswer)


@pytest.mark.parametrize("value, text", [(D(30000), "£30,000"), (D("1250.5"), "£1,250.50"), (0, "£0"),
                                         (D("1200000.0"), "£1,200,000")])
def test_format_amount(value, text):
    assert format_amount(value) == text


pounds = st.integers(min_value=0, max_value=10**9)


@given(pounds)
def test_formatted_whole_pounds_round_trip(n):
    assert parse_amount(f"£{n:,}").value == n
    assert parse_amount(f"{n:,}").value == n
    assert parse_amount(str(n)).value == n
    assert parse_amount(format_amount(n)).value == n


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=99))
def test_pounds_and_pence_round_trip(pounds_part, pence):
    value = D(pounds_part) + D(pence) / 100
    assert parse_amount(f"£{pounds_part:,}.{pence:02d}").value == value


@given(st.integers(min_value=1, max_value=999))
def test_thousands_shorthand(n):
    expected = n * 1000
    for text in (f"{n}k", f"{n}K", f"£{n}k", f"{n} grand", f"{n} thousand", f"about {n}k"):
        assert parse_amount(text).value == expected, text


@given(st.text(max_size=200))
def test_never_raises_on_any_text(text):
    answer = parse_amount(text)
    assert answer.status in ("amount", "not_sure", "decline", "unknown")
    if answer.status == "amount":
        assert answer.value is not None and answer.value >= 0


def _words(n: int) -> str:
    units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def below_thousand(x: int) -> str:
        parts = []
        if x >= 100:
            parts.append(f"{units[x // 100]} hundred")
            x %= 100
            if x:
                parts.append("and")
        if x >= 20:
            parts.append(tens[x // 10] + (f"-{units[x % 10]}" if x % 10 else ""))
        elif x or not parts:
            parts.append(units[x])
        return " ".join(parts)

    if n >= 1000:
        head = f"{below_thousand(n // 1000)} thousand"
        rest = n % 1000
        if not rest:
            return head
        return f"{head} and {below_thousand(rest)}" if rest < 100 else f"{head} {below_thousand(rest)}"
    return below_thousand(n)


@given(st.integers(min_value=1, max_value=999_999))
def test_numbers_in_words_round_trip(n):
    assert parse_amount(_words(n)).value == n, _words(n)


@pytest.mark.parametrize(
    "text, value",
    [
        ("1/4 million", D(250000)),
        ("1/4 of a million", D(250000)),
        ("£1/4m", D(250000)),
        ("a quarter of a million", D(250000)),
        ("quarter of a million", D(250000)),
        ("about a quarter of a million", D(250000)),
        ("1/2 million", D(500000)),
        ("half a million", D(500000)),
        ("3/4 million", D(750000)),
        ("three quarters of a million", D(750000)),
        # unchanged: "and a half" is read as it always was
        ("four and a half million", D(4500000)),
        ("4 and a half k", D(4500)),
        ("a million and a half", D(1500000)),
    ],
)
def test_fractions_of_a_scale_word(text, value):
    answer = parse_amount(text)
    assert answer.status == "amount", (text, answer.reason)
    assert answer.value == value


def test_a_slash_fraction_alone_is_not_an_amount():
    assert parse_amount("1/4").status == "unknown"
