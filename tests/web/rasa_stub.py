"""A small, real HTTP stand-in for Rasa's REST channel and HTTP API (and the action
server's /health), for testing the web app's error paths and the browser UI without a
trained model. It keeps a tracker per sender like Rasa does, so summaries, the staff
console and "delete my conversation" can be checked end to end over HTTP.

Modes: "ok" (answers), "slow" (sleeps ``delay`` seconds before answering), "error"
(HTTP 500). "Down" is simply a port with nothing listening (``closed_port()``).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from bot.triage import build_summary

TOKEN = "stub-token"

CARDS = [
    {
        "id": "svc-1", "name": "Preston Lunch Club <script>window.__pwned=1</script>",
        "organisation": "Age Friendly Preston", "category": "day-services",
        "description": "A friendly lunch club on Tuesdays. <img src=x onerror=\"window.__pwned=2\">",
        "address": "1 Example Street", "postcode": "PR1 1AA", "town": "Preston", "council": "lancashire",
        "distance_km": 1.24, "phone": "01632 960001", "email": "hello@example.org",
        "url": "javascript:alert(1)", "cost": "£5 a meal", "eligibility": "Adults over 60",
        "source": "Sample directory", "is_sample": True,
    },
    {
        "id": "svc-2", "name": "Carers Connect", "organisation": "Carers Connect", "category": "carers",
        "description": "Support and breaks for unpaid carers.", "address": "", "postcode": "PR2 2BB",
        "town": "Preston", "council": "lancashire", "distance_km": 3.0, "phone": "01632 960002",
        "email": "", "url": "https://example.org/carers", "cost": "Free", "eligibility": "Carers",
        "source": "Sample directory", "is_sample": True,
    },
]

SUMMARY = build_summary({
    "who": "my mum", "what_matters": "staying in her own home and seeing friends",
    "strengths": "cooks her own breakfast", "hard_things": "washing and feeling lonely", "impact": "a lot",
    "place": "Preston", "council": "lancashire",
})


def closed_port() -> int:
    """A localhost port with nothing listening (so connections are refused at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RasaStub:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.mode = "ok"
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []
        self.trackers: dict[str, list[dict[str, Any]]] = {}
        self.slots: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> RasaStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.mode, self.delay = "ok", 0.0
            self.requests.clear()
            self.trackers.clear()
            self.slots.clear()

    # -- the "bot" -----------------------------------------------------------------------------
    def _reply(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        lowered = text.lower()
        staff = metadata.get("mode") == "staff"
        if text == "/greet":
            opening = "Ask the caller what they need help with." if staff else "Hello, I'm Signpost. What would you like help with?"
            return [{"text": opening, "buttons": [
                {"title": "Find a service", "payload": "/find_service"},
                {"title": "Talk it through", "payload": "/triage"},
            ]}]
        if text == "/find_service" or "lunch" in lowered or "service" in lowered:
            return [{"text": "Here are some services near Preston."},
                    {"custom": {"type": "service_cards", "cards": CARDS}}]
        if text == "/triage":
            self.slots.setdefault(sender, {})["triage_who"] = "my mum"
            return [{"text": "Who is the help for?", "buttons": [
                {"title": "Me", "payload": "/inform{\"person\": \"self\"}"},
                {"title": "Someone I care for", "payload": "/inform{\"person\": \"other\"}"},
            ]}]
        if "summary" in lowered or text.startswith("/inform"):
            self.slots.setdefault(sender, {}).update({"triage_who": "my mum", "triage_hard": "washing"})
            return [{"text": "Thank you. Here is a summary of what you told me."},
                    {"custom": {"type": "triage_summary", "summary": SUMMARY}}]
        if "danger" in lowered:
            return [{"text": "If someone is in danger now, call 999."}, {"custom": {"type": "safety", "kind": "emergency"}}]
        return [{"text": f"You said: {text}"}]

    # -- HTTP ------------------------------------------------------------------------------------
    def _json(self, data: Any, status: int = 200) -> Response:
        return Response(json.dumps(data), status=status, mimetype="application/json")

    @Request.application
    def _app(self, request: Request) -> Response:
        body = request.get_data(as_text=True)
        with self._lock:
            self.requests.append({"method": request.method, "path": request.path,
                                  "args": dict(request.args), "body": body})
        if request.path == "/health":
            return self._json({"status": "ok"}) if self.mode == "ok" else self._json({}, 500)
        if request.path == "/":
            return Response("Hello from Rasa: 3.6.21")
        if self.mode == "slow":
            time.sleep(self.delay)
        if self.mode == "error":
            return self._json({"status": "failure"}, 500)
        if request.args.get("token") != self.token:
            return self._json({"status": "failure", "reason": "NotAuthenticated"}, 401)
        if request.path == "/status":
            return self._json({"model_file": "stub.tar.gz", "model_id": "stub", "num_active_training_jobs": 0})
        if request.path == "/webhooks/rest/webhook" and request.method == "POST":
            data = json.loads(body)
            return self._webhook(data["sender"], data["message"], data.get("metadata") or {})
        parts = request.path.strip("/").split("/")
        if len(parts) >= 3 and parts[0] == "conversations":
            return self._conversation(request, parts[1], "/".join(parts[2:]), body)
        return self._json({"status": "failure"}, 404)

    def _webhook(self, sender: str, message: str, metadata: dict[str, Any]) -> Response:
        replies = self._reply(sender, message, metadata)
        with self._lock:
            events = self.trackers.setdefault(sender, [])
            events.append({"event": "user", "text": message, "metadata": metadata})
            for reply in replies:
                events.append({"event": "bot", "text": reply.get("text"),
                               "data": {"buttons": reply.get("buttons"), "custom": reply.get("custom")}})
        return self._json([{"recipient_id": sender, **reply} for reply in replies])

    def _conversation(self, request: Request, sender: str, tail: str, body: str) -> Response:
        with self._lock:
            if tail == "tracker" and request.method == "GET":
                return self._json({"sender_id": sender, "slots": dict(self.slots.get(sender, {})),
                                   "events": list(self.trackers.get(sender, []))})
            if tail == "tracker/events" and request.method == "POST":
                for event in json.loads(body):
                    if event.get("event") == "restart":
                        self.trackers[sender] = [event]
                        self.slots.pop(sender, None)
                return self._json({"sender_id": sender})
            if tail == "tracker/events" and request.method == "PUT":
                self.trackers[sender] = list(json.loads(body))
                self.slots.pop(sender, None)
                return self._json({"sender_id": sender})
        return self._json({"status": "failure"}, 404)
