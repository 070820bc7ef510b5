import asyncio
import time


async def print_values(values: list[int], delay: float) -> None:
    for item in values:
        print(item)
        await asyncio.sleep(delay)


async def main() -> None:
    start = time.perf_counter()
    task1 = asyncio.create_task(print_values([1, 3, 5], 0.2))
    task2 = asyncio.create_task(print_values([2, 4], 0.3))
    await task1
    await task2
    print(f"elapsed {time.perf_counter() - start:.2f} s")


asyncio.run(main())
