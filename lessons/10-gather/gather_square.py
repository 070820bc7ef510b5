import asyncio
import time


async def square(x: int) -> int:
    print("Square", x)
    await asyncio.sleep(1)
    print("End square", x)
    return x * x


async def main() -> None:
    r = await asyncio.gather(square(1), square(2), square(3))
    print(r)


start = time.perf_counter()
asyncio.run(main())
print(f"elapsed {time.perf_counter() - start:.2f} s")
