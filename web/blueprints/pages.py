"""Public pages: the full-page chat (also the widget's iframe), the demo council page,
the privacy notice and the printable summary."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for

from web.conversations import latest_summary, valid_sender
from web.councils import SLUG_RE, contact_for, unavailable_message
from web.rasa_client import RasaUnavailable, get_client
from web.staff.case_note import summary_as_text

bp = Blueprint("pages", __name__)


def requested_council() -> str:
    slug = request.args.get("council", "")
    return slug if SLUG_RE.match(slug) else current_app.config["DEFAULT_COUNCIL"]


@bp.get("/")
def chat():
    council = requested_council()
    embed = request.args.get("embed") == "1"
    return render_template(
        "chat.html", council=contact_for(council), council_slug=council, embed=embed,
        retention_days=current_app.config["RETENTION_DAYS"],
    )


@bp.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="vendor/govuk-frontend/assets/images/favicon.ico"), 301)


@bp.get("/demo")
def demo():
    return render_template("demo.html", council=contact_for(requested_council()), council_slug=requested_council())


@bp.get("/privacy")
def privacy():
    return render_template(
        "privacy.html", council=contact_for(requested_council()), retention_days=current_app.config["RETENTION_DAYS"]
    )


def _summary_for(sender: str) -> dict | None:
    if not valid_sender(sender):
        abort(404)
    return latest_summary(get_client().tracker(sender))


@bp.get("/summary/<sender>")
def summary(sender: str):
    contact = contact_for(requested_council())
    try:
        found = _summary_for(sender)
    except RasaUnavailable:
        message = unavailable_message(contact, "Sorry, we cannot show your summary right now. Please try again later.")
        return render_template("error.html", title="Summary not available", message=message), 503
    text = summary_as_text(found, "resident") if found else ""
    return render_template("summary.html", summary=found, lines=text.splitlines(), sender=sender, council=contact)


@bp.get("/summary/<sender>.txt")
def summary_download(sender: str):
    try:
        found = _summary_for(sender)
    except RasaUnavailable:
        return Response("The summary is not available right now. Please try again later.\n", 503,
                        mimetype="text/plain")
    if not found:
        abort(404)
    body = summary_as_text(found, "resident") + "\n\nFrom Signpost. This is information and advice, not a decision.\n"
    return Response(body, mimetype="text/plain",
                    headers={"Content-Disposition": 'attachment; filename="signpost-summary.txt"'})
