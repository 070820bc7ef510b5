"""driver.py: downloads cancelled at other points: before they start,
while they dial, right after they opened their file, in their chunks, and
after they finished. Given a seed (the grader draws one each time it
grades), the chunk counts and the moments are drawn from it; with none,
they are those below. Exercise 34py."""
import asyncio
import random
import sys
import time

import download as dl


def plans():
    """(name, chunks, seconds before the cancel; None: at once)."""
    if len(sys.argv) < 2:
        return [("c0", 2, None), ("c1", 2, 0.05), ("c2", 2, 0.15),
                ("c3", 4, 0.35), ("c4", 2, 1.0)]
    rng = random.Random(int(sys.argv[1]))
    # c0 before it starts, c1 while it dials, the others anywhere
    out = [("c0", rng.randint(1, 5), None), ("c1", rng.randint(1, 5), 0.05)]
    for i in range(2, 5):
        chunks = rng.randint(1, 5)
        out.append((f"c{i}", chunks, rng.randint(1, chunks + 2) / 10 + 0.05))
    return out


async def one(name, chunks, after):
    job = dl.Job(name, chunks)
    start = time.perf_counter()
    task = asyncio.create_task(dl.download(job))
    if after is not None:
        await asyncio.sleep(after)
    print(f"{name}: cancel at {time.perf_counter() - start:.2f} s: "
          f"{task.cancel()}")
    try:
        await task
    except asyncio.CancelledError:
        pass
    state = "cancelled" if task.cancelled() else "finished"
    print(f"{name}: {state}, {job.received} chunks; connections "
          f"{dl.open_connections}, temp files {dl.temp_files}")


async def main():
    for plan in plans():
        await one(*plan)


asyncio.run(main())
