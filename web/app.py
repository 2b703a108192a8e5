"""App factory. Each area of the site is a blueprint in ``web.blueprints`` (or ``web.staff``)."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from web import cli, logs, rasa_client, ratelimit, security
from web.config import config_from_name

log = logging.getLogger(__name__)
csrf = CSRFProtect()


def _load_config(app: Flask, config) -> None:
    if isinstance(config, str) or config is None:
        config = config_from_name(config)
    app.config.from_object(config)


def _wants_json() -> bool:
    return request.path.startswith(("/api/", "/staff/api/", "/healthz"))


def _register_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        message = "This form has expired. Please go back, reload the page and try again."
        if _wants_json():
            return jsonify({"error": "csrf", "message": message}), 400
        return render_template("error.html", title="Form expired", message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        messages = {
            404: "We could not find that page.",
            405: "That request is not allowed here.",
            413: "That request is too large.",
        }
        message = messages.get(exc.code or 500, "Something went wrong with that request.")
        if _wants_json():
            return jsonify({"error": exc.name.lower().replace(" ", "_"), "message": message}), exc.code
        return render_template("error.html", title=exc.name, message=message), exc.code

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.error("Unexpected error on %s %s: %s", request.method, request.path, type(exc).__name__)
        message = "Sorry, something went wrong on our side. Please try again. If someone is in danger now, call 999."
        if _wants_json():
            return jsonify({"error": "server_error", "message": message}), 500
        return render_template("error.html", title="Sorry, something went wrong", message=message), 500


def create_app(config=None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    _load_config(app, config)
    app.json.sort_keys = False  # keep answers in the order they were asked (Flask 3 ignores JSON_SORT_KEYS)

    logs.init_app(app)
    rasa_client.init_app(app)
    csrf.init_app(app)
    ratelimit.init_app(app)
    security.init_app(app)
    cli.init_app(app)

    from web.blueprints import chat, directory_api, funding_api, health, oruk, pages
    from web.staff import views as staff

    staff.login_manager.init_app(app)
    for module in (pages, chat, health, staff, directory_api, oruk, funding_api):
        app.register_blueprint(module.bp)
    # Public JSON APIs: no cookies matter to them, and chat insists on a JSON body
    # (which a cross-site form cannot send). Staff forms all keep their CSRF tokens.
    for module in (chat, directory_api, oruk, funding_api):
        csrf.exempt(module.bp)
    _register_errors(app)
    return app
