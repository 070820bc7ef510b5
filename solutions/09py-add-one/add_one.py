# SPDX-License-Identifier: MIT
"""Exercise 09py: add one, asynchronously, in asyncio.

The idea (lesson 05, coroutines and await), as exercise 09 had it in C,
now in Python's own words:
  1. An async def function is a coroutine function. Calling it runs none
     of its body: it returns a coroutine object, and only `await` (or a
     task) runs that object. In C, calling was awaiting; here it is not.
  2. `await coroutine()` runs the coroutine inside the caller: if it
     sleeps, the caller sleeps with it, and its return value is what the
     await gives back.
  3. So add_one must itself be a coroutine function (async def): only a
     coroutine may await.
  4. Awaiting three calls one after another takes three times as long;
     asyncio.gather runs them as three tasks that wait at the same time,
     and gives back their values in argument order.

Your task: (a) write add_one: call the coroutine function it is given,
once, await it, and return its value plus one. (b) In main, run
add_one(forty_one) three times at once. The program then prints
    42
    [42, 42, 42] in 0.10 s
and takes 0.20 s. The grader also tries add_one on other coroutines.

Check it: make grade EX=09py    Stuck? python3 grader/grade.py --hint 09py
"""
import asyncio
import time


async def add_one(coroutine):
    """Awaits coroutine() and returns its value plus one."""
    # TODO: call the coroutine function, await what it gives, add one.
    return await coroutine() + 1


async def forty_one():
    """Waits a tenth of a second, then gives 41."""
    await asyncio.sleep(0.1)
    return 41


async def main():
    print(await add_one(forty_one))
    start = time.monotonic()
    # TODO: three add_one(forty_one) at once; their values in results.
    results = await asyncio.gather(add_one(forty_one), add_one(forty_one),
                                   add_one(forty_one))
    print(f"{results} in {time.monotonic() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
