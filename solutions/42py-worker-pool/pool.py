"""Exercise 42py: a worker pool on asyncio.Queue.

The idea (lesson 20, queues), as Python says it:
  1. `await queue.get()` waits while the queue is empty; put_nowait adds
     an item at once (the queue here has no bound).
  2. queue.task_done() says one item taken is finished; `await
     queue.join()` waits until every item put has been marked done. An
     empty queue is not enough: the last items are taken but still in
     the works.
  3. Workers that loop forever end by task.cancel(): a CancelledError
     raised in their `await`, so their `finally` runs.
  4. Awaiting a cancelled task raises CancelledError in the awaiter:
     wait for cancelled workers with asyncio.gather(*tasks,
     return_exceptions=True), which collects the errors as results.

Your task: write the worker's loop (take a photo, make its thumbnail, mark
it done) and run_pool (start the workers, queue every photo, wait until
all are done and print "T s  all N photos done", cancel the workers, wait
until they have stopped and print "T s  pool closed"), so that the three
workers share the seven photos in 0.50 s and stop before "pool closed".

Run it: make run EX=42py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=42py    Stuck? python3 grader/grade.py --hint 42py
"""
import asyncio
import time
from collections import namedtuple
from dataclasses import dataclass

Photo = namedtuple("Photo", "name seconds")  # seconds: its thumbnail's time
START = 0.0  # when the program began (perf_counter)


def now():
    return time.perf_counter() - START


@dataclass
class Worker:
    number: int           # 1, 2, ...
    queue: asyncio.Queue  # the photos to do
    made: int = 0         # thumbnails made so far


async def make_thumbnail(w, photo):
    await asyncio.sleep(photo.seconds)
    w.made += 1
    print(f"{now():.2f} s  worker {w.number}: {photo.name} done")


async def worker(w):
    """Makes thumbnails until it is cancelled."""
    try:
        while True:
            photo = await w.queue.get()
            await make_thumbnail(w, photo)
            # Why: join counts task_done calls, not photos taken.
            w.queue.task_done()
    finally:
        print(f"{now():.2f} s  worker {w.number} stops, {w.made} made")


async def run_pool(photos, nworkers):
    """Makes the photos' thumbnails with nworkers workers."""
    queue = asyncio.Queue()
    workers = [Worker(i + 1, queue) for i in range(nworkers)]
    tasks = [asyncio.create_task(worker(w)) for w in workers]
    for photo in photos:
        queue.put_nowait(photo)
    # Why: an empty queue is not enough: the last photos are in the works.
    await queue.join()
    print(f"{now():.2f} s  all {len(photos)} photos done")
    for task in tasks:
        task.cancel()
    # Why: the workers' CancelledErrors come back as results, not raised.
    await asyncio.gather(*tasks, return_exceptions=True)
    print(f"{now():.2f} s  pool closed")


async def main():
    global START
    START = time.perf_counter()
    photos = [Photo("beach", 0.4), Photo("cat", 0.1), Photo("dog", 0.2),
              Photo("eagle", 0.3), Photo("fern", 0.1), Photo("goat", 0.2),
              Photo("hill", 0.1)]
    await run_pool(photos, 3)


if __name__ == "__main__":
    asyncio.run(main())
