# SPDX-License-Identifier: MIT
"""Exercise 21py: the concurrent append, in asyncio.

The idea (lesson 10, gather; lesson 08, task order), as exercise 21 had
it in C, now in Python's own words:
  1. Calling an async def function runs none of it: it makes a coroutine
     object. `await` runs it inside the caller, one after another;
     asyncio.gather (or asyncio.create_task) turns each into a task.
  2. Tasks start in the order they are made (gather makes them in argument
     order), each running until its first await that waits.
  3. append_two_values appends its first value, sleeps 0.5 s, then
     appends its second: started together, three calls append all the
     first values, then, half a second later, all the second values.
  4. Awaited one after another, three calls take 3 x 0.5 = 1.5 s.

Your task: write append_concurrently so that it calls append_two_values
once per pair, all at the same time, in the order of the pairs, and
returns when every call has finished. The program then prints
[1, 3, 2, 4, 6, 5] and takes under one second. Do not change
append_two_values.

Check it: make grade EX=21py    Stuck? python3 grader/grade.py --hint 21py
"""
import asyncio


async def append_two_values(lst, value1, value2):
    """Given; do not modify."""
    lst.append(value1)
    await asyncio.sleep(0.5)
    lst.append(value2)


async def append_concurrently(lst, pairs):
    """Calls append_two_values(lst, a, b) for every (a, b) in pairs, all
    at once, and returns when all of them have finished."""
    # TODO: one call per pair, started in the order of pairs, all running
    # at the same time; wait for every one of them before returning.
    await asyncio.gather(*(append_two_values(lst, a, b) for a, b in pairs))


async def main(lst):
    await append_concurrently(lst, [(1, 4), (3, 6), (2, 5)])


if __name__ == "__main__":
    lst = []
    asyncio.run(main(lst))
    print(lst)
