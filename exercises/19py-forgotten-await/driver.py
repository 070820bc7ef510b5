"""driver.py: a clerk slower than the packing, then a price already set:
checkout must wait exactly as long as needed. Given a seed (the grader
draws one each time it grades), the price, the items and the clerk's time
are drawn from it; with none, they are 40, five items and 1.5 s.
Exercise 19py."""
import asyncio
import random
import sys
import time

from checkout import checkout


def order():
    if len(sys.argv) < 2:
        return 40, ["a", "b", "c", "d", "e"], 1.5
    rng = random.Random(int(sys.argv[1]))
    items = ["x"] * rng.randint(1, 6)
    return rng.randint(2, 99), items, rng.randint(7, 20) / 10


async def slow_clerk(price, amount, seconds):
    await asyncio.sleep(seconds)
    price.set_result(amount)


async def main():
    amount, items, seconds = order()
    start = time.perf_counter()
    price = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(slow_clerk(price, amount, seconds))
    await checkout(items, price)
    print(f"at {time.perf_counter() - start:.2f} s")
    # The price is set now: only the packing takes time.
    await checkout(items[:1], price)
    print(f"at {time.perf_counter() - start:.2f} s")
    await task


asyncio.run(main())
