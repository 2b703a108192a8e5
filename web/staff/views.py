"""Staff console routes. Everything except the sign-in page needs a signed-in adviser."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from web.conversations import filled_slots, latest_summary, transcript, valid_sender
from web.rasa_client import RasaUnavailable, get_client
from web.staff.case_note import build_case_note
from web.staff.forms import ActionForm, CallbackForm, LoginForm
from web.staff.models import CallbackRequest, StaffCall, StaffUser, find_staff, purge_callbacks, session_scope

bp = Blueprint("staff", __name__, url_prefix="/staff")
login_manager = LoginManager()
login_manager.login_view = "staff.login"
login_manager.login_message = "Sign in to use the staff console."
login_manager.session_protection = "strong"

_DUMMY_HASH = generate_password_hash("not-a-real-password")
POLL_ENDPOINTS = {"staff.call_state"}


def db():
    return session_scope(current_app.config["DATABASE_URL"])


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    if not user_id.isdigit():
        return None
    with db() as s:
        return s.get(StaffUser, int(user_id))


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/staff/api/"):
        return jsonify({"error": "login_required", "message": "Sign in to use the staff console."}), 401
    flash(login_manager.login_message)
    return redirect(url_for("staff.login", next=request.path if request.path.startswith("/staff") else None))


@bp.before_app_request
def expire_idle_session():
    """Sign staff out after ``PERMANENT_SESSION_LIFETIME`` without activity (polling is not activity)."""
    if not current_user.is_authenticated:
        return None
    limit = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    now = time.time()
    last_seen = session.get("last_seen", now)
    if now - last_seen > limit:
        logout_user()
        session.clear()
        flash("You were signed out because the console was not used for a while. Please sign in again.")
        if request.path.startswith("/staff/api/"):
            return jsonify({"error": "session_expired", "message": "Your session has ended. Sign in again."}), 401
        return None
    if request.endpoint not in POLL_ENDPOINTS:
        session["last_seen"] = now
    return None


def require_action_form() -> None:
    """Stop a state-changing button press that lacks a valid CSRF token."""
    if not ActionForm().validate_on_submit():
        abort(400)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        with db() as s:
            user = find_staff(s, form.username.data)
            ok = user.check_password(form.password.data) if user else check_password_hash(_DUMMY_HASH, "x")
        if ok and user is not None:
            session.clear()
            session.permanent = True
            login_user(user)
            session["last_seen"] = time.time()
            target = request.args.get("next") or ""
            if not (target.startswith("/staff") and "//" not in target and "\\" not in target):
                target = url_for("staff.dashboard")
            return redirect(target)
        form.password.errors.append("The username or password is not right")
    return render_template("staff/login.html", form=form), 400 if request.method == "POST" else 200


@bp.post("/logout")
@login_required
def logout():
    require_action_form()
    logout_user()
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("staff.login"))


@bp.get("")
@login_required
def dashboard():
    with db() as s:
        purge_callbacks(s, current_app.config["RETENTION_DAYS"])
        calls = s.execute(select(StaffCall).order_by(StaffCall.started_at.desc()).limit(10)).scalars().all()
        callbacks = s.execute(select(CallbackRequest).order_by(CallbackRequest.created_at.desc())).scalars().all()
    return render_template(
        "staff/dashboard.html", calls=calls, callbacks=callbacks, form=ActionForm(),
        retention_days=current_app.config["RETENTION_DAYS"],
    )


@bp.post("/calls")
@login_required
def start_call():
    require_action_form()
    with db() as s:
        call = StaffCall(started_by=current_user.id)
        s.add(call)
        s.flush()
        call_id = call.id
    return redirect(url_for("staff.call", call_id=call_id))


def _get_call(call_id: str) -> StaffCall:
    if not valid_sender(call_id):
        abort(404)
    with db() as s:
        call = s.get(StaffCall, call_id)
    if call is None:
        abort(404)
    return call


@bp.get("/call/<call_id>")
@login_required
def call(call_id: str):
    found = _get_call(call_id)
    return render_template(
        "staff/call.html", call=found, callback_form=CallbackForm(), council=current_app.config["DEFAULT_COUNCIL"]
    )


@bp.get("/api/call/<call_id>")
@login_required
def call_state(call_id: str):
    _get_call(call_id)
    try:
        tracker = get_client().tracker(call_id)
    except RasaUnavailable:
        return jsonify({"error": "unavailable", "message": "The assistant is not answering. Keep notes by hand."}), 503
    note = build_case_note(latest_summary(tracker), filled_slots(tracker), tracker.get("events"), datetime.now(UTC))
    state = {
        "summary": note["summary"],
        "summary_text": note["text"] if note["summary"] else None,
        # what the caller has told you, in plain words: {label: value}, in question order
        "slots": {item["label"]: item["value"] for item in note["answers"]},
        "answers": note["answers"],
        "safety": note["safety"],
        "transcript": transcript(tracker),
        "case_note": note["text"],
    }
    return jsonify(state)  # the app keeps key order (app.json.sort_keys), as the answers were asked


@bp.post("/call/<call_id>/callback")
@login_required
def record_callback(call_id: str):
    found = _get_call(call_id)
    form = CallbackForm()
    if not form.validate_on_submit():
        return render_template(
            "staff/call.html", call=found, callback_form=form, council=current_app.config["DEFAULT_COUNCIL"]
        ), 400
    with db() as s:
        s.add(
            CallbackRequest(
                call_id=found.id,
                name=form.name.data.strip(),
                phone=form.phone.data.strip(),
                best_time=(form.best_time.data or "").strip(),
                reason=form.reason.data.strip(),
                recorded_by=current_user.id,
            )
        )
    flash("Call-back request saved.")
    return redirect(url_for("staff.call", call_id=found.id))


@bp.post("/callbacks/<int:callback_id>/delete")
@login_required
def delete_callback(callback_id: int):
    require_action_form()
    with db() as s:
        item = s.get(CallbackRequest, callback_id)
        if item is not None:
            s.delete(item)
    flash("Call-back request removed.")
    return redirect(url_for("staff.dashboard"))
