"""A small, honest readability measure for the explanation tests (no third-party package)."""

import re

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[A-Za-z£0-9][A-Za-z0-9'£,./-]*")


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(text.strip()) if part]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e. Numbers and amounts count as two syllables."""
    if not word[0].isalpha():
        return 2
    word = word.lower().strip(".,'")
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def average_sentence_length(text: str) -> float:
    found = sentences(text)
    return sum(len(words(sentence)) for sentence in found) / len(found)


def flesch_kincaid_grade(text: str) -> float:
    all_words = words(text)
    syllable_count = sum(syllables(word) for word in all_words)
    return 0.39 * average_sentence_length(text) + 11.8 * syllable_count / len(all_words) - 15.59
