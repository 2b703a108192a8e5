"""bot.language: a message in another language is noticed, offline; English never is, however short,
misspelt or slangy, and place names are English too."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from bot import language
from bot.datafiles import load_yaml

ROOT = Path(__file__).resolve().parents[2]


# -- other languages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, script, name", [
    # the messages QA played, then the other languages most spoken in England
    ("moja mama potrzebuje pomocy w domu", "Latin", "Polish"),
    ("میری ماں کو مدد کی ضرورت ہے", "Arabic", None),  # Urdu; the script alone does not say which language
    ("ਮੇਰੀ ਮਾਂ ਨੂੰ ਘਰ ਵਿੱਚ ਮਦਦ ਦੀ ਲੋੜ ਹੈ", "Gurmukhi", "Punjabi"),
    ("mama mea are nevoie de ajutor acasă", "Latin", "Romanian"),
    ("أمي تحتاج إلى مساعدة في المنزل", "Arabic", None),
    ("আমার মায়ের বাড়িতে সাহায্য দরকার", "Bengali", "Bengali"),
    ("મારી માતાને ઘરે મદદની જરૂર છે", "Gujarati", "Gujarati"),
    ("minha mãe precisa de ajuda em casa", "Latin", "Portuguese"),
    ("mi madre necesita ayuda en casa", "Latin", "Spanish"),
    ("mia madre ha bisogno di aiuto a casa", "Latin", "Italian"),
    ("ma mère a besoin d'aide à la maison", "Latin", "French"),
    ("mano mamai reikia pagalbos namuose", "Latin", "Lithuanian"),
    ("annem evde yardıma ihtiyacı var", "Latin", "Turkish"),
    ("anyámnak segítségre van szüksége otthon", "Latin", "Hungarian"),
    ("hooyaday waxay u baahan tahay caawimaad guriga", "Latin", "Somali"),
    ("kailangan ng nanay ko ng tulong sa bahay", "Latin", "Tagalog"),
    ("mẹ tôi cần giúp đỡ ở nhà", "Latin", "Vietnamese"),
    ("meine mutter braucht hilfe zu hause", "Latin", "German"),
    ("nëna ime ka nevojë për ndihmë në shtëpi", "Latin", "Albanian"),
    ("moje matka potřebuje pomoc doma prosím", "Latin", None),  # Czech or Slovak
    ("meri ammi ko ghar mein madad chahiye", "Latin", None),  # Urdu or Hindi in English letters
    ("моя мама нуждается в помощи дома", "Cyrillic", None),
    ("मेरी माँ को घर पर मदद चाहिए", "Devanagari", None),
    ("我妈妈在家需要帮助", "Han", "Chinese"),
    ("母は家で助けが必要です", "Kana", "Japanese"),
    ("母親介護必要です", "Han", "Japanese"),  # mostly Han, but with kana: Japanese
    ("우리 어머니는 집에서 도움이 필요합니다", "Hangul", "Korean"),
    ("η μητέρα μου χρειάζεται βοήθεια στο σπίτι", "Greek", "Greek"),
    ("என் அம்மாவுக்கு வீட்டில் உதவி தேவை", "Tamil", "Tamil"),
    ("ማማዬ እርዳታ ትፈልጋለች", "Ethiopic", None),  # Amharic or Tigrinya
    # short, and typed without accents
    ("cześć", "Latin", "Polish"),
    ("dziękuję bardzo", "Latin", "Polish"),
    ("potrzebuje pomocy dla mamy", "Latin", "Polish"),
    ("nu vorbesc engleza", "Latin", "Romanian"),
    ("Shwmae, dw i angen help gyda gofal i mam", "Latin", "Welsh"),
    ("diolch yn fawr iawn", "Latin", "Welsh"),
    ("necesito ayuda para mi madre", "Latin", "Spanish"),
    ("مدد", "Arabic", None),
])
def test_another_language_is_noticed(text, script, name):
    found = language.detect(text)
    assert found is not None, text
    assert found.script == script
    assert found.language == name


def test_a_mostly_english_message_with_a_few_letters_of_another_script_is_english():
    assert language.detect("my mum's name is 李华 and she needs help at home") is None
    assert language.detect("she takes 5µg a day") is None


# -- English, never ------------------------------------------------------------------------------------

ENGLISH = [
    # short, slangy, misspelt
    "ok ta", "nvm", "wot", "ta la", "ok", "k", "yes", "no", "nope", "ya", "y", "ty", "thx", "lol", "hiya", "hai",
    "alright la", "cheers me duck", "ta ra", "tara", "ey up", "wotcha", "hya", "nah ta", "soz", "wat", "eh", "huh",
    "me mam ne", "mi mam", "mi nan needs help", "our kid", "me da", "ma", "da", "pa", "nana", "mama", "mam",
    "si si", "hola", "merci", "ciao", "ko ko", "la la la", "ha ha", "na na", "do do", "da da da",
    "mum in grimsby", "lifeline alarm", "pendant alarm pls", "home care", "carers", "day centre",
    "my mum needs help at home", "me mams not coping", "hes strugglin wiv the stairs", "cant cope no more",
    "she wont eat", "dunno", "idk", "not sure tbh", "its me nan", "wen can i get help", "wot about bath",
    "is she entitled to free care?", "how much does a care home cost?", "what is reablement?",
    "I don't know, maybe her garden?", "seeing her grandchildren",
    # place names and names
    "Llandudno", "Llanfairpwllgwyngyll", "Betws-y-Coed", "Pen-y-bont", "Ashby-de-la-Zouch", "Ashby de la Zouch",
    "day centres in ashby de la zouch", "de la Rue", "Los Angeles", "Costa del Sol", "San Jose", "Bella Italia",
    "Zoë Brontë", "Renée", "Chloë", "Señora García", "José", "Łódź", "café olé", "crème brûlée", "naïve",
    "Mrs Müller", "Nguyễn", "Siobhán", "Dáithí", "Seán Ó Briain", "Björk", "Ayşe", "Zoltán", "Małgorzata",
    "Preston", "Bath", "Wells", "Reading", "Bury", "Nelson", "Healing", "Ware", "Par", "Diss", "Ely",
    # about other languages, in English
    "my mum speaks polish", "she only speaks urdu", "does the council do interpreters", "he speaks punjabi and a "
    "bit of english", "she speaks hindi", "my dad is from romania", "can I get a leaflet in bengali",
    # safety phrasings with dialect words
    "me nan's on the floor and i cant lift her", "mam's collapsed in the bathroom", "i cant wake me mam",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_never_another_language(text):
    assert language.detect(text) is None


def _training_examples() -> list[str]:
    found = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip().removeprefix("- ")
                line = re.sub(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})", r"\1", line)  # [Bath](place) -> Bath
                if line:
                    found.append(line)
    return found


def _conversation_turns() -> list[str]:
    found = []
    for path in sorted((ROOT / "tests" / "e2e" / "conversations").glob("*.yml")):
        if path.name == "languages_and_followups.yml":
            continue  # holds the other-language messages on purpose
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            found += [str(turn["user"]) for turn in conversation["turns"] if "user" in turn]
    return found


def _place_names() -> list[str]:
    with (ROOT / "directory" / "data" / "places.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = [row["name"] for row in rows]
    names += [alias for row in rows for alias in (row.get("aliases") or "").split("|") if alias]
    return names


def test_no_training_example_is_another_language():
    examples = _training_examples()
    assert len(examples) > 4000
    assert [text for text in examples if language.detect(text)] == []


def test_no_qa_conversation_turn_is_another_language():
    turns = _conversation_turns()
    assert len(turns) > 300
    assert [text for text in turns if language.detect(text)] == []


def test_no_place_name_is_another_language():
    names = _place_names()
    assert len(names) > 300
    assert [name for name in names if language.detect(name)] == []
    assert [name for name in names if language.detect(f"day centres in {name}")] == []


def test_no_safety_phrasing_is_another_language():
    from tests.bot import safety_cases

    phrasings = [*safety_cases.EMERGENCY, *safety_cases.SUICIDE, *safety_cases.ABUSE, *safety_cases.NEGATIVE]
    assert [text for text in phrasings if language.detect(text)] == []


@pytest.mark.parametrize("text", ["", "   ", None, "/describe_needs", '/inform{"place": "Bath"}', "12345", "!!!",
                                  "😀😀😀", "PR1 2HE", "£250 a week", "x" * 50_000])
def test_nothing_to_read_is_not_another_language(text):
    assert language.detect(text) is None


# -- the data file -------------------------------------------------------------------------------------

def test_word_lists_are_single_lower_case_words_and_never_english():
    data = load_yaml(language.LANGUAGES_FILE)
    english = set(data["english"].split())
    # words the file's rules name as never allowed (English, chat words, names)
    never = {"mama", "ma", "da", "mam", "do", "to", "no", "on", "me", "mia", "con", "per", "main", "par", "ho", "um",
             "mayor", "a", "i", "in", "is", "as", "at", "an", "so", "he", "we", "us", "be", "or", "if", "it", "of"}
    for entry in data["languages"]:
        words = entry["words"].split()
        assert words, entry["id"]
        for word in words:
            assert word == word.lower() and re.fullmatch(r"[^\W\d_]+", word), (entry["id"], word)
            assert word not in english and word not in never, (entry["id"], word)


def test_no_listed_word_is_a_place():
    places = {name.lower() for name in _place_names()}
    for entry in load_yaml(language.LANGUAGES_FILE)["languages"]:
        assert not places & set(entry["words"].split()), entry["id"]


def test_script_ranges_do_not_overlap_and_leave_latin_alone():
    spans = []
    for script in load_yaml(language.LANGUAGES_FILE)["scripts"]:
        for span in script["ranges"]:
            low, high = (int(part, 16) for part in span.split("-"))
            assert low <= high
            spans.append((low, high, script["name"]))
    spans.sort()
    for (_, high, name), (low, _, other) in zip(spans, spans[1:], strict=False):
        assert high < low, (name, other)
    assert spans[0][0] > 0x024F  # Basic Latin to Latin Extended-B are English (and names)


# -- the reply -------------------------------------------------------------------------------------------

def test_the_reply_says_english_only_interpreter_and_a_line_to_show():
    lines = language.reply(language.detect("moja mama potrzebuje pomocy w domu"), "resident",
                           "Lancashire County Council", ["Use the council's website."])
    said = "\n".join(lines)
    assert lines[0] == "If someone is in danger now, call 999."
    assert "Polish" in lines[1] and "only works in English" in lines[1]
    assert "Lancashire County Council can arrange an interpreter" in lines[2]
    assert lines[2].endswith("Use the council's website.")
    assert "ask for a Polish interpreter" in lines[3] and "show this to someone" in lines[3]
    assert "{" not in said and "None" not in said


def test_the_reply_without_a_language_name():
    lines = language.reply(language.detect("میری ماں کو مدد کی ضرورت ہے"), council="Bath and North East Somerset Council")
    assert "did not write in English" in lines[1]
    assert "ask for an interpreter" in lines[3]


@pytest.mark.parametrize("name, article", [("Italian", "an Italian"), ("Urdu", "an Urdu"), ("Polish", "a Polish"),
                                           ("Albanian", "an Albanian"), ("Gujarati", "a Gujarati")])
def test_the_interpreter_is_named_with_the_right_article(name, article):
    assert language.Detected("Latin", name).interpreter == f"{article} interpreter"


def test_the_staff_reply_is_a_guide():
    lines = language.reply(language.detect("mi madre necesita ayuda en casa"), "staff", "Leicestershire County Council")
    assert lines[1].startswith("Staff guide.") and "Spanish" in lines[1]
    assert "Caller needs a Spanish interpreter." in lines[3]


def test_the_reply_is_short_plain_english():
    for mode in ("resident", "staff"):
        for line in language.reply(language.Detected("Latin", "Portuguese"), mode, "North East Lincolnshire Council"):
            for sentence in re.split(r"(?<=[.:?!])\s+", line):
                assert len(sentence.split()) <= 25, sentence
