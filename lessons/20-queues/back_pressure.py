# back_pressure.py: the asyncio twin of back_pressure.c.
import asyncio

ITEMS = 5
start = 0.0  # when the current run began


def now() -> float:
    return asyncio.get_running_loop().time() - start


async def producer(q: asyncio.Queue[int]) -> None:
    for i in range(1, ITEMS + 1):
        await q.put(i)  # waits while the queue is full
        print(f"{now():.2f} s  made {i}, {q.qsize()} in the queue")
    await q.put(0)
    print(f"{now():.2f} s  producer done")


async def consumer(q: asyncio.Queue[int]) -> None:
    while (item := await q.get()) != 0:
        await asyncio.sleep(1)  # using an item takes 1 s
        print(f"{now():.2f} s  used {item}")


async def run(maxsize: int) -> None:
    global start
    print(f"maxsize {maxsize}:")
    start = asyncio.get_running_loop().time()
    q: asyncio.Queue[int] = asyncio.Queue(maxsize)
    await asyncio.gather(producer(q), consumer(q))


async def main() -> None:
    await run(0)  # unbounded
    await run(2)


asyncio.run(main())
