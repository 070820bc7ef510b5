# three_at_once.py: the asyncio twin of three_at_once.c.
import asyncio
import time

START = 0.0


def compress(secs: int) -> int:
    time.sleep(secs)  # a library's blocking call
    return 1000 * secs


async def job(name: str, secs: int) -> None:
    print(f"{name}: {secs} s of work, on a thread")
    size = await asyncio.to_thread(compress, secs)
    print(f"{name}: {size} bytes at {time.perf_counter() - START:.2f} s")


async def main() -> None:
    global START
    START = time.perf_counter()
    await asyncio.gather(job("c.log", 3), job("a.log", 1), job("b.log", 2))
    print(f"all three in {time.perf_counter() - START:.2f} s")


asyncio.run(main())
