"""Exercise 30py: results, one page at a time: an async generator.

The idea (lesson 15, async generators), as Python says it:
  1. An `async def` with a `yield` in it is an async generator: it may
     await between the values it yields, and `async for` takes them one
     at a time, running the generator only up to its next yield.
  2. So it is lazy: a page is requested only when the consumer asks.
  3. A consumer that stops early leaves the generator suspended at a
     yield. `await gen.aclose()` finishes it at once: its `finally` runs
     there and then. Without it, asyncio closes it later, whenever the
     loop gets around to it: the connection stays open meanwhile.
  4. `await anext(gen)` takes one value without a loop.

Your task: write the body of pages() (one request of `delay` seconds per
page, then yield that page's item count: page_size, or what is left for
the last page), and first_page() (take one page, close the generator,
return the count), so that the program prints
      connection opened
    page 1: 4 items at 0.10 s
    ... (page 2 at 0.20 s, page 3 of 2 items at 0.30 s)
      connection closed
    10 items in 3 pages
      connection opened
      connection closed
    first page of 100: 10 items at 0.20 s

Run it: make run EX=30py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=30py    Stuck? python3 grader/grade.py --hint 30py
"""
import asyncio
import time


async def pages(total, page_size, delay):
    """Yields the item count of each page of `total` items, requesting
    each page (delay seconds) only when it is asked for."""
    print("  connection opened")
    try:
        # Why: one request per page, made only when the page is asked for.
        for left in range(total, 0, -page_size):
            await asyncio.sleep(delay)
            yield min(left, page_size)
    finally:
        print("  connection closed")


async def first_page(total, page_size, delay):
    """Returns the item count of the first page only, and closes the
    connection before it returns."""
    gen = pages(total, page_size, delay)
    size = await anext(gen)
    # Why: the generator's finally runs now, not when asyncio gets to it.
    await gen.aclose()
    return size


async def main():
    start = time.perf_counter()
    n = items = 0
    async for size in pages(10, 4, 0.1):
        n += 1
        items += size
        print(f"page {n}: {size} items at {time.perf_counter() - start:.2f} s")
    print(f"{items} items in {n} pages")
    start = time.perf_counter()
    size = await first_page(100, 10, 0.2)
    print(f"first page of 100: {size} items at "
          f"{time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
