import asyncio


async def slow_double(x: int) -> int:
    await asyncio.sleep(1)
    return 2 * x


def announce(f: asyncio.Future[int]) -> None:
    print(f"slow_double finished with {f.result()}")


async def main() -> None:
    t = asyncio.create_task(slow_double(21))
    t.add_done_callback(announce)
    print(f"done: {t.done()}")
    v = await t
    print(f"main got {v}; task done: {t.done()}")


asyncio.run(main())
