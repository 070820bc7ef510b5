# done_callback.py: a done-callback on a task runs when the task finishes,
# before the coroutine that awaits the task resumes (lesson 03).
import asyncio


async def brew() -> int:
    print("brew: the kettle is on")
    await asyncio.sleep(2)
    print("brew: done")
    return 4


def announce(t: asyncio.Task[int]) -> None:
    print(f"callback: {t.result()} cups are ready")


async def morning() -> None:
    loop = asyncio.get_running_loop()
    start = loop.time()
    t = asyncio.create_task(brew())
    t.add_done_callback(announce)
    print("main: waiting for the coffee")
    cups = await t
    print(f"main: got {cups} cups at {loop.time() - start:.0f} s")


asyncio.run(morning())
