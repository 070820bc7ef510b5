"""driver.py: other queries, an empty one, and a first page taken early,
each followed by a line that shows whether the connection was closed in
time. Given a seed (the grader draws one each time it grades), the
queries are drawn from it; with none, they are 9 by 3 (0.05 s a page),
0 by 5, and the first page of 100 by 10 (0.2 s). Exercise 30py."""
import asyncio
import random
import sys
import time

from pages import first_page, pages


def queries():
    if len(sys.argv) < 2:
        return (9, 3, 0.05), (0, 5, 0.1), (100, 10, 0.2)
    rng = random.Random(int(sys.argv[1]))
    size = rng.randint(2, 5)
    return ((rng.randint(size + 1, 4 * size), size, rng.randint(1, 5) / 20),
            (0, rng.randint(1, 5), 0.1),
            (rng.randint(20, 200), rng.randint(5, 15), rng.randint(1, 9) / 10))


async def query(total, size, delay):
    start = time.perf_counter()
    n = items = 0
    async for got in pages(total, size, delay):
        n += 1
        items += got
        print(f"  {got} at {time.perf_counter() - start:.2f}")
    print(f"{total} by {size}: {items} items, {n} pages, "
          f"{time.perf_counter() - start:.2f} s")


async def main():
    full, empty, first = queries()
    await query(*full)
    await query(*empty)
    start = time.perf_counter()
    got = await first_page(*first)
    print(f"first page of {first[0]}: {got} items at "
          f"{time.perf_counter() - start:.2f} s")
    await asyncio.sleep(1)
    print("one second later")


asyncio.run(main())
