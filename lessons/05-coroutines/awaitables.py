# awaitables.py: await works on tasks and futures; awaiting one that is
# already done returns at once (lesson 05).
import asyncio


async def seven() -> int:
    await asyncio.sleep(0.5)
    return 7


async def main() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    t = asyncio.create_task(seven())
    f = loop.create_future()
    loop.call_later(1.0, f.set_result, 8)

    v = await t
    print(f"task:       {v} at {loop.time() - start:.2f} s")
    v = await f
    print(f"future:     {v} at {loop.time() - start:.2f} s")
    v = await t
    print(f"task again: {v} at {loop.time() - start:.2f} s")


asyncio.run(main())
