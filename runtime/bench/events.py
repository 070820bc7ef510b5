"""events: two tasks wake each other through asyncio.Event."""
import asyncio
import json
import sys
import time


async def player(n, me, other):
    for _ in range(n // 2):
        other.set()
        await me.wait()
        me.clear()
    other.set()


async def game(n):
    ping, pong = asyncio.Event(), asyncio.Event()
    t = [asyncio.create_task(player(n, ping, pong)),
         asyncio.create_task(player(n, pong, ping))]
    t0 = time.perf_counter()
    await asyncio.gather(*t)
    return time.perf_counter() - t0


n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
print(json.dumps({"n": n, "seconds": asyncio.run(game(n))}))
