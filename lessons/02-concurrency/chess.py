# chess.py: the chess exhibition of lesson 02 as asyncio would run it.
# Her move is time.sleep (it blocks: she thinks); a reply is
# asyncio.sleep (she walks on to the next board meanwhile).
import asyncio
import time

BOARDS, PAIRS, HER_MOVE, THEIR_MOVE = 24, 30, 5, 55


def exhibition_sync() -> None:
    for _ in range(BOARDS):
        for _ in range(PAIRS):
            time.sleep(HER_MOVE)
            time.sleep(THEIR_MOVE)


async def game() -> None:
    for _ in range(PAIRS):
        time.sleep(HER_MOVE)
        await asyncio.sleep(THEIR_MOVE)


async def exhibition_async() -> None:
    await asyncio.gather(*(game() for _ in range(BOARDS)))


def main() -> None:
    start = time.perf_counter()
    exhibition_sync()
    sync = time.perf_counter() - start
    print(f"sync  total: {sync:.0f} s = {sync / 3600:.1f} h")

    start = time.perf_counter()
    asyncio.run(exhibition_async())
    secs = round(time.perf_counter() - start)
    print(f"async total: {secs} s = {secs // 60} min {secs % 60} s")
    print(f"speed-up: {sync / secs:.1f}x")


if __name__ == "__main__":
    main()
