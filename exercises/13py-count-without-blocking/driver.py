"""driver.py: gathers the student's count() over other names, and times
it. Given a seed (the grader draws one each time it grades), the names
are drawn from it; with none, they are w x y z. Exercise 13py."""
import asyncio
import random
import sys
import time

from count import count


def names():
    if len(sys.argv) < 2:
        return ["w", "x", "y", "z"]
    rng = random.Random(int(sys.argv[1]))
    return rng.sample("abcdefghijklmnopqrstuvwxyz", rng.randint(2, 6))


async def main():
    await asyncio.gather(*(count(name) for name in names()))


start = time.perf_counter()
asyncio.run(main())
print(f"{time.perf_counter() - start:.2f}")
