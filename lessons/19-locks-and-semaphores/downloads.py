# downloads.py: the asyncio twin of downloads.c.
import asyncio

places = asyncio.Semaphore(2)  # two downloads at a time
running = 0  # downloads under way now
most = 0  # the most ever under way at once
START = 0.0  # when main began, in loop time


def now() -> float:
    return asyncio.get_running_loop().time() - START


async def download(n: int) -> None:
    global running, most
    async with places:
        running += 1
        most = max(most, running)
        print(f"{now():.2f} s  start {n} ({running} running)")
        await asyncio.sleep(1)
        running -= 1
        print(f"{now():.2f} s  done {n}")


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    await asyncio.gather(*(download(n) for n in range(1, 7)))
    print(f"6 downloads in {now():.2f} s, "
          f"at most {most} at once")


asyncio.run(main())
