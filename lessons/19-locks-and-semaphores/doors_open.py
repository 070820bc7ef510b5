# doors_open.py: the asyncio twin of doors_open.c.
import asyncio

doors = asyncio.Event()
START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def shopper(name: str, arrives: float) -> None:
    await asyncio.sleep(arrives)
    print(f"{now():.2f} s  {name} waits at the door")
    await doors.wait()
    print(f"{now():.2f} s  {name} goes in")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    shoppers = [("Ann", 0.1), ("Bob", 0.2), ("Cy", 0.3), ("Dee", 0.7)]
    tasks = [asyncio.create_task(shopper(n, a)) for n, a in shoppers]
    await asyncio.sleep(0.5)
    print(f"{now():.2f} s  the doors open")
    doors.set()
    await asyncio.gather(*tasks)


asyncio.run(main())
