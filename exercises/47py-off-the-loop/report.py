"""Exercise 47py: off the loop, with asyncio.to_thread.

The idea (lesson 23, threads for blocking calls), as Python says it:
  1. A blocking call (time.sleep inside a library, a slow computation in
     C code) holds the loop's thread: every task waits while it runs.
  2. `await asyncio.to_thread(func, *args)` runs func(*args) on a worker
     thread and suspends this task until it returns, with its value; the
     loop runs on meanwhile.
  3. Hand to_thread the function and its arguments, not a call:
     to_thread(func(args)) calls func on the loop's thread first, then
     hands its result to the thread (TypeError: not callable).
  4. A task is not a thread: putting the call in a task of its own, or
     in an async def, still runs it on the loop's thread.

Your task: render calls the blocking legacy_render directly, so the
heartbeat misses its beats while reports render. Make render run it off
the loop, so that the heartbeat keeps 0.00, 0.25, 0.50, 0.75 s and the
program ends at 1.00 s.

Run it: make run EX=47py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=47py    Stuck? python3 grader/grade.py --hint 47py
"""
import asyncio
import time

START = 0.0  # when main began (perf_counter)


def now():
    return time.perf_counter() - START


def legacy_render(pages):
    """The reporting library's one call, which we may not change. It
    blocks, 0.2 s per page, and returns the report's size in bytes."""
    size = 0
    for i in range(pages):
        time.sleep(0.2)  # the library's work: it blocks its thread
        size += 1000 + 10 * i
    return size


async def render(pages):
    """Renders a report of `pages` pages and returns its size in bytes,
    without holding the loop."""
    # TODO: legacy_render blocks the loop's thread; run it elsewhere.
    return legacy_render(pages)


async def heartbeat():
    for i in range(1, 5):
        print(f"heartbeat {i} at {now():.2f} s")
        await asyncio.sleep(0.25)


async def reports():
    for pages in (3, 1):
        print(f"rendering a {pages}-page report")
        size = await render(pages)
        print(f"{pages}-page report: {size} bytes at {now():.2f} s")


async def main():
    global START
    START = time.perf_counter()
    await asyncio.gather(heartbeat(), reports())
    print(f"done at {now():.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
