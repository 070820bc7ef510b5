# worker_pool.py: the asyncio twin of worker_pool.c.
import asyncio

JOBS = [3, 1, 2, 1, 1, 2]  # each job's length in seconds
START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def worker(n: int, q: asyncio.Queue[int]) -> None:
    try:
        while True:
            job = await q.get()
            await asyncio.sleep(JOBS[job - 1])
            print(f"{now():.2f} s  worker {n} finished job {job} "
                  f"({JOBS[job - 1]} s)")
            q.task_done()
    finally:  # runs when the worker is cancelled
        print(f"{now():.2f} s  worker {n} stops")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    q: asyncio.Queue[int] = asyncio.Queue()
    workers = [asyncio.create_task(worker(n, q)) for n in (1, 2, 3)]
    for job in range(1, len(JOBS) + 1):
        q.put_nowait(job)
    await q.join()  # every job got its task_done
    print(f"{now():.2f} s  all {len(JOBS)} jobs done "
          f"({sum(JOBS)} s of work)")
    for w in workers:  # they wait in get() forever: stop them
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"{now():.2f} s  pool closed")


asyncio.run(main())
