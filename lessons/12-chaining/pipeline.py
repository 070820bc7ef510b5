# pipeline.py: the asyncio twin of pipeline.c.
import asyncio
import time

T0 = 0.0  # set when main starts


async def fetch(n: int) -> int:
    await asyncio.sleep(0.5)
    return n * 100


async def parse(raw: int) -> int:
    await asyncio.sleep(0.2)
    return raw + 1


async def process(n: int) -> int:
    raw = await fetch(n)
    item = await parse(raw)
    print(f"  item {n} -> {item} at {time.perf_counter() - T0:.2f} s")
    return item


async def main() -> None:
    global T0
    T0 = time.perf_counter()
    print("one after another:")
    start = time.perf_counter()
    for n in (1, 2, 3):
        await process(n)
    print(f"  took {time.perf_counter() - start:.2f} s")

    print("all at once:")
    start = time.perf_counter()
    await asyncio.gather(process(1), process(2), process(3))
    print(f"  took {time.perf_counter() - start:.2f} s")


asyncio.run(main())
