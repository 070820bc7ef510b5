"""driver.py: runs the student's report_in_completion_order on other
downloads, none of them in completion order, and prints the total and the
time. Given a seed (the grader draws one each time it grades), the
downloads are drawn from it; with none, they are the four below.
Exercise 22py."""
import asyncio
import random
import sys
import time

from downloads import Download, report_in_completion_order


def files():
    if len(sys.argv) < 2:
        return [Download("a.bin", 0.40, 1), Download("b.bin", 0.05, 20),
                Download("c.bin", 0.25, 300), Download("d.bin", 0.15, 4000)]
    rng = random.Random(int(sys.argv[1]))
    n = rng.randint(3, 7)
    times = rng.sample(range(1, 20), n)  # distinct: one finishing order
    return [Download(f"{chr(97 + i)}.bin", t / 20, rng.randint(1, 99999))
            for i, t in enumerate(times)]


async def main():
    start = time.perf_counter()
    total = await report_in_completion_order(files())
    print(f"total {total} in {time.perf_counter() - start:.2f} s")


asyncio.run(main())
