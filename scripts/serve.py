"""Start one of Signpost's processes with its settings (used by the Procfile).

    python -m scripts.serve actions | rasa | web | announce

Reads settings.py (the one place configuration comes from), exports the
variables that endpoints.yml expects, then replaces itself with the real
server. If the server stops with an error, it says plainly which one failed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import settings
from scripts.modelcache import ROOT, current_model

VENV_BIN = ROOT / ".venv" / "bin"
NAMES = {"actions": "the action server", "rasa": "the Rasa server", "web": "the web app"}


def rasa_env(s: settings.Settings) -> dict[str, str]:
    """Environment variables that endpoints.yml reads, derived from settings."""
    tracker = s.tracker_store_url
    dialect = tracker.split(":", 1)[0].split("+", 1)[0]
    redis = urlsplit(s.redis_url) if s.redis_url else None
    env = {
        "SIGNPOST_ACTION_SERVER_URL": s.action_server_url,
        "SIGNPOST_TRACKER_DIALECT": "postgresql" if dialect.startswith("postgres") else dialect,
        "SIGNPOST_TRACKER_DB_URL": tracker,
        "SIGNPOST_TRACKER_DB": "rasa",
        "SIGNPOST_LOCK_STORE_TYPE": "redis" if redis else "in_memory",
        "SIGNPOST_REDIS_HOST": (redis.hostname or "127.0.0.1") if redis else "",
        "SIGNPOST_REDIS_PORT": str(redis.port or 6379) if redis else "",
        "SIGNPOST_REDIS_DB": (redis.path.strip("/") or "1") if redis else "",
    }
    return env


def command(name: str, s: settings.Settings) -> list[str]:
    rasa_port = str(urlsplit(s.rasa_url).port or 5005)
    action_port = str(urlsplit(s.action_server_url).port or 5055)
    if name == "actions":
        return [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", action_port]
    if name == "rasa":
        override = os.environ.get("SIGNPOST_RASA_MODEL", "").strip()  # a model file to try out
        model = Path(override) if override else current_model()
        if not model.exists():
            sys.exit(f"Signpost: no trained model ({model.name}). Run `make run` or `make train` first.")
        return [
            str(VENV_BIN / "rasa"), "run", "--enable-api", "--auth-token", s.rasa_token,
            "--interface", "127.0.0.1", "--port", rasa_port, "--model", str(model),
            "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
        ]
    if name == "web":
        return [
            str(VENV_BIN / "waitress-serve"), f"--host={s.web_host}", f"--port={s.web_port}",
            "--threads=64", "--connection-limit=200", "--call", "web.app:create_app",
        ]
    raise SystemExit(f"unknown process {name!r}; choose actions, rasa, web or announce")


def announce(s: settings.Settings) -> int:
    """Wait until the web app says everything answers, then print where to go."""
    host = "localhost" if s.web_host in ("127.0.0.1", "0.0.0.0") else s.web_host
    url = f"http://{host}:{s.web_port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{s.web_port}/healthz", timeout=2) as resp:
                if resp.status == 200:
                    print(f"\n  Signpost is ready: open {url}\n  (press Ctrl-C to stop)\n", flush=True)
                    break
        except OSError:
            pass
        time.sleep(1)
    else:
        print(f"\n  Signpost has not become ready after 3 minutes: see {url}/healthz\n", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:  # honcho stops every process when one exits, so stay until told to stop
        time.sleep(3600)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    name = argv[0]
    s = settings.load()
    os.environ.update(rasa_env(s))
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"  # no telemetry or error reports leave the machine
    os.environ.setdefault("SANIC_HOST", "127.0.0.1")  # the action server listens on loopback only
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    if name == "announce":
        return announce(s)
    proc = subprocess.Popen(command(name, s), cwd=ROOT)
    asked_to_stop = False

    def stop(*_):
        nonlocal asked_to_stop
        asked_to_stop = True
        proc.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = proc.wait()
    if asked_to_stop:
        return 0
    # Nobody asked it to stop, so whatever its exit code, it failed (sanic exits 0 on a busy port).
    print(f"\nSignpost: {NAMES[name]} stopped unexpectedly (exit code {code}); "
          "see its messages above. Stopping the others.\n", file=sys.stderr, flush=True)
    return code or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
