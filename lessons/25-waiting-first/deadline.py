# deadline.py: the asyncio twin of deadline.c.
import asyncio

START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def read_sensor(takes: float, value: int) -> int:
    await asyncio.sleep(takes)
    return value


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    sensors = [("hall", 0.2, 21), ("roof", 0.9, 14), ("cellar", 0.4, 12),
               ("garden", 2.0, 9)]
    tasks = [asyncio.create_task(read_sensor(t, v), name=n)
             for n, t, v in sensors]
    done, pending = await asyncio.wait(tasks, timeout=0.5)
    print(f"{now():.2f} s  report:")
    for t in tasks:  # the sets in argument order, as in C
        if t in done:
            print(f"  {t.get_name()}: {t.result()}")
    for t in tasks:
        if t in pending:
            print(f"  {t.get_name()}: late")
            t.cancel()


asyncio.run(main())
