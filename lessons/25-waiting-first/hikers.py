# hikers.py: the asyncio twin of hikers.c.
import asyncio

START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def hike(checkpoint: asyncio.Barrier, name: str, legs) -> None:
    for i, leg in enumerate(legs):
        await asyncio.sleep(leg)
        index = await checkpoint.wait()
        if index == checkpoint.parties - 1:
            print(f"{now():.2f} s  {name} arrives last at "
                  f"checkpoint {i + 1}")
        print(f"{now():.2f} s  {name} leaves checkpoint {i + 1} "
              f"(arrived #{index + 1})")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    checkpoint = asyncio.Barrier(3)
    hikers = [("Ann", (1.0, 2.5)), ("Bob", (1.5, 1.0)), ("Cy", (0.5, 2.0))]
    await asyncio.gather(*(hike(checkpoint, n, legs) for n, legs in hikers))


asyncio.run(main())
