"""Placeholder: filled in by its owner."""

from flask import Blueprint

bp = Blueprint("oruk", __name__)
