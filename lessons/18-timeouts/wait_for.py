# wait_for.py: the asyncio twin of wait_for.c.
import asyncio
import time
from dataclasses import dataclass

START = 0.0  # when main began


def now() -> float:
    return time.perf_counter() - START


@dataclass
class Request:
    what: str
    takes: float
    answer: int


async def ask(r: Request) -> int:
    try:
        await asyncio.sleep(r.takes)
    except asyncio.CancelledError:
        print(f"{now():.2f} s  {r.what}: request abandoned, "
              "connection closed")
        raise
    print(f"{now():.2f} s  {r.what}: answered")
    return r.answer


async def ask_within(r: Request, timeout: float) -> None:
    t = asyncio.create_task(ask(r))
    try:
        v = await asyncio.wait_for(t, timeout)
        print(f"{now():.2f} s  main: {r.what} is {v}")
    except TimeoutError:
        cancelled = "yes" if t.cancelled() else "no"
        print(f"{now():.2f} s  main: no {r.what} within {timeout:.1f} s "
              f"(cancelled: {cancelled})")


async def main() -> None:
    global START
    START = time.perf_counter()
    await ask_within(Request("weather", 0.3, 21), 1.0)
    await ask_within(Request("stocks", 5.0, 99), 1.0)
    print(f"{now():.2f} s  main: done")


asyncio.run(main())
