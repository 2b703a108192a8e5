"""Command-line tasks: ``flask --app web.app create-staff NAME`` (or ``python -m web create-staff NAME``)."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from web.staff.models import StaffAccountError, create_staff, purge_callbacks, session_scope


@click.command("create-staff")
@with_appcontext
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def create_staff_command(username: str, password_stdin: bool) -> None:
    """Make a contact-centre staff account."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with session_scope(current_app.config["DATABASE_URL"]) as s:
            create_staff(s, username, password)
    except StaffAccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Made staff account {username!r}.")


@click.command("purge-callbacks")
@with_appcontext
def purge_callbacks_command() -> None:
    """Delete call-back requests older than the retention period (SIGNPOST_RETENTION_DAYS)."""
    days = current_app.config["RETENTION_DAYS"]
    with session_scope(current_app.config["DATABASE_URL"]) as s:
        removed = purge_callbacks(s, days)
    click.echo(f"Removed {removed} call-back request(s) older than {days} days.")


def init_app(app: Flask) -> None:
    app.cli.add_command(create_staff_command)
    app.cli.add_command(purge_callbacks_command)
