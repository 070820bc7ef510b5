# unfrozen.py: the asyncio twin of unfrozen.c: asyncio.sleep instead.
import asyncio
import time

START = 0.0


async def ticker() -> None:
    for i in (1, 2, 3, 4):
        print(f"tick {i} at {time.perf_counter() - START:.2f} s")
        await asyncio.sleep(0.25)


async def worker() -> None:
    print("worker: waiting 1 s for the disk")
    await asyncio.sleep(1)  # only this task waits; the loop runs on
    print(f"worker: done at {time.perf_counter() - START:.2f} s")


async def main() -> None:
    global START
    START = time.perf_counter()
    await asyncio.gather(ticker(), worker())
    print(f"all done at {time.perf_counter() - START:.2f} s")


asyncio.run(main())
