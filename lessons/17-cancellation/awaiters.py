# awaiters.py: the asyncio twin of awaiters.c. CancelledError climbs the
# chain of awaits up to asyncio.run, which raises it.
import asyncio
import time

START = 0.0  # when main began


def say(text: str) -> None:
    print(f"{time.perf_counter() - START:.2f} s  {text}")


async def fetch() -> int:
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        say("fetch: cancelled in its sleep")
        raise
    return 42


async def report(f: asyncio.Task[int]) -> None:
    try:
        v = await f  # f cancelled: so are we, right here
    except asyncio.CancelledError:
        say("report: cancelled in its await")
        raise
    print(f"report: fetch returned {v}")  # never printed


async def main() -> None:
    global START
    START = time.perf_counter()
    f = asyncio.create_task(fetch())
    r = asyncio.create_task(report(f))
    await asyncio.sleep(1)
    say("main: cancel fetch")
    f.cancel()
    try:
        await r
    except asyncio.CancelledError:
        say("main: cancelled in its await")
        raise
    say("main: report finished")  # never printed


try:
    asyncio.run(main())
except asyncio.CancelledError:
    print("the run is over: main was cancelled")
