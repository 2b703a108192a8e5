"""The one HTTP client between the web app and Rasa.

One pooled ``requests.Session`` per app, made by ``init_app`` and kept on
``app.extensions["rasa"]``. Every call has a connect and a read timeout, so
when Rasa is down or slow the caller hears within ~10 seconds. Rasa's token is
sent as the ``token`` query parameter and never leaves the server.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import requests
from flask import Flask, current_app
from requests.adapters import HTTPAdapter

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 2.0
READ_TIMEOUT = 8.0
STATUS_TIMEOUT = (1.0, 2.0)
POOL_SIZE = 64  # more than the 50+ conversations we must serve at once


class RasaUnavailable(Exception):
    """Rasa did not answer in time, refused the connection or answered with an error."""


@dataclass(frozen=True)
class ServiceStatus:
    ok: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "detail": self.detail}


def _build_session(pool_size: int) -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=0, pool_block=False)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({"Accept": "application/json"})
    session.trust_env = False  # never route Rasa traffic through a proxy from the environment
    return session


def action_server_health_url(action_server_url: str) -> str:
    """``http://host:5055/webhook`` -> ``http://host:5055/health``."""
    parts = urlsplit(action_server_url)
    return urlunsplit((parts.scheme, parts.netloc, "/health", "", ""))


class RasaClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        action_server_url: str = "",
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        pool_size: int = POOL_SIZE,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.action_server_url = action_server_url
        self.timeout = (connect_timeout, read_timeout)
        self.session = _build_session(pool_size)

    # -- low level -------------------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        params = {"token": self.token} if self.token else {}
        params.update(kwargs.pop("params", {}) or {})
        try:
            response = self.session.request(method, self._url(path), params=params, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            # The exception text can hold the URL with the token: log only its class.
            log.warning("Rasa request %s %s failed: %s", method, path.split("/")[1], type(exc).__name__)
            raise RasaUnavailable(type(exc).__name__) from None
        if response.status_code >= 400:
            log.warning("Rasa answered %s to %s %s", response.status_code, method, path.split("/")[1])
            raise RasaUnavailable(f"HTTP {response.status_code}")
        return response

    @staticmethod
    def _conversation_path(sender: str, tail: str) -> str:
        return f"/conversations/{quote(sender, safe='')}/{tail}"

    # -- chat ------------------------------------------------------------------------------------
    def send(self, sender: str, message: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Send one user message through Rasa's REST channel; return the bot's messages."""
        body: dict[str, Any] = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        response = self._request("POST", "/webhooks/rest/webhook", json=body)
        try:
            data = response.json()
        except ValueError:
            raise RasaUnavailable("not JSON") from None
        if not isinstance(data, list):
            raise RasaUnavailable("unexpected shape")
        return [item for item in data if isinstance(item, dict)]

    def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation's tracker (events since the last restart, slots, latest message)."""
        response = self._request("GET", self._conversation_path(sender, "tracker"))
        try:
            data = response.json()
        except ValueError:
            raise RasaUnavailable("not JSON") from None
        if not isinstance(data, dict):
            raise RasaUnavailable("unexpected shape")
        return data

    def reset_conversation(self, sender: str) -> None:
        """Forget a conversation as far as Rasa's HTTP API allows.

        Rasa has no delete endpoint. We (1) append a ``restart`` event, which clears
        every slot and hides earlier events from the tracker, then (2) replace the
        tracker's events with an empty list, which wipes the conversation in
        tracker stores that save whole trackers (in-memory, Redis, Dynamo). A SQL
        tracker store only ever appends, so ``web.conversations`` also deletes its
        rows directly when the web app can reach that database.
        """
        path = self._conversation_path(sender, "tracker/events")
        self._request("POST", path, json=[{"event": "restart"}])
        self._request("PUT", path, json=[])

    # -- health ----------------------------------------------------------------------------------
    def status(self) -> dict[str, ServiceStatus]:
        return {"rasa": self._rasa_status(), "action_server": self._action_server_status()}

    def _rasa_status(self) -> ServiceStatus:
        try:
            response = self.session.get(
                self._url("/status"), params={"token": self.token}, timeout=STATUS_TIMEOUT
            )
        except requests.RequestException as exc:
            return ServiceStatus(False, f"unreachable ({type(exc).__name__})")
        if response.status_code == 200:
            return ServiceStatus(True, "model loaded")
        if response.status_code == 409:
            return ServiceStatus(False, "running, but no model is loaded")
        if response.status_code in (401, 403):
            return ServiceStatus(False, "running, but the token was refused")
        return ServiceStatus(False, f"answered HTTP {response.status_code}")

    def _action_server_status(self) -> ServiceStatus:
        if not self.action_server_url:
            return ServiceStatus(False, "not configured")
        try:
            response = self.session.get(action_server_health_url(self.action_server_url), timeout=STATUS_TIMEOUT)
        except requests.RequestException as exc:
            return ServiceStatus(False, f"unreachable ({type(exc).__name__})")
        if response.status_code == 200:
            return ServiceStatus(True, "ok")
        return ServiceStatus(False, f"answered HTTP {response.status_code}")

    def close(self) -> None:
        self.session.close()


def init_app(app: Flask) -> RasaClient:
    client = RasaClient(
        app.config["RASA_URL"],
        app.config["RASA_TOKEN"],
        app.config.get("ACTION_SERVER_URL", ""),
        connect_timeout=app.config.get("RASA_CONNECT_TIMEOUT", CONNECT_TIMEOUT),
        read_timeout=app.config.get("RASA_READ_TIMEOUT", READ_TIMEOUT),
    )
    app.extensions["rasa"] = client
    return client


def get_client() -> RasaClient:
    return current_app.extensions["rasa"]
