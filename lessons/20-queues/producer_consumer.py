# producer_consumer.py: the asyncio twin of producer_consumer.c.
import asyncio

q: asyncio.Queue[int] = asyncio.Queue()  # unbounded
START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def producer() -> None:
    for i in range(1, 4):
        await asyncio.sleep(0.1)  # making an item takes 0.1 s
        await q.put(i)
        print(f"{now():.2f} s  put {i}")
    await q.put(0)


async def consumer() -> None:
    while True:
        item = await q.get()  # waits while it is empty
        if item == 0:
            break
        print(f"{now():.2f} s  got {item}")
    print(f"{now():.2f} s  consumer: no more items")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    await asyncio.gather(consumer(), producer())


asyncio.run(main())
