# plates.py: the asyncio twin of plates.c.
import asyncio

START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START

plates = 0  # on the counter now


async def guest(counter: asyncio.Condition, name: str, need: int) -> None:
    global plates
    async with counter:
        await counter.wait_for(lambda: plates >= need)
        plates -= need
        print(f"{now():.2f} s  "
              f"{name} takes {need}, {plates} left")


async def cook(counter: asyncio.Condition) -> None:
    global plates
    for i in range(6):
        await asyncio.sleep(0.1)
        async with counter:
            plates += 1
            print(f"{now():.2f} s  "
                  f"plate {i + 1} out")
            counter.notify_all()


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    counter = asyncio.Condition()
    guests = [("Ann", 2), ("Bob", 1), ("Cy", 3)]
    await asyncio.gather(*(guest(counter, n, k) for n, k in guests),
                         cook(counter))


asyncio.run(main())
