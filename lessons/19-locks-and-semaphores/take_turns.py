# take_turns.py: the asyncio twin of take_turns.c.
import asyncio

lock = asyncio.Lock()
START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def customer(name: str) -> None:
    for round_ in (1, 2):
        async with lock:  # released at the end of the block
            print(f"{now():.2f} s  {name} has the lock (round {round_})")
            await asyncio.sleep(1)


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    await asyncio.gather(customer("A"), customer("B"), customer("C"))
    print(f"{now():.2f} s  done")


asyncio.run(main())
