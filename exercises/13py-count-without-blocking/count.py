"""Exercise 13py: count without blocking, in asyncio.

The idea (lesson 07, sleeping without blocking), as Python says it:
  1. Every task of an asyncio program runs on one thread, and a task runs
     until it reaches an `await` that suspends it.
  2. time.sleep(1) is an ordinary call: it holds the thread for a second,
     so no other task runs meanwhile. asyncio never hears of it.
  3. `await asyncio.sleep(1)` suspends this task only: the loop runs the
     others and wakes this one a second later.
  4. `asyncio.sleep(1)` without `await` only makes a coroutine object and
     drops it: nothing waits, and Python warns "coroutine 'sleep' was
     never awaited". In C there is no such mistake: calling a coroutine
     function from a task is awaiting it.

Your task: this program works but takes 3 s. Fix count() so that it
prints the three "One" lines, then the three "Two" lines, in 1.00 s, with
no time.sleep left.

Run it: make run EX=13py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=13py    Stuck? python3 grader/grade.py --hint 13py
"""
import asyncio
import time


async def count(name):
    """Prints "<name>: One", waits one second, prints "<name>: Two"."""
    print(f"{name}: One")
    # TODO: time.sleep blocks every task; wait without blocking.
    time.sleep(1)
    print(f"{name}: Two")


async def main():
    await asyncio.gather(count("a"), count("b"), count("c"))


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    print(f"count exec in {time.perf_counter() - start:.2f} seconds.")
