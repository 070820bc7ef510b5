# ticks.py: the asyncio twin of ticks.c.
import asyncio
import time
from collections.abc import AsyncIterator

START = 0.0  # when main began


async def ticks(count: int, interval: float) -> AsyncIterator[int]:
    for i in range(1, count + 1):
        await asyncio.sleep(interval)
        yield i


async def chatter() -> None:
    await asyncio.sleep(0.25)
    print(f"{time.perf_counter() - START:.2f} s  chatter: "
          "the loop is free while the generator waits")


async def main() -> None:
    global START
    START = time.perf_counter()
    other = asyncio.create_task(chatter())
    async for i in ticks(3, 0.2):
        print(f"{time.perf_counter() - START:.2f} s  main: got {i}")
    await other


asyncio.run(main())
