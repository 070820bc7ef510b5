import asyncio


async def waiter(box: asyncio.Future[int]) -> None:
    print("waiter: waiting")
    v = await box
    loop = asyncio.get_running_loop()
    print(f"waiter: got {v} at {loop.time() - START:.2f} s")


async def filler(box: asyncio.Future[int]) -> None:
    await asyncio.sleep(0.5)
    print("filler: setting the result")
    box.set_result(42)
    print("filler: done")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    box: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    print(f"done before: {box.done()}")
    w = asyncio.create_task(waiter(box))
    f = asyncio.create_task(filler(box))
    await w
    await f
    print(f"done after: {box.done()}, result {box.result()}")


START = 0.0
asyncio.run(main())
