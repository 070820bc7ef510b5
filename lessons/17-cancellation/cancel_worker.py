# cancel_worker.py: the asyncio twin of cancel_worker.c.
import asyncio
import time
from dataclasses import dataclass

START = 0.0  # when main began


def now() -> float:
    return time.perf_counter() - START


@dataclass
class Download:
    name: str
    chunks: int
    received: int = 0


async def download(d: Download) -> int:
    print(f"{now():.2f} s  {d.name}: file opened")
    try:
        while d.received < d.chunks:
            await asyncio.sleep(1)  # where a cancellation finds it
            d.received += 1
            print(f"{now():.2f} s  {d.name}: chunk {d.received}")
    finally:
        print(f"{now():.2f} s  {d.name}: file closed after "
              f"{d.received} of {d.chunks} chunks")
    return d.received


def said(ok: bool) -> str:
    return "true" if ok else "false (it is done)"


async def main() -> None:
    global START
    START = time.perf_counter()
    small, large = Download("small", 2), Download("large", 5)
    ts = asyncio.create_task(download(small))
    tl = asyncio.create_task(download(large))
    await asyncio.sleep(2.5)
    print(f"{now():.2f} s  main: cancel small: {said(ts.cancel())}")
    print(f"{now():.2f} s  main: cancel large: {said(tl.cancel())}")
    await asyncio.sleep(0)  # one turn of the loop: large unwinds in it
    large_cancelled = "yes" if tl.cancelled() else "no"
    print(f"{now():.2f} s  main: small returned {ts.result()}; "
          f"large cancelled? {large_cancelled}")


asyncio.run(main())
