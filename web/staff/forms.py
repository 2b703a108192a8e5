"""Staff console forms. Every one carries Flask-WTF's CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired("Enter your username"), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password"), Length(max=200)])


class ActionForm(FlaskForm):
    """A button that changes something (start a call, sign out, remove a request): CSRF only."""


class CallbackForm(FlaskForm):
    name = StringField(
        "Caller's name",
        validators=[DataRequired("Enter the caller's name"), Length(max=120, message="Name must be 120 characters or fewer")],
    )
    phone = StringField(
        "Phone number",
        validators=[
            DataRequired("Enter a phone number to call back on"),
            Length(max=40, message="Phone number must be 40 characters or fewer"),
            Regexp(r"^[0-9+() -]{6,40}$", message="Enter a phone number using digits, spaces and +, like 01632 960 000"),
        ],
    )
    best_time = StringField(
        "Best time to call", validators=[Length(max=120, message="Best time must be 120 characters or fewer")]
    )
    reason = TextAreaField(
        "Reason for the call-back",
        validators=[
            DataRequired("Say briefly why the caller needs a call-back"),
            Length(max=1000, message="Reason must be 1,000 characters or fewer"),
        ],
    )
