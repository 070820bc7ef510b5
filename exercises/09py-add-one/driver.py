# SPDX-License-Identifier: MIT
"""driver.py: the student's add_one over other coroutine functions, each
run with asyncio.run(add_one(f)), then three add_one calls gathered at
once. Exercise 09py. With a seed (its first argument) the values are
drawn from it; without one, those of the published lines are used."""
import asyncio
import inspect
import random
import sys
import time

from add_one import add_one

calls = 0


def coroutine_giving(value, delay=0.0, counted=False):
    async def coroutine():
        global calls
        if counted:
            calls += 1
        if delay:
            await asyncio.sleep(delay)
        return value
    return coroutine


async def gathered(slow):
    start = time.monotonic()
    r = await asyncio.gather(add_one(slow), add_one(slow), add_one(slow))
    print(r, f"{time.monotonic() - start:.2f}s")


def main(seed):
    rng = random.Random(seed)
    whole = 41 if seed is None else rng.randint(-1000, 1000)
    other = -1 if seed is None else rng.randint(-1000, 1000)
    part = 2.5 if seed is None else rng.randint(-400, 400) / 4
    print(inspect.iscoroutinefunction(add_one))
    print(asyncio.run(add_one(coroutine_giving(whole, counted=True))), calls)
    slow = coroutine_giving(whole, 0.1)
    start = time.monotonic()
    value = asyncio.run(add_one(slow))
    print(value, f"{time.monotonic() - start:.2f}s")
    print(asyncio.run(add_one(coroutine_giving(other))))
    print(asyncio.run(add_one(coroutine_giving(part))))
    asyncio.run(gathered(slow))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
