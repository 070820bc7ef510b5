# retry.py: the asyncio twin of retry.c.
import asyncio
import time

START = 0.0  # when this fetch began
TAKES = [0.9, 0.9, 0.2]  # the server hangs twice, then answers quickly


def now() -> float:
    return time.perf_counter() - START


async def attempt(n: int) -> int:
    try:
        await asyncio.sleep(TAKES[n - 1])
    except asyncio.CancelledError:
        print(f"{now():.2f} s  attempt {n} abandoned")
        raise
    return 100 + n


async def fetch() -> int:
    for n in (1, 2, 3):
        t = asyncio.create_task(attempt(n))
        try:
            return await asyncio.wait_for(t, 0.5)
        except TimeoutError:
            pass
    return -1


async def fetch_within(deadline: float) -> None:
    global START
    START = time.perf_counter()
    print(f"fetch within {deadline:.1f} s:")
    try:
        async with asyncio.timeout(deadline):
            v = await fetch()
        print(f"{now():.2f} s  got {v}")
    except TimeoutError:
        print(f"{now():.2f} s  gave up: the deadline passed")


async def main() -> None:
    await fetch_within(1.5)
    await fetch_within(1.1)


asyncio.run(main())
