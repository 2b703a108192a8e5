"""Placeholder: filled in by its owner."""

from flask import Blueprint

bp = Blueprint("directory_api", __name__)
