# happy_eyeballs.py: the asyncio twin of happy_eyeballs.c.
import asyncio


START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def try_connect(addr: str, takes: float, ok: bool) -> bool:
    print(f"{now():.2f} s  trying {addr}")
    try:
        await asyncio.sleep(takes)
    except asyncio.CancelledError:
        print(f"{now():.2f} s  {addr} abandoned")
        raise
    print(f"{now():.2f} s  {addr} {'connected' if ok else 'refused'}")
    return ok


async def staggered(addrs, delay):
    running, order, winner = set(), [], None
    next = 0
    while winner is None and (next < len(addrs) or running):
        if next < len(addrs):
            t = asyncio.create_task(try_connect(*addrs[next]),
                                    name=addrs[next][0])
            running.add(t)
            order.append(t)
            next += 1
        done, running = await asyncio.wait(
            running, timeout=delay if next < len(addrs) else None,
            return_when=asyncio.FIRST_COMPLETED)
        for t in order:  # argument order, as the C program's sets
            if t in done and winner is None and t.result():
                winner = t
    for t in order:
        if t in running:
            t.cancel()
    if running:
        await asyncio.wait(running)
    return winner


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    addrs = [("10.0.0.1", 1.00, True),   # slow, but would connect
             ("10.0.0.2", 0.10, False),  # refused
             ("10.0.0.3", 0.20, True)]   # quick
    w = await staggered(addrs, 0.25)
    print(f"{now():.2f} s  using {w.get_name() if w else 'none'}")


asyncio.run(main())
