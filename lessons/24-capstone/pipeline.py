# pipeline.py: the asyncio twin of pipeline.c.
import asyncio
from dataclasses import dataclass


@dataclass
class Worker:
    id: int
    current: int = 0  # the order in hand, 0 when idle


START = 0.0  # loop time when main began: printed times are relative


def say(text: str) -> None:
    print(f"{asyncio.get_running_loop().time() - START:.2f} s  {text}")


async def feed(orders: asyncio.Queue[int], taken: list[int]) -> None:
    try:
        while True:
            await asyncio.sleep(0.2)
            taken[0] += 1
            await orders.put(taken[0])
            say(f"feed: order {taken[0]} queued")
    finally:
        say(f"feed: closed after {taken[0]} orders")


async def worker(w: Worker, orders: asyncio.Queue[int]) -> None:
    try:
        while True:
            w.current = await orders.get()
            await asyncio.sleep(0.5)
            say(f"worker {w.id}: order {w.current} done")
            w.current = 0
            orders.task_done()
    finally:
        if w.current == 0:
            say(f"worker {w.id}: disconnected, idle")
        else:
            say(f"worker {w.id}: disconnected in the middle of order "
                f"{w.current}")


async def stop(*tasks: asyncio.Task[None]) -> None:
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def service(tg: asyncio.TaskGroup) -> None:
    global START
    START = asyncio.get_running_loop().time()
    orders: asyncio.Queue[int] = asyncio.Queue(2)
    taken = [0]
    feeder = tg.create_task(feed(orders, taken))
    workers = [tg.create_task(worker(Worker(i), orders))
               for i in (1, 2)]

    await asyncio.sleep(1.1)  # stands in for a stop request
    say("main: stop requested")
    await stop(feeder)        # 1. take no new orders
    await orders.join()       # 2. finish the queued ones
    say("main: queue drained")
    await stop(*workers)      # 3. then stop the idle workers
    say(f"main: {taken[0]} orders taken, {orders.qsize()} left in the queue")


async def main() -> None:
    async with asyncio.TaskGroup() as tg:  # nothing outlives the service
        await service(tg)


asyncio.run(main())
