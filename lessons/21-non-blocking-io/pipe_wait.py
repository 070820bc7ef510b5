# pipe_wait.py: the asyncio twin of pipe_wait.c. wait_readable is
# async_wait_readable: loop.add_reader wakes a future when fd is readable.
import asyncio
import os
import time

START = 0.0  # when main began
R, W = -1, -1  # the pipe


def say(who: str, what: str) -> None:
    print(f"{time.perf_counter() - START:.2f} s  {who}: {what}")


async def wait_readable(fd: int) -> None:
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    loop.add_reader(fd, ready.set_result, None)
    try:
        await ready
    finally:
        loop.remove_reader(fd)


async def read_when_ready(fd: int, n: int) -> bytes:
    while True:
        try:
            return os.read(fd, n)
        except BlockingIOError:
            say("reader", "nothing yet, waiting")
            await wait_readable(fd)


async def reader() -> None:
    while data := await read_when_ready(R, 64):
        say("reader", f'got "{data.decode()}"')
    say("reader", "end of file")


async def writer() -> None:
    for word in ("one", "two", "three"):
        await asyncio.sleep(0.5)
        os.write(W, word.encode())  # a pipe with room: never waits here
    os.close(W)


async def ticker() -> None:
    for _ in range(3):
        await asyncio.sleep(0.4)
        say("ticker", "the loop is free")


async def main() -> None:
    global START, R, W
    START = time.perf_counter()
    R, W = os.pipe()
    os.set_blocking(R, False)
    await asyncio.gather(reader(), writer(), ticker())
    os.close(R)


asyncio.run(main())
