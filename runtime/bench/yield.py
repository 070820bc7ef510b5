"""yield: two tasks hand the loop back and forth with asyncio.sleep(0)."""
import asyncio
import json
import sys
import time


async def player(n):
    for _ in range(n // 2):
        await asyncio.sleep(0)


async def game(n):
    t = [asyncio.create_task(player(n)), asyncio.create_task(player(n))]
    t0 = time.perf_counter()
    await asyncio.gather(*t)
    return time.perf_counter() - t0


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
print(json.dumps({"n": n, "seconds": asyncio.run(game(n))}))
