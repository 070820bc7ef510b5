# as_completed.py: the asyncio twin of as_completed.c. The tasks are made
# first, in argument order, so the start order is fixed (see the README).
import asyncio


async def square(x: int) -> int:
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x


async def when_done() -> None:
    tasks = [asyncio.create_task(square(x)) for x in (1, 2, 3)]
    for next_done in asyncio.as_completed(tasks):
        print("Result:", await next_done)


asyncio.run(when_done())
