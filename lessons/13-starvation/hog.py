# hog.py: the asyncio twin of hog.c.
import asyncio


def crunch(n: int) -> int:
    return sum(i * i % 7 for i in range(n))


async def worker() -> None:
    for chunk in (1, 2, 3):
        print(f"worker: chunk {chunk} gives {crunch(chunk * 100000)}")


async def ticker() -> None:
    for i in (1, 2, 3):
        print(f"ticker: tick {i}")
        await asyncio.sleep(0)


async def main() -> None:
    await asyncio.gather(worker(), ticker())


asyncio.run(main())
