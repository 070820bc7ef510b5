# close_early.py: the asyncio twin of close_early.c.
import asyncio
from collections.abc import AsyncIterator


async def read_lines(name: str, lines: int) -> AsyncIterator[int]:
    print(f"  {name}: opened")
    try:
        for i in range(1, lines + 1):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print(f"  {name}: closed")


async def main() -> None:
    print("read everything:")
    async for line in read_lines("log.txt", 4):
        print(f"  line {line}")

    print("stop after two lines:")
    g = read_lines("log.txt", 4)
    async for line in g:
        print(f"  line {line}")
        if line == 2:
            break
    await g.aclose()  # runs the finally block, not the rest of the loop
    print("done")


asyncio.run(main())
