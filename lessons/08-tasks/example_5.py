import asyncio
import time


async def fetch_data() -> dict[str, int]:
    print("start fetching")
    await asyncio.sleep(2)
    print("done fetching")
    return {"data": 1}


async def print_numbers() -> None:
    for i in range(10):
        print(i)
        await asyncio.sleep(0.5)


async def main() -> None:
    task1 = asyncio.create_task(fetch_data())
    task2 = asyncio.create_task(print_numbers())
    value = await task1
    print(value)


start = time.perf_counter()
asyncio.run(main())
print(f"elapsed {time.perf_counter() - start:.2f} s")
