"""The one error the funding package raises for bad input."""

from __future__ import annotations


class FundingInputError(ValueError):
    """Input the calculator cannot use. ``message`` is plain English, safe to show to the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
