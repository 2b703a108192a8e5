"""The Flask web app: chat widget and full-page chat, JSON APIs, staff console.

A thin adapter in front of Rasa (via ``web.rasa_client``), ``directory`` and
``bot``. App factory: ``create_app(config_name_or_object)``. May import Flask
and its extensions, ``bot``, ``directory`` and ``settings``; never Rasa.
"""
