# timeline.py: lesson 02's small exhibition; prints when she sits down at
# which board. time.sleep is her move, asyncio.sleep the opponent's reply.
import asyncio
import time

BOARDS, PAIRS, HER_MOVE, THEIR_MOVE = 3, 2, 5, 20


async def game(board: int) -> None:
    loop = asyncio.get_running_loop()
    for m in range(1, PAIRS + 1):
        print(f"t={loop.time() - start:3.0f} s  board {board}: "
              f"she moves (move {m})")
        time.sleep(HER_MOVE)
        await asyncio.sleep(THEIR_MOVE)
    print(f"t={loop.time() - start:3.0f} s  board {board}: game over")


async def exhibition() -> None:
    global start
    start = asyncio.get_running_loop().time()
    await asyncio.gather(*(game(b) for b in range(1, BOARDS + 1)))


start = 0.0
s = time.perf_counter()
asyncio.run(exhibition())
print(f"exhibition over after {time.perf_counter() - s:.0f} s "
      f"(one board at a time: {BOARDS * PAIRS * (HER_MOVE + THEIR_MOVE)} s)")
