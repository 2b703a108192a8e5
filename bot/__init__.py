"""Signpost's domain core: plain Python with no Rasa or Flask import.

Holds triage (strengths-based questions and summaries), the safety phrase
screen, funding rules and the calculator (``bot.funding``), council profiles,
amount parsing and the plain-English content the assistant speaks.
May import: the standard library, PyYAML, ``settings`` and ``directory``.
"""
