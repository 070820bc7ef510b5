import asyncio


async def work(job_id: int, seconds: float) -> int:
    await asyncio.sleep(seconds)
    loop = asyncio.get_running_loop()
    print(f"job {job_id} finished at {loop.time() - START:.2f} s")
    return job_id * 100


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    r = await asyncio.gather(work(1, 0.3), work(2, 0.1), work(3, 0.2))
    for i, v in enumerate(r):
        print(f"result {i}: {v}")


START = 0.0
asyncio.run(main())
