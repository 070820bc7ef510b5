"""Exercise 26py: let the spinner spin, in asyncio.

The idea (lesson 13, starvation), as Python says it:
  1. The loop never takes the thread from a task: a task runs until it
     reaches an `await` that suspends. Computing is not suspending, and
     neither is an `async def` with no await inside: calling one from a
     task runs it straight through.
  2. So a task that renders every frame in one go starves the others:
     the spinner, ready all along, gets no turn until the end.
  3. `await asyncio.sleep(0)` suspends for no time at all: the task goes
     to the back of the ready queue, and every task that was ready runs
     first. (time.sleep(0) does not: the loop never hears of it.)

Your task: render_frames draws all its frames without a pause, so the
spinner prints only once, at the end. Make it give the loop back after
each frame, so that the output alternates "frame 1 rendered",
"spinner: 1 of 4 frames", "frame 2 rendered", ... and the run still takes
no (virtual) time at all.

Run it: make run EX=26py (at once, on the virtual clock; REAL=1: for real)
Check it: make grade EX=26py    Stuck? python3 grader/grade.py --hint 26py
"""
import asyncio

frames_done = 0  # read by the spinner


def render_frame(frame):
    """Real work (a checksum of a fake image); no waiting."""
    h = 5381
    for px in range(20000):
        h = (h * 33 + (px ^ frame)) & 0xFFFFFFFF
    return h


async def render_frames(n):
    """Renders frames 1..n, counting them in frames_done."""
    global frames_done
    for i in range(1, n + 1):
        render_frame(i)
        frames_done = i
        print(f"frame {i} rendered")
        # Why: a turn for every task that is ready, at no cost in time.
        await asyncio.sleep(0)


async def spinner(total):
    """Reports progress each time it gets a turn, until all are done."""
    while True:
        print(f"spinner: {frames_done} of {total} frames")
        if frames_done == total:
            return
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(render_frames(4), spinner(4))


if __name__ == "__main__":
    asyncio.run(main())
