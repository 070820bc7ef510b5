"""The run told as sentences, one per scheduling decision."""
from __future__ import annotations

from grader import trace as tracemod
from grader.timeline_model import fmt_time, label_tasks

WHY = {"sleep": "sleeps until {until}",
       "task": "waits for {on} to finish",
       "future": "waits for a future",
       "gather": "waits for the tasks it gathers",
       "as_completed": "waits for the next of its tasks to finish",
       "event": "waits for an event to be set",
       "lock": "waits for a lock",
       "semaphore": "waits for a semaphore",
       "queue": "waits on a queue",
       "io": "waits for I/O",
       "thread": "waits for its worker thread",
       "condition": "waits to be notified",
       "barrier": "waits at a barrier",
       "wait": "waits for the first of its tasks (asyncio.wait)"}
WOKEN = {"sleep": "its sleep is over", "task": "the task it awaited ended",
         "future": "its future has a result", "gather":
         "every gathered task ended", "as_completed": "one of its tasks "
         "finished", "event": "the event was set", "lock": "it was handed "
         "the lock", "semaphore": "a place was free", "queue": "the queue "
         "moved", "io": "its I/O is ready", "thread": "its thread finished",
         "condition": "it was notified", "barrier": "the barrier filled",
         "wait": "what it waited for happened"}


def narrate(tr: tracemod.Trace) -> str:
    """The run as sentences, one per scheduling decision."""
    names = tr.names()
    ids = sorted(names)
    labels = label_tasks(names, ids)
    started: set[int] = set()
    waiting_on: dict[int, str] = {}
    cancelling: set[int] = set()
    out: list[str] = []

    def who(t: int) -> str:
        return f"'{labels.get(t, t)}' (task {t})"

    for e in tr.events:
        t = f"{e.t:.6f}"
        me = labels.get(e.task, "?")
        if e.ev == "loop":
            s = f"a loop starts ({e.get('clock', 'real')} clock)"
        elif e.ev == "create":
            by = e.get("by", 0)
            maker = labels.get(by, "?") if by else "the program"
            s = (f"{maker} creates {who(e.task)}; it waits at the back of "
                 "the ready queue")
        elif e.ev == "run":
            verb = "resumes" if e.task in started else "starts"
            started.add(e.task)
            s = f"the loop runs {me}: it {verb}"
        elif e.ev == "suspend":
            why = str(e.get("why", ""))
            waiting_on[e.task] = why
            if why == "yield":
                s = (f"{me} yields; it goes straight to the back of the "
                     "ready queue")
            else:
                on = e.get("on", 0)
                until = e.get("until", 0.0)
                what = WHY.get(why, f"waits ({why})").format(
                    on=who(int(on)) if isinstance(on, int) and on
                    else "a task",
                    until=f"{until:.6f}" if isinstance(until, (int, float))
                    else until)
                s = f"{me} {what}; it gives the loop back"
        elif e.ev == "wake":
            because = WOKEN.get(waiting_on.pop(e.task, ""), "it can go on")
            if e.task in cancelling:
                because = "to be cancelled"
            s = f"{me} wakes ({because}); it joins the back of the ready queue"
        elif e.ev == "done":
            s = f"{me} returns; it is finished"
        elif e.ev == "cancel":
            cancelling.add(e.task)
            s = f"cancelling {who(e.task)} is requested"
        elif e.ev == "cancelled":
            s = f"{me} ends cancelled; its cleanup ran"
        elif e.ev == "failed":
            s = (f"{me} fails with error {e.get('code', '?')}; its cleanup "
                 "ran, and whoever awaits it gets the error")
        elif e.ev == "blocking_call":
            s = (f"{me} calls {e.get('call', 'sleep')}(), which blocks for "
                 f"{e.get('seconds', 0)} s: the whole loop stops with it")
        elif e.ev == "blocked":
            secs = e.get("seconds", 0.0)
            s = (f"{me} held the loop for {secs} s: no other task could run"
                 if isinstance(secs, (int, float)) else f"{me} held the loop")
        elif e.ev == "deadlock":
            s = "every task waits and nothing can wake them: deadlock"
        elif e.ev == "close":
            s = "the loop closes"
        elif e.ev == "exit":
            s = f"the program ends after {fmt_time(e.t)}"
        else:
            s = f"{e.ev} ({me})" if e.task else e.ev
        out.append(f"{t} {s}")
    return "\n".join(out)
