# rules.py: the legal half of the syntax rules, made runnable: a coroutine
# that awaits and returns, an async generator consumed by async for
# (lesson 05).
import asyncio


async def z(x: int) -> int:
    await asyncio.sleep(0.1)
    return x * 10


async def f(x: int) -> int:
    y = await z(x)  # `await` and `return` are allowed in coroutines
    return y


async def g(x: int):  # type: ignore[no-untyped-def]
    yield x  # `yield` in an `async def`: an async generator


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    print(await f(4))
    async for v in g(7):
        print(v)
    print(f"elapsed {loop.time() - start:.2f} s")


asyncio.run(main())
