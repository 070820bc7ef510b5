import asyncio


async def coro(seq: list[int]) -> list[int]:
    # The "I/O wait" lasts as many seconds as the largest element.
    await asyncio.sleep(max(seq))
    return list(reversed(seq))


async def main() -> None:
    t = asyncio.create_task(coro([3, 2, 1]))
    r = await t
    print(f"t: type {type(t)}")
    print(f"t done: {t.done()}")
    print(f"t result: {r}")


t = asyncio.run(main())
print(t)
