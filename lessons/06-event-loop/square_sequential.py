import asyncio
import time


async def square(x: int) -> int:
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x


start = time.perf_counter()
loop = asyncio.new_event_loop()
results = [loop.run_until_complete(square(1)),
           loop.run_until_complete(square(2)),
           loop.run_until_complete(square(3))]
print(results)
print(f"elapsed {time.perf_counter() - start:.2f} s")
loop.close()
