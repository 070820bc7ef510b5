# agen.py: the asyncio twin of agen.c. It prints Python's type name,
# async_generator, where the C prints async_gen (agen.py.expected).
import asyncio
import time
from collections.abc import AsyncIterator


async def async_generator_function() -> AsyncIterator[str]:
    yield "something"
    await asyncio.sleep(0.1)
    yield "other thing"


async def main() -> None:
    start = time.perf_counter()
    async for val in async_generator_function():
        print(val)

    x = async_generator_function()
    print(type(x).__name__)
    print(await x.__anext__())
    print(await x.__anext__())
    try:
        await x.__anext__()
    except StopAsyncIteration:
        print("StopAsyncIteration")

    print(f"elapsed {time.perf_counter() - start:.2f} s")


asyncio.run(main())
