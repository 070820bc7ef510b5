# watchdog.py: the asyncio twin of watchdog.c. (Run it with
# PYTHONASYNCIODEBUG=1 to see asyncio's own "Executing ... took" warning.)
import asyncio
import time


def compute_for(seconds: float) -> None:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        pass


async def heartbeat() -> None:
    loop = asyncio.get_running_loop()
    for i in (1, 2, 3):
        t0 = loop.time()
        await asyncio.sleep(0.05)
        late = loop.time() - t0 - 0.05
        print(f"heartbeat {i}: {'late' if late > 0.1 else 'on time'}")


async def crunch() -> None:
    compute_for(0.3)
    print("crunch: done")


async def crunch_in_slices() -> None:
    for _ in range(15):
        compute_for(0.02)
        await asyncio.sleep(0)  # a turn for the heartbeat, if it is due
    print("crunch_in_slices: done")


async def main() -> None:
    print("-- in one piece")
    await asyncio.gather(heartbeat(), crunch())
    print("-- in slices")
    await asyncio.gather(heartbeat(), crunch_in_slices())


asyncio.run(main())
