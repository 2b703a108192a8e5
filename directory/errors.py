"""Errors the directory raises. Each carries a plain-English ``message`` (safe to show to
a resident) and a list of ``suggestions`` (for example close place names)."""

from __future__ import annotations


class DirectoryError(Exception):
    """Base class. ``status`` is the HTTP status the web layer should use."""

    status = 400

    def __init__(self, message: str, suggestions: list[str] | None = None, national: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions or [])
        self.national = list(national or [])

    def to_dict(self) -> dict:
        body = {"error": self.message, "suggestions": self.suggestions}
        if self.national:
            body["national"] = self.national
        return body


class InvalidQuery(DirectoryError):
    """The search text or a parameter cannot be used (too long, odd characters, bad number)."""

    status = 400


class UnknownCategory(DirectoryError):
    """The category is not one the directory knows."""

    status = 400


class UnknownPlace(DirectoryError):
    """The place is not in the gazetteer. ``national`` holds services open to everyone."""

    status = 404


class NotFound(DirectoryError):
    """A record asked for by id does not exist."""

    status = 404


class ImportProblem(DirectoryError):
    """A feed or file could not be imported."""

    status = 400
