import asyncio


async def coro(seq: list[int]) -> list[int]:
    await asyncio.sleep(max(seq))
    return list(reversed(seq))


async def main() -> list[list[int]]:
    loop = asyncio.get_running_loop()
    start = loop.time()
    t = asyncio.create_task(coro([3, 2, 1]))
    t2 = asyncio.create_task(coro([10, 5, 0]))
    print(f"Start: {loop.time() - start:.2f} s")
    a = await asyncio.gather(t, t2)
    print(f"End: {loop.time() - start:.2f} s")
    print(f"Both done: {all((t.done(), t2.done()))}")
    return a


a = asyncio.run(main())
print(a)
