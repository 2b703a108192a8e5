"""Start Signpost's three processes on free loopback ports with throw-away
databases: used by the end-to-end tests and the chat benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from scripts.modelcache import ROOT

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
    """The action server, Rasa and the web app as child processes."""

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
            "RASA_TELEMETRY_ENABLED": "false",
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


    def init_directory(self) -> None:
        """Create this stack's directory database and load the sample data."""
        subprocess.run([sys.executable, "-m", "directory", "init"], cwd=ROOT, env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    def restart_rasa(self) -> float:
        """Stop the Rasa server and start it again; return the seconds until it answers (a cold start)."""
        for entry in [e for e in self.procs if e[0] == "rasa"]:
            entry[1].terminate()
            entry[1].wait(timeout=30)
            self.procs.remove(entry)
        started = time.monotonic()
        wait_for(f"{self.rasa_url}/", self.start("rasa", "rasa"), "Rasa server", timeout=180)
        return time.monotonic() - started

    def start_all(self) -> None:
        """Load the directory, start all three processes and wait until each answers."""
        self.init_directory()
        actions = self.start("actions", "actions")
        rasa = self.start("rasa", "rasa")
        web = self.start("web", "web")
        try:
            wait_for(f"http://127.0.0.1:{self.action_port}/health", actions, "action server")
            wait_for(f"{self.rasa_url}/", rasa, "Rasa server", timeout=180)
            wait_for(f"{self.web_url}/healthz", web, "web app")
        except RuntimeError as exc:
            self.stop()
            raise RuntimeError(f"{exc}\n--- rasa log ---\n{self.log('rasa')}\n--- actions log ---\n"
                               f"{self.log('actions')}\n--- web log ---\n{self.log('web')}") from exc
