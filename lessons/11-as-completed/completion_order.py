# completion_order.py: the asyncio twin of completion_order.c.
import asyncio
import time

JOBS = [("slow", 0.3), ("fast", 0.1), ("medium", 0.2)]


async def run_job(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)
    return name


async def main() -> None:
    print("as_completed:")
    start = time.perf_counter()
    tasks = [asyncio.create_task(run_job(n, s)) for n, s in JOBS]
    for next_done in asyncio.as_completed(tasks):
        name = await next_done
        print(f"  {time.perf_counter() - start:.2f} s  {name}")

    print("gather:")
    start = time.perf_counter()
    names = await asyncio.gather(*(run_job(n, s) for n, s in JOBS))
    for name in names:
        print(f"  {time.perf_counter() - start:.2f} s  {name}")


asyncio.run(main())
