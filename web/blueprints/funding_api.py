"""Placeholder: filled in by its owner."""

from flask import Blueprint

bp = Blueprint("funding_api", __name__)
