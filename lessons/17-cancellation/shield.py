# shield.py: the asyncio twin of shield.c.
import asyncio
import time
from dataclasses import dataclass

START = 0.0  # when the current round began


def now() -> float:
    return time.perf_counter() - START


@dataclass
class File:
    blocks: int
    shielded: bool
    written: int = 0
    saving: asyncio.Task[int] | None = None


async def save(f: File) -> int:
    try:
        while f.written < f.blocks:
            await asyncio.sleep(0.1)
            f.written += 1
            print(f"{now():.2f} s  save: block {f.written} written")
    except asyncio.CancelledError:
        print(f"{now():.2f} s  save: cut off after {f.written} of "
              f"{f.blocks} blocks")
        raise
    return f.written


async def quit(f: File) -> None:
    f.saving = asyncio.create_task(save(f))
    try:
        if f.shielded:
            await asyncio.shield(f.saving)
        else:
            await f.saving
    except asyncio.CancelledError:
        print(f"{now():.2f} s  quit: cancelled while it waited for the save")
        raise
    print(f"{now():.2f} s  quit: saved, bye")  # never printed here


async def round_of(f: File) -> None:
    global START
    START = time.perf_counter()
    q = asyncio.create_task(quit(f))
    await asyncio.sleep(0.25)
    print(f"{now():.2f} s  main: cancel quit")
    q.cancel()
    await asyncio.sleep(1)
    state = "intact" if f.written == f.blocks else "corrupt"
    print(f"{now():.2f} s  main: the file has {f.written} of {f.blocks} "
          f"blocks: {state}")


async def main() -> None:
    plain, shielded = File(4, False), File(4, True)
    print("awaited plainly:")
    await round_of(plain)
    print("awaited through a shield:")
    await round_of(shielded)
    assert shielded.saving is not None
    print(f"main: the save returned {await shielded.saving}")


asyncio.run(main())
