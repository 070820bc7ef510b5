"""sleepers: n tasks each sleep a random time under a second, at once."""
import asyncio
import json
import random
import sys
import time


async def sleepers(n):
    random.seed(1)
    await asyncio.gather(*[asyncio.create_task(asyncio.sleep(random.random()))
                           for _ in range(n)])


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
t0 = time.perf_counter()
asyncio.run(sleepers(n))
print(json.dumps({"n": n, "seconds": time.perf_counter() - t0}))
