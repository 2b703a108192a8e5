"""Rasa custom actions: thin adapters from rasa-sdk to ``bot`` and ``directory``.

No domain rules live here: an action reads slots, calls the domain core and
turns the answer into messages. May import rasa_sdk, ``bot``, ``directory``
and ``settings``; never Flask.
"""
