"""App factory. Each area of the site is a blueprint in ``web.blueprints``."""

from __future__ import annotations

from flask import Flask

from web.config import config_from_name


def create_app(config=None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.config.from_object(config_from_name(config) if isinstance(config, str) or config is None else config)

    from web.blueprints import directory_api, funding_api, health, oruk

    for module in (health, directory_api, oruk, funding_api):
        app.register_blueprint(module.bp)
    return app
