# SPDX-License-Identifier: MIT
"""driver.py: append_concurrently over other pairs, two rounds on one
list, so that printing [1, 3, 2, 4, 6, 5] by hand does not pass.
Exercise 21py. With a seed (its first argument), the pairs are drawn
from it; without one, the pairs below are used."""
import asyncio
import random
import sys
import time

from append import append_concurrently


def draw(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 6)
    values = rng.sample(range(-99, 100), 2 * n + 2)
    four = [(values[2 * i], values[2 * i + 1]) for i in range(n)]
    return four, [(values[-2], values[-1])]


async def main(lst, first, second):
    start = time.monotonic()
    await append_concurrently(lst, first)
    print(lst)
    print(f"{time.monotonic() - start:.2f} s")
    await append_concurrently(lst, second)
    print(lst)
    print(f"{time.monotonic() - start:.2f} s")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        first, second = draw(int(sys.argv[1]))
    else:
        first, second = [(7, 8), (9, 10), (-1, -2), (0, 100)], [(42, 43)]
    asyncio.run(main([], first, second))
