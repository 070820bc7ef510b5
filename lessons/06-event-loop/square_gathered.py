import asyncio
import time


async def square(x: int) -> int:
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x


async def all_squares() -> list[int]:
    return await asyncio.gather(square(1), square(2), square(3))


start = time.perf_counter()
loop = asyncio.new_event_loop()
task = loop.create_task(all_squares())
results = loop.run_until_complete(task)
print(results)
print(f"elapsed {time.perf_counter() - start:.2f} s")
loop.close()
