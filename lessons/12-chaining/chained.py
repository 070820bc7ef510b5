# chained.py: the asyncio twin of chained.c.
import asyncio


async def compute_square(x: int) -> int:
    await asyncio.sleep(1)
    return x * x


async def square(x: int) -> int:
    print("Square", x)
    res = await compute_square(x)
    print("End square", x)
    return res


async def when_done() -> None:
    tasks = [asyncio.create_task(square(x)) for x in (1, 2, 3)]
    for next_done in asyncio.as_completed(tasks):
        print("Result:", await next_done)


asyncio.run(when_done())
