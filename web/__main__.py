"""``python -m web create-staff NAME`` and ``python -m web purge-callbacks`` (Flask's CLI)."""

from flask.cli import FlaskGroup

from web.app import create_app

cli = FlaskGroup(create_app=lambda: create_app())

if __name__ == "__main__":
    cli(prog_name="python -m web")
