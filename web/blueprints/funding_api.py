"""``POST /api/funding/estimate``: the self-funder estimate as JSON.

Request: a JSON object (Content-Type: application/json) with
  nation          "england" | "wales" | "scotland" | "northern_ireland"      (required)
  care_setting    "care_home" | "home"                                      (required)
  savings         pounds                                                    (required; 0 if none)
  joint_savings   pounds (half counts as the person's)                      (optional)
  owns_home       true/false ("yes"/"no" also accepted)                     (optional)
  home_value      pounds (needed for a care home when the home is counted)  (optional)
  partner_or_relative_in_home  true/false                                   (optional)
  weekly_income   pounds a week                                             (optional)
  year            "2025/26"                                                 (optional; default: today)
  age             whole years, 18 to 120                                    (optional)
Amounts may be JSON numbers (30000, 30000.5) or numeric strings ("30000", "£30,000", "£30,000.50").
Booleans, NaN, Infinity, negative amounts and amounts over £100 million (£1 million a week for
income) are refused.

Response 200: the fields of ``bot.funding.estimate`` with money as JSON numbers.
Response 400: {"error": "<plain-English message>"} for any input we cannot use.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from flask import Blueprint, current_app, jsonify, request

from bot.funding import FundingInputError, estimate, to_jsonable

bp = Blueprint("funding_api", __name__)

MAX_BODY_BYTES = 16 * 1024


class BadRequest(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@bp.post("/api/funding/estimate")
def funding_estimate():
    try:
        data = _read_json_object()
        result = estimate(data, today=_today())
    except BadRequest as exc:
        return _error(exc.message)
    except FundingInputError as exc:
        return _error(exc.message)
    response = jsonify(to_jsonable(result))
    response.headers["Cache-Control"] = "no-store"
    return response


def _read_json_object() -> dict:
    if not request.is_json:
        raise BadRequest("Please send the details as JSON (Content-Type: application/json).")
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise BadRequest("That request is too big. Please send only the fields the estimate needs.")
    body = request.stream.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest("That request is too big. Please send only the fields the estimate needs.")
    try:
        data = json.loads(body.decode("utf-8"), parse_float=Decimal, parse_constant=_refuse_constant)
    except (ValueError, RecursionError, UnicodeDecodeError) as exc:
        raise BadRequest("We could not read that. Please send the details as a JSON object.") from exc
    if not isinstance(data, dict):
        raise BadRequest("Please send the details as a JSON object, like {\"nation\": \"england\", ...}.")
    return data


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number we can use")


def _today() -> date | None:
    """The date that picks the financial year. Tests may pin it with app.config["FUNDING_TODAY"]."""
    return current_app.config.get("FUNDING_TODAY")


def _error(message: str):
    response = jsonify({"error": message})
    response.status_code = 400
    response.headers["Cache-Control"] = "no-store"
    return response
