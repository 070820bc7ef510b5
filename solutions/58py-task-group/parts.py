"""Exercise 58py: one failure cancels the rest: asyncio.TaskGroup.

The idea (lesson 27, structured concurrency), as Python says it:
  1. gather raises the first error at once, but leaves the other tasks
     running, orphans no one waits for.
  2. `async with asyncio.TaskGroup() as tg:` starts children with
     tg.create_task(...) and does not leave the block until every child
     is done. When one fails, it cancels the others, waits for them to
     stop, and only then raises.
  3. It raises an ExceptionGroup holding every child's error (two can
     fail at the same moment). `except Broken` does not catch a group;
     `except* Broken as group:` does, with the errors in
     group.exceptions. (An except* clause may not `return`: keep what you
     need and return after it.)
  4. C's async_task_group_run returns false with an error list; Python
     raises the list as one exception.

Your task: fetch_all gathers the parts, so when part 2 fails the others
run on and the program dies with a traceback. Make it fetch them in a
task group: at 0.50 s, parts 3 and 4 are abandoned, the error is printed
("0.50 s  failed: part 2 is broken") and fetch_all returns False, with
no connection left open.

Run it: make run EX=58py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=58py    Stuck? python3 grader/grade.py --hint 58py
"""
import asyncio
import time
from dataclasses import dataclass

START = 0.0           # when the program began (perf_counter)
open_connections = 0  # connections open right now


def now():
    return time.perf_counter() - START


class Broken(Exception):
    """A part's server sent garbage."""


@dataclass
class Part:
    id: int
    takes: float          # how long its server needs
    broken: bool = False  # fetching it fails


async def fetch_part(p):
    global open_connections
    open_connections += 1
    try:
        await asyncio.sleep(p.takes)
    except asyncio.CancelledError:
        print(f"{now():.2f} s  part {p.id} abandoned")
        raise
    finally:
        open_connections -= 1
    if p.broken:
        raise Broken(f"part {p.id} is broken")
    print(f"{now():.2f} s  part {p.id} fetched")


async def fetch_all(parts):
    """Fetches the parts at once. Returns True once all are fetched; if
    one fails, cancels the rest, prints "T s  failed: MESSAGE" for each
    error and returns False."""
    errors = ()
    try:
        # Why: the group cancels the other parts as soon as one fails.
        async with asyncio.TaskGroup() as tg:
            for p in parts:
                tg.create_task(fetch_part(p))
    except* Broken as group:
        errors = group.exceptions
    for e in errors:
        print(f"{now():.2f} s  failed: {e}")
    return not errors


async def main():
    global START
    START = time.perf_counter()
    parts = [Part(1, 0.3), Part(2, 0.5, broken=True), Part(3, 1.0),
             Part(4, 2.0)]
    ok = await fetch_all(parts)
    print(f"{now():.2f} s  {'fetched' if ok else 'gave up'}, "
          f"open connections: {open_connections}")


if __name__ == "__main__":
    asyncio.run(main())
