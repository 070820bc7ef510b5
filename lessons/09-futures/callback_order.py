import asyncio
import functools


def report(name: str, f: asyncio.Future[int]) -> None:
    print(f"callback {name} sees {f.result()}")


async def waiter(f: asyncio.Future[int]) -> None:
    v = await f
    print(f"waiter resumes with {v}")


async def main() -> None:
    f: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    f.add_done_callback(functools.partial(report, "first"))
    w = asyncio.create_task(waiter(f))
    await asyncio.sleep(0)
    f.add_done_callback(functools.partial(report, "third"))

    f.set_result(7)
    print("set_result returned; nothing has run yet")
    await w
    print("main resumes")


asyncio.run(main())
