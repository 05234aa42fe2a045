"""Child process of tests/unit/test_crash.py: a "server" whose phones submit answers until it is killed.

Reads one JSON object from stdin: {"url": ..., "code": ..., "tokens": [...], "prompts": [...],
"max_seconds": ..., "pace": ...}; `pace` is the seconds each phone waits after a confirmed save
(0: as fast as it can; more stands in for a loaded machine).
Each token gets a thread (a phone) that submits in a loop through `sff_core.live.submit`, with
texts `p<i>-<prompt>-<seq>` (seq grows per phone), mostly one prompt at a time and every fifth
time all prompts in one save. Only after `submit` has returned – the phone was told "saved" –
it prints `CONFIRMED <token> <prompt> <text>` per written prompt and flushes. Failed submits go
to stderr and are retried with the next sequence number; they are never confirmed.
Not a test module (no test_ prefix); the parent ends it with SIGKILL.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import traceback

from sff_core import live
from sff_core.responses import Answer
from sff_core.store import db

_out = threading.Lock()


def _say(lines: list[str], stream=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    with _out:
        stream.write("".join(line + "\n" for line in lines))
        stream.flush()


def phone(engine, code: str, index: int, token: str, prompts: list[str], stop: threading.Event, pace: float) -> None:  # type: ignore[no-untyped-def]
    seq = 0
    while not stop.is_set():
        seq += 1
        chosen = prompts if seq % 5 == 0 else [prompts[seq % len(prompts)]]
        answers = {prompt: Answer(text=f"p{index}-{prompt}-{seq}") for prompt in chosen}
        try:
            live.submit(engine, code, token, answers)
        except Exception:  # a failed save is reported, never confirmed
            _say([f"FAILED p{index} seq {seq}: {traceback.format_exc(limit=2)}"], sys.stderr)
            time.sleep(0.01)
            continue
        _say([f"CONFIRMED {token} {prompt} {answer.text}" for prompt, answer in answers.items()])
        if pace:
            stop.wait(pace)


def main() -> None:
    config = json.loads(sys.stdin.read())
    engine = db.make_engine(config["url"])
    stop = threading.Event()
    pace = float(config.get("pace", 0))
    threads = [
        threading.Thread(target=phone, args=(engine, config["code"], i, token, config["prompts"], stop, pace), daemon=True)
        for i, token in enumerate(config["tokens"])
    ]
    _say(["READY"])
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + float(config.get("max_seconds", 60))
    while time.monotonic() < deadline:  # the parent kills us long before; this only bounds an orphan
        time.sleep(0.1)
    stop.set()
    for thread in threads:
        thread.join(timeout=5)


if __name__ == "__main__":
    main()
