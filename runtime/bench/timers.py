"""timers: n call_later timers with random deadlines under an hour, fired
under a virtual clock (a selector that moves time on instead of waiting)."""
import asyncio
import json
import random
import selectors
import sys
import time


class VirtualSelector(selectors.SelectSelector):
    def __init__(self, clock):
        super().__init__()
        self.clock = clock

    def select(self, timeout=None):
        if timeout:
            self.clock[0] += timeout
        return []


n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
clock = [0.0]
loop = asyncio.SelectorEventLoop(VirtualSelector(clock))
loop.time = lambda: clock[0]
fired = 0


def tick():
    global fired
    fired += 1


random.seed(1)
t0 = time.perf_counter()
for _ in range(n):
    loop.call_later(3600 * random.random(), tick)
loop.call_later(3601, loop.stop)
loop.run_forever()
seconds = time.perf_counter() - t0
loop.close()
assert fired == n, f"{fired} of {n} timers fired"
print(json.dumps({"n": n, "seconds": seconds}))
