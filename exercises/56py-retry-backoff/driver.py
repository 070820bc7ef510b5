"""driver.py: a service busy once, then fetches cancelled while they wait
to retry and in the middle of an attempt. Given a seed (the grader draws
one each time it grades), how busy each service is and when each fetch
is cancelled are drawn from it; with none, they are those below.
Exercise 56py."""
import asyncio
import random
import sys
import time

import retry
from retry import Service, fetch


def plans():
    """(service, seconds before the cancel, or None: never)."""
    if len(sys.argv) < 2:
        return [(Service("once", busy_for=1), None),
                (Service("napping", busy_for=99), 0.3),
                (Service("working", busy_for=99), 0.42)]
    rng = random.Random(int(sys.argv[1]))
    # attempts start at 0, 0.15, 0.40, 0.85 s and end 0.05 s later
    return [(Service("once", busy_for=rng.randint(0, 3)), None),
            (Service("napping", busy_for=99), rng.choice([0.1, 0.3, 0.6])),
            (Service("working", busy_for=99), rng.choice([0.17, 0.42]))]


async def main():
    for s, after in plans():
        retry.START = start = time.perf_counter()
        task = asyncio.create_task(fetch(s))
        if after is not None:
            await asyncio.sleep(after)
            task.cancel()
        try:
            got = await task
            print(f"{s.name}: got {got} in {time.perf_counter() - start:.2f} s")
        except asyncio.CancelledError:
            print(f"{s.name}: cancelled {'yes' if task.cancelled() else 'no'}"
                  f" after {s.attempts} attempt(s)")
        except Exception as e:
            print(f"{s.name}: gave up ({e}) after {s.attempts} attempt(s)")


asyncio.run(main())
