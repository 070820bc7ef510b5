# group.py: the asyncio twin of group.c.
import asyncio
from dataclasses import dataclass

START = 0.0


def now() -> float:
    return asyncio.get_running_loop().time() - START


class Refused(Exception):
    pass


@dataclass
class Mirror:
    name: str
    takes: float
    refuses: bool


MIRRORS = [Mirror("eu", 0.1, False), Mirror("us", 0.2, True),
           Mirror("asia", 0.4, False)]


async def upload(m: Mirror) -> None:
    try:
        await asyncio.sleep(m.takes)
    except asyncio.CancelledError:
        print(f"{now():.2f} s  {m.name}: cancelled")
        raise
    if m.refuses:
        raise Refused(f"{m.name}: mirror refused")
    print(f"{now():.2f} s  {m.name}: uploaded")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    try:
        async with asyncio.TaskGroup() as tg:
            for m in MIRRORS:
                tg.create_task(upload(m))
    except* Refused as eg:
        for e in eg.exceptions:
            print(f"{now():.2f} s  main: upload failed: {e}")
    print(f"{now():.2f} s  main: moving on, nothing left running")
    await asyncio.sleep(0.5)
    print(f"{now():.2f} s  main: done")


asyncio.run(main())
