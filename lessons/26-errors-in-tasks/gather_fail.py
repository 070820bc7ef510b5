# gather_fail.py: the asyncio twin of gather_fail.c.
import asyncio
from dataclasses import dataclass

START = 0.0


def now() -> float:
    return asyncio.get_running_loop().time() - START


class NoAnswer(Exception):
    pass


@dataclass
class Fetch:
    name: str
    takes: float
    fails: bool


async def fetch(f: Fetch) -> int:
    await asyncio.sleep(f.takes)
    if f.fails:
        raise NoAnswer(f"{f.name}: no answer")
    print(f"{now():.2f} s  {f.name}: done")
    return 1


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    fs = [Fetch("users", 0.1, False), Fetch("orders", 0.2, True),
          Fetch("stock", 0.3, False)]
    ts = [asyncio.create_task(fetch(f)) for f in fs]
    try:
        await asyncio.gather(*ts)
    except NoAnswer as e:
        print(f"{now():.2f} s  gather raised: {e}")
    await asyncio.sleep(0.2)
    for f, t in zip(fs, ts):
        state = ("failed" if t.done() and t.exception() else
                 "done" if t.done() else "pending")
        print(f"{f.name}: {state}")


asyncio.run(main())
