# orphans.py: the asyncio twin of orphans.c.
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
    await asyncio.sleep(m.takes)
    if m.refuses:
        raise Refused(f"{m.name}: mirror refused")
    print(f"{now():.2f} s  {m.name}: uploaded")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    try:
        await asyncio.gather(*(upload(m) for m in MIRRORS))
    except Refused as e:
        print(f"{now():.2f} s  main: upload failed: {e}")
    print(f"{now():.2f} s  main: moving on")
    await asyncio.sleep(0.5)
    print(f"{now():.2f} s  main: done")


asyncio.run(main())
