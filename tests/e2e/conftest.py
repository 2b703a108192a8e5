"""The real stack for end-to-end tests: the trained Rasa model served by
`rasa run`, the rasa-sdk action server and the Flask app, each on a free
loopback port with throw-away databases. Started once per test session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from scripts.modelcache import ROOT, current_model

VENV_BIN = ROOT / ".venv" / "bin"
TOKEN = "e2e-test-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, name: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with code {proc.returncode} before it was ready")
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{name} was not ready after {timeout:.0f} s ({url})")


class Stack:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.procs: list[tuple[str, subprocess.Popen]] = []
        self.rasa_port, self.action_port, self.web_port = free_port(), free_port(), free_port()
        self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        self.web_url = f"http://127.0.0.1:{self.web_port}"
        self.env = dict(os.environ)
        self.env.update({
            "SIGNPOST_INSTANCE_DIR": str(tmp),
            "SIGNPOST_DATABASE_URL": f"sqlite:///{tmp / 'signpost.db'}",
            "SIGNPOST_TRACKER_DB_URL": f"sqlite:///{tmp / 'tracker.db'}",
            "SIGNPOST_RASA_URL": self.rasa_url,
            "SIGNPOST_RASA_TOKEN": TOKEN,
            "SIGNPOST_ACTION_SERVER_URL": f"http://127.0.0.1:{self.action_port}/webhook",
            "SIGNPOST_WEB_PORT": str(self.web_port),
            "SIGNPOST_RATE_LIMIT": "10000 per minute",
            "SANIC_HOST": "127.0.0.1",
            "PYTHONWARNINGS": "ignore",
            "TF_CPP_MIN_LOG_LEVEL": "2",
        })

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen([sys.executable, "-m", "scripts.serve", *args], cwd=ROOT, env=self.env,
                                stdout=log, stderr=subprocess.STDOUT)
        self.procs.append((name, proc))
        return proc

    def log(self, name: str) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> None:
        for _, proc in reversed(self.procs):
            proc.terminate()
        for _, proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory):
    if not current_model().exists():
        message = f"no trained model {current_model().name}: run `make train` (make test trains first)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("stack")
    stack = Stack(tmp)
    subprocess.run([sys.executable, "-m", "directory", "init"], cwd=ROOT, env=stack.env, check=True,
                   stdout=subprocess.DEVNULL)
    actions = stack.start("actions", "actions")
    rasa = stack.start("rasa", "rasa")
    web = stack.start("web", "web")
    try:
        wait_for(f"http://127.0.0.1:{stack.action_port}/health", actions, "action server")
        wait_for(f"{stack.rasa_url}/", rasa, "Rasa server", timeout=180)
        wait_for(f"{stack.web_url}/healthz", web, "web app")
    except RuntimeError as exc:
        stack.stop()
        pytest.fail(f"{exc}\n--- rasa log ---\n{stack.log('rasa')}\n--- actions log ---\n{stack.log('actions')}"
                    f"\n--- web log ---\n{stack.log('web')}")
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def chat(live_stack):
    """Send one message through the web app's chat API; returns the JSON list."""
    session = requests.Session()

    def send(sender: str, message: str, **metadata) -> list[dict]:
        resp = session.post(f"{live_stack.web_url}/api/chat",
                            json={"sender": sender, "message": message, "metadata": metadata}, timeout=30)
        assert resp.status_code == 200, resp.text
        return resp.json()

    return send
