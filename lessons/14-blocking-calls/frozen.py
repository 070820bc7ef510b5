# frozen.py: the asyncio twin of frozen.c: time.sleep inside a coroutine.
import asyncio
import time

START = 0.0


async def ticker() -> None:
    for i in (1, 2, 3, 4):
        print(f"tick {i} at {time.perf_counter() - START:.2f} s")
        await asyncio.sleep(0.25)


async def worker() -> None:
    print("worker: waiting 1 s for the disk")
    time.sleep(1)  # the mistake: blocks the thread, not just this task
    print(f"worker: done at {time.perf_counter() - START:.2f} s")


async def main() -> None:
    global START
    START = time.perf_counter()
    await asyncio.gather(ticker(), worker())
    print(f"all done at {time.perf_counter() - START:.2f} s")


asyncio.run(main())
