"""Exercise 56py: retry, back off, give up cleanly.

The idea (lesson 26, errors in tasks), as Python says it:
  1. An exception raised in a task is kept in the task; `await task`
     raises it again in the awaiter, as if the call had raised it there.
  2. `except Busy:` catches one kind of error and lets every other kind
     climb on; a bare `raise` inside the except clause raises the caught
     error again, its traceback kept.
  3. A cancellation is asyncio.CancelledError, a BaseException: `except
     Exception` does not catch it, and nothing should retry it. `except
     BaseException` (or a bare `except:`) would.
  4. In C, async_try returns the error as a value and async_reraise
     passes it on; in Python the error is an exception you let through
     by not catching it.

Your task: fetch makes one attempt. Make it retry a Busy failure, up to
MAX_TRIES attempts in all, waiting FIRST_BACKOFF before the second
attempt and twice as long before each next one; after the last attempt
it raises the last Busy again. Any other failure (NotFound), and a
cancellation, goes through at once. The program then prints shop's
answer after two retries, bank's error after four attempts, and wiki's
at once.

Run it: make run EX=56py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=56py    Stuck? python3 grader/grade.py --hint 56py
"""
import asyncio
import time
from dataclasses import dataclass

MAX_TRIES = 4         # attempts in all
FIRST_BACKOFF = 0.1   # seconds before the second attempt
START = 0.0           # when the current fetch began (perf_counter)


def now():
    return time.perf_counter() - START


class Busy(Exception):
    """The server is busy: another attempt, later, may work."""


class NotFound(Exception):
    """There is no such page: no attempt will ever work."""


@dataclass
class Service:
    name: str
    busy_for: int = 0      # the first busy_for attempts fail with Busy
    missing: bool = False  # every attempt fails with NotFound
    attempts: int = 0      # attempts made so far


async def call_service(s):
    """One attempt: 0.05 s, then an answer or an error."""
    s.attempts += 1
    await asyncio.sleep(0.05)
    if s.missing:
        raise NotFound(f"{s.name}: no such page")
    if s.attempts <= s.busy_for:
        print(f"{now():.2f} s  {s.name}: attempt {s.attempts}: busy")
        raise Busy(f"{s.name}: server busy")
    return 40 + s.attempts


async def fetch(s):
    """call_service(s), retried with backoff; raises the last error when
    it gives up."""
    backoff = FIRST_BACKOFF
    for attempt in range(1, MAX_TRIES + 1):
        try:
            return await call_service(s)
        except Busy:
            # Why: only Busy may pass next time, and only while tries last.
            if attempt == MAX_TRIES:
                raise
        await asyncio.sleep(backoff)
        backoff *= 2


async def main():
    global START
    for s in [Service("shop", busy_for=2), Service("bank", busy_for=99),
              Service("wiki", missing=True)]:
        START = time.perf_counter()
        task = asyncio.create_task(fetch(s))
        try:
            got = await task
            print(f"{now():.2f} s  {s.name}: got {got}")
        except Exception as e:  # what the task raised, raised again here
            print(f"{now():.2f} s  gave up after {s.attempts} attempt(s): "
                  f"{e}")


if __name__ == "__main__":
    asyncio.run(main())
