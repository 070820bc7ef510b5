"""Exercise 22py: first finished, first reported, with asyncio.as_completed.

The idea (lesson 11, as_completed), as Python says it:
  1. Tasks created one after another all run at once: the batch takes as
     long as its longest task.
  2. asyncio.as_completed(tasks) gives, in a plain `for` loop, one
     awaitable per task, in the order the tasks finish: `await` each one
     to wait for the next finisher and get its return value.
  3. Those awaitables are not your tasks (in Python 3.11 they are new
     coroutines): they have no name and no .result(), and one not awaited
     is "never awaited". So make the coroutine return all you need to know.
  4. download() returns (name, size) for that reason.

Your task: write report_in_completion_order. It starts one download task
per entry (in the order given) and prints, for each download as it
finishes, "<name>: <size> bytes at <t> s" (t since the call began, two
decimals). It returns the total of the sizes. Here: logo.png at 0.10 s,
style.css at 0.20 s, index.html at 0.30 s, all within 0.30 s.

Run it: make run EX=22py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=22py    Stuck? python3 grader/grade.py --hint 22py
"""
import asyncio
import time
from collections import namedtuple

# seconds: how long it takes to arrive; size: its bytes
Download = namedtuple("Download", "name seconds size")


async def download(d):
    """Waits as long as the download takes; returns (name, size)."""
    await asyncio.sleep(d.seconds)
    return d.name, d.size


async def report_in_completion_order(downloads):
    """See the docstring at the top. Returns the total size."""
    start = time.perf_counter()
    tasks = [asyncio.create_task(download(d)) for d in downloads]
    total = 0
    # Why: each awaitable is the next one to finish, whichever it is.
    for next_done in asyncio.as_completed(tasks):
        name, size = await next_done
        print(f"{name}: {size} bytes at {time.perf_counter() - start:.2f} s")
        total += size
    return total


async def main():
    files = [Download("index.html", 0.3, 5120), Download("logo.png", 0.1, 20480),
             Download("style.css", 0.2, 1024)]
    total = await report_in_completion_order(files)
    print(f"total: {total} bytes")


if __name__ == "__main__":
    asyncio.run(main())
