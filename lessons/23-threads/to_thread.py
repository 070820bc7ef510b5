# to_thread.py: the asyncio twin of to_thread.c.
import asyncio
import time

START = 0.0


def read_disk(file: str) -> int:
    time.sleep(1)  # a library's blocking call
    return 4096


async def ticker() -> None:
    for i in (1, 2, 3, 4):
        print(f"tick {i} at {time.perf_counter() - START:.2f} s")
        await asyncio.sleep(0.25)


async def worker(file: str) -> None:
    print(f"worker: reading {file} on a thread")
    n = await asyncio.to_thread(read_disk, file)
    print(f"worker: read {n} bytes at {time.perf_counter() - START:.2f} s")


async def main() -> None:
    global START
    START = time.perf_counter()
    await asyncio.gather(ticker(), worker("log.txt"))
    print(f"all done at {time.perf_counter() - START:.2f} s")


asyncio.run(main())
