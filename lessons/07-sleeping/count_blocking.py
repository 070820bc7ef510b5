import asyncio
import time


async def count() -> None:
    print("One")
    time.sleep(1)
    print("Two")


async def main() -> None:
    await asyncio.gather(count(), count(), count())


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    print(f"count_blocking exec in {time.perf_counter() - start:.2f} seconds.")
