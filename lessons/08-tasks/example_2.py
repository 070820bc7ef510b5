import asyncio
import time


async def main() -> None:
    print("hello")
    task = asyncio.create_task(foo("text"))
    print("finished")


async def foo(text: str) -> None:
    print(text)
    await asyncio.sleep(1)


start = time.perf_counter()
asyncio.run(main())
print(f"elapsed {time.perf_counter() - start:.2f} s")
