"""spawn: create n tasks that return at once, and gather them."""
import asyncio
import json
import sys
import time


async def nothing():
    return None


async def spawn(n):
    await asyncio.gather(*[asyncio.create_task(nothing()) for _ in range(n)])


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
t0 = time.perf_counter()
asyncio.run(spawn(n))
print(json.dumps({"n": n, "seconds": time.perf_counter() - t0}))
