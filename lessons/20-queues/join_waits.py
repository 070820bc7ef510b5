# join_waits.py: the asyncio twin of join_waits.c.
import asyncio

START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def worker(q: asyncio.Queue[str]) -> None:
    for _ in range(2):  # two jobs today
        job = await q.get()
        print(f"{now():.2f} s  took {job}, the queue is "
              f"{'empty' if q.empty() else 'not empty'}")
        await asyncio.sleep(1)
        print(f"{now():.2f} s  {job} done")
        q.task_done()


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    q: asyncio.Queue[str] = asyncio.Queue()
    for job in ("wash", "dry"):
        q.put_nowait(job)
    w = asyncio.create_task(worker(q))
    await q.join()
    print(f"{now():.2f} s  join returns")
    await w


asyncio.run(main())
