"""Exercise 40py: a bounded crawler, with asyncio.Semaphore.

The idea (lesson 19, locks and semaphores), as Python says it:
  1. gather starts every request at once: a server that can take only a
     few at a time sees them all together.
  2. asyncio.Semaphore(k) holds k places. `async with sem:` takes one
     (waiting, in turn, while all k are taken) and gives it back however
     the block ends, a cancellation or an exception included.
  3. One semaphore shared by every request bounds them; a semaphore per
     request, or a place given back before the request, bounds nothing.
  4. Python's `async with` is C's acquire/release pair, with the release
     written for you.

Your task: write crawl. It fetches pages 1 to n with server.get, in
parallel but at most `limit` at a time, and prints the replies in page
order: six pages two at a time take three rounds, 1.50 s, and the server
reports "6 pages served, at most 2 at once".

Run it: make run EX=40py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=40py    Stuck? python3 grader/grade.py --hint 40py
"""
import asyncio
import time

DELAY = 0.5  # the server's time to answer one request


class PageServer:
    """The page server (given): do not change it. It counts how many
    requests it serves at the same time."""

    def __init__(self):
        self.active = self.most = self.served = 0

    async def get(self, page):
        self.active += 1
        self.most = max(self.most, self.active)
        try:
            await asyncio.sleep(DELAY)
        finally:
            self.active -= 1
        self.served += 1
        return f"page {page}: {page * 137 % 1000} words"

    def report(self):
        """Says what the server saw, and starts counting afresh."""
        print(f"server: {self.served} pages served, at most {self.most} "
              "at once")
        self.served = self.most = 0


async def crawl(server, n, limit):
    """Fetches pages 1 to n from server, at most `limit` at once, and
    prints the replies in page order."""
    # TODO: ask server.get for every page at once, but let at most
    # `limit` requests through at a time; then print the replies.
    raise NotImplementedError("TODO: fetch the pages, at most limit at once")


async def main():
    server = PageServer()
    start = time.perf_counter()
    await crawl(server, 6, 2)
    print(f"6 pages in {time.perf_counter() - start:.2f} s")
    server.report()


if __name__ == "__main__":
    asyncio.run(main())
