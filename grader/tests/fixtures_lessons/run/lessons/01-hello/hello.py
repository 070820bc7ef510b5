# hello.py: the asyncio twin of hello.c (a grader test fixture).
import asyncio
import time


async def nap(seconds: float) -> None:
    await asyncio.sleep(seconds)
    print(f"woke after {seconds:.1f} s")


async def main() -> None:
    a = asyncio.create_task(nap(0.2))
    b = asyncio.create_task(nap(0.1))
    await a
    await b


start = time.perf_counter()
asyncio.run(main())
print(f"took {time.perf_counter() - start:.2f} s")
