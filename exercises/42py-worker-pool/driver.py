"""driver.py: other pools: some photos for two workers, then fewer photos
than workers, so that some workers never get one and must still stop.
Given a seed (the grader draws one each time it grades), the photos are
drawn from it; with none, they are those below. Exercise 42py."""
import asyncio
import random
import sys
import time

import pool
from pool import Photo


def rounds():
    if len(sys.argv) < 2:
        return ([Photo("ant", 0.3), Photo("bee", 0.3), Photo("cow", 0.1),
                 Photo("doe", 0.1), Photo("elk", 0.2)],
                [Photo("fox", 0.5), Photo("gnu", 0.2)])
    rng = random.Random(int(sys.argv[1]))
    names = ["ant", "bee", "cow", "doe", "elk", "fox", "gnu", "hen", "ibis",
             "jay", "kiwi", "lynx"]
    many = [Photo(names[i], rng.randint(1, 5) / 10)
            for i in range(rng.randint(3, 8))]
    few = [Photo(names[-1 - i], rng.randint(1, 5) / 10)
           for i in range(rng.randint(1, 2))]
    return many, few


async def main():
    pool.START = time.perf_counter()
    many, few = rounds()
    print("two workers:")
    await pool.run_pool(many, 2)
    print("four workers:")
    await pool.run_pool(few, 4)


asyncio.run(main())
