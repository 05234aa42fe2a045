"""A hostile participant holding only the QR link (issue 20: High 1, Medium 9, Medium 10), as counts.

Run from a checkout: `PYTHONPATH=. .venv/bin/python bench/hostile_participant.py` (an SQLite file in a
temporary folder). Against a tree from before issue 20 (commit e87ff16) it prints the reported defects;
it tells the two apart by whether `live.Guesser` exists.
"""

import tempfile
import threading
from datetime import date

from sff_core import live, notes, throttle, workspaces
from sff_core.errors import InputError
from sff_core.store import db
from sff_core.workspaces import create_workspace, unlock_workspace

new = hasattr(live, "Guesser")
eng = db.make_engine(f"sqlite:///{tempfile.mkdtemp()}/f.db")
db.migrate(eng)
ws = create_workspace(eng, "Ystad", "Ystad", date(2026, 1, 1), date(2027, 3, 1), "rätt lösenfras")
live.WRONG_CODE_DELAY_SECONDS = 0
act = live.open_activity(eng, ws.id, "step6", "swot", date(2026, 3, 1), "anonymous")
room = throttle.client_key("192.0.2.10")


def find(code, n):
    if new:
        return live.find_by_code(eng, code, guesser=live.Guesser(room, throttle.client_key(f"s{n}")))
    return live.find_by_code(eng, code, client=room)


refused = 0
for n in range(31):
    try:
        find(f"ZZZ{n:03d}", n % 5)
    except InputError:
        pass
try:
    find(act.code, 999)
    ok = True
except InputError:
    ok = False
print(f"High 1: after 31 wrong codes from the room's address a new phone with the right code is {'accepted' if ok else 'REFUSED'}")
# race: 200 parallel wrong codes from one client/session
barrier = threading.Barrier(200)
out = []


def g(n):
    barrier.wait()
    try:
        find(f"QQQ{n:03d}", 4242) if new else live.find_by_code(eng, f"QQQ{n:03d}", client=throttle.client_key("other"))
    except InputError as e:
        out.append(e.key)


ts = [threading.Thread(target=g, args=(n,)) for n in range(200)]
[t.start() for t in ts]
[t.join() for t in ts]
cap = live.WRONG_CODE_SESSION_LIMIT if new else 30
print(f"High 1 race: 200 parallel wrong codes, {out.count('unknown_code')} answered 'unknown' (checked) against a cap of {cap}")
# Medium 10 votes
n_notes = [
    notes.add_note(eng, notes.Exercise(ws.id, "step6", "swot", date(2026, 3, 1)), "styrkor", "group", f"L{i}", f"k{i}") for i in range(15)
]
notes.open_voting(eng, ws.id, act.id, 3)
dots = 0
for r in range(5):
    p = live.join(eng, act.code, browser="b" * 32) if new else live.join(eng, act.code)
    for note in n_notes[r * 3 : r * 3 + 3]:
        try:
            notes.toggle_vote(eng, act.id, note.id, p.respondent)
            dots += 1
        except InputError:
            pass
print(f"Medium 10: one browser re-joining 5 times cast {dots} dots on a budget of 3")
notes.close_voting(eng, ws.id, act.id)
p = live.join(eng, act.code)
added = 0
ex = notes.Exercise(ws.id, "step6", "swot", date(2026, 3, 1))
for i in range(174):
    try:
        notes.add_note(eng, ex, "styrkor", p.respondent, f"Spam {i}", f"spam{i}")
        added += 1
    except InputError:
        pass
print(f"Medium 10: one participant sending 174 notes at once: {added} stored")
live.close_activity(eng, ws.id, act.id)
try:
    notes.add_note(eng, ex, "styrkor", p.respondent, "Efter stängning", "late")
    late = "STORED"
except InputError as e:
    late = f"refused ({e.key})"
print(f"Medium 10: a participant's note after the activity closed: {late}")
forged = throttle.client_address("198.51.100.4", "198.51.100.4", 0)
print(f"Medium 9: forged X-Forwarded-For 198.51.100.4 from a loopback peer counts as {forged!r}")
fac = throttle.client_key("198.51.100.4")
proof = workspaces.known_browser_proof(eng, ws.id) if new else None
for _ in range(6):
    try:
        unlock_workspace(eng, ws.id, "gissning", client=fac)
    except InputError:
        pass
try:
    (
        unlock_workspace(eng, ws.id, "rätt lösenfras", client=fac, proof=proof)
        if new
        else unlock_workspace(eng, ws.id, "rätt lösenfras", client=fac)
    )
    res = "unlocks"
except InputError as e:
    res = f"LOCKED OUT ({e.key})"
print(f"Medium 9: after a stranger's 6 guesses on the same address, the facilitator's browser {res}")
