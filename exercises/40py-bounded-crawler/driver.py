"""driver.py: two other crawls, each timed, with what the server saw.
Given a seed (the grader draws one each time it grades), the page counts
and limits are drawn from it; with none, they are 7 pages 3 at a time,
then 4 pages 4 at a time. Exercise 40py."""
import asyncio
import random
import sys
import time

from crawler import PageServer, crawl


def crawls():
    if len(sys.argv) < 2:
        return [(7, 3), (4, 4)]
    rng = random.Random(int(sys.argv[1]))
    return [(rng.randint(3, 9), rng.randint(2, 3)),
            (rng.randint(1, 5), rng.randint(1, 5))]


async def main():
    server = PageServer()
    for n, limit in crawls():
        start = time.perf_counter()
        await crawl(server, n, limit)
        print(f"{n} pages, {limit} at a time: "
              f"{time.perf_counter() - start:.2f} s")
        server.report()


asyncio.run(main())
