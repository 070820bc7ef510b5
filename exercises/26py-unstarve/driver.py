"""driver.py: runs the student's render_frames next to a watcher of its
own, which counts the turns it gets. Given a seed (the grader draws one
each time it grades), the number of frames is drawn from it; with none,
it is 6. Exercise 26py."""
import asyncio
import random
import sys

import render

N = 6 if len(sys.argv) < 2 else random.Random(int(sys.argv[1])).randint(2, 9)


async def renderer():
    await render.render_frames(N)
    print("renderer: done")


async def watcher():
    turns = 0
    while render.frames_done < N:
        turns += 1
        print(f"watcher: turn {turns} sees {render.frames_done}")
        await asyncio.sleep(0)
    print(f"watcher: {turns} turns")


async def main():
    await asyncio.gather(renderer(), watcher())


asyncio.run(main())
