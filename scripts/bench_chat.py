"""Chat benchmark: prints tables, asserts nothing.

Starts the real stack (scripts/stack.py) on free ports, then measures:
1. cold start: time from starting `rasa run` with the trained model to its first answer;
2. one chat turn sent straight to Rasa's REST channel against the same turn through
   the web app's POST /api/chat (target: the web app adds at most 30%);
3. 50 conversations at once through the web app (target: no errors).

Usage: .venv/bin/python scripts/bench_chat.py [--turns 40] [--users 50]
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.modelcache import current_model  # noqa: E402
from scripts.stack import TOKEN, Stack  # noqa: E402

MESSAGES = ["hello", "I need a day centre", "Preston", "thanks", "restart"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def conversation(stack: Stack, session: requests.Session) -> tuple[list[str], list[float]]:
    """One whole conversation through the web app; returns (errors, turn times in ms)."""
    sender = "load" + secrets.token_hex(8)
    errors, times = [], []
    for message in MESSAGES:
        started = time.perf_counter()
        try:
            resp = session.post(f"{stack.web_url}/api/chat", json={"sender": sender, "message": message},
                                timeout=30)
            if resp.status_code != 200 or not isinstance(resp.json(), list):
                errors.append(f"HTTP {resp.status_code}")
        except (requests.RequestException, ValueError) as exc:
            errors.append(type(exc).__name__)
        times.append((time.perf_counter() - started) * 1000)
    return errors, times


def paired_turns(direct, web, turns: int) -> tuple[list[float], list[float]]:
    """The same message straight to Rasa and through the web app, alternately, so that any
    change in the machine's load falls on both paths alike."""
    d, w = [], []
    for i in range(turns):
        message = MESSAGES[i % len(MESSAGES)]
        for post, times in ((direct, d), (web, w)) if i % 2 == 0 else ((web, w), (direct, d)):
            sender = "bench" + secrets.token_hex(6)
            started = time.perf_counter()
            post(sender, message)
            times.append((time.perf_counter() - started) * 1000)
    return d, w


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args()
    if not current_model().exists():
        print("No trained model: run `make train` first.")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp))
        stack.env["SIGNPOST_RATE_LIMIT"] = "100000 per minute"
        started = time.perf_counter()
        stack.start_all()
        all_up = time.perf_counter() - started
        try:
            cold = stack.restart_rasa()

            direct_session, web_session = requests.Session(), requests.Session()

            def direct(sender, message):
                r = direct_session.post(f"{stack.rasa_url}/webhooks/rest/webhook", params={"token": TOKEN},
                                        json={"sender": sender, "message": message}, timeout=30)
                r.raise_for_status()

            def web(sender, message):
                r = web_session.post(f"{stack.web_url}/api/chat", json={"sender": sender, "message": message},
                                     timeout=30)
                r.raise_for_status()

            paired_turns(direct, web, 6)  # warm both paths
            d, w = paired_turns(direct, web, args.turns)

            with ThreadPoolExecutor(max_workers=args.users) as pool:
                sessions = [requests.Session() for _ in range(args.users)]
                started = time.perf_counter()
                results = list(pool.map(lambda s: conversation(stack, s), sessions))
                wall = time.perf_counter() - started
        finally:
            stack.stop()

    print("\nStart-up")
    print(f"| {'measure':<40} | {'seconds':>8} | target |")
    print(f"| {'-' * 40} | {'-' * 8} | ------ |")
    print(f"| {'all three processes up':<40} | {all_up:8.1f} |        |")
    print(f"| {'Rasa cold start with the trained model':<40} | {cold:8.1f} | < 60   |")

    print(f"\nOne chat turn ({args.turns} turns each, ms)")
    print(f"| {'path':<28} | {'p50':>7} | {'p95':>7} | {'mean':>7} |")
    print(f"| {'-' * 28} | {'-' * 7} | {'-' * 7} | {'-' * 7} |")
    for name, values in (("straight to Rasa REST", d), ("through web /api/chat", w)):
        print(f"| {name:<28} | {pct(values, .5):7.1f} | {pct(values, .95):7.1f} | {statistics.mean(values):7.1f} |")
    overhead = (statistics.median(w) / statistics.median(d) - 1) * 100
    print(f"web app overhead on the median turn: {overhead:+.1f}% (target: at most +30%)")

    problems = [e for errs, _ in results for e in errs]
    errors = len(problems)
    times = [t for _, ts in results for t in ts]
    print(f"\n{args.users} conversations at once ({len(MESSAGES)} turns each)")
    print(f"| {'turns':>6} | {'errors':>6} | {'p50 ms':>7} | {'p95 ms':>7} | {'wall s':>6} |")
    print(f"| {'-' * 6} | {'-' * 6} | {'-' * 7} | {'-' * 7} | {'-' * 6} |")
    print(f"| {len(times):6d} | {errors:6d} | {pct(times, .5):7.1f} | {pct(times, .95):7.1f} | {wall:6.1f} |")
    if problems:
        print("errors: " + ", ".join(sorted(set(problems))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
